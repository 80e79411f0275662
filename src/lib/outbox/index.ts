export {
  clearOutbox,
  OutboxProvider,
  OutboxStoreProvider,
  useOutboxMutation,
  useReplayOutbox,
  useUnsentChangeCount,
  useWithHeldChanges,
  type ChangeArgs,
} from "./OutboxProvider";
export {
  browserOutboxStore,
  createMemoryOutboxStore,
  type OutboxEntry,
  type OutboxStore,
} from "./store";
