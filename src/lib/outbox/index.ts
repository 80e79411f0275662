export {
  clearOutbox,
  OutboxProvider,
  OutboxStoreProvider,
  useOutboxMutation,
  useUnsentChangeCount,
  type ChangeArgs,
} from "./OutboxProvider";
export {
  browserOutboxStore,
  createMemoryOutboxStore,
  type OutboxEntry,
  type OutboxStore,
} from "./store";
