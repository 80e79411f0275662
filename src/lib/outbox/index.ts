export {
  clearOutbox,
  OutboxProvider,
  OutboxStoreProvider,
  useOutboxMutation,
  useReplayOutbox,
  useUnsentChangeCount,
  useWhenAllConfirmed,
  useWithHeldChanges,
  type ChangeArgs,
  type SendChange,
} from "./OutboxProvider";
export { newChangeId } from "./outbox";
export {
  browserOutboxStore,
  createMemoryOutboxStore,
  type OutboxEntry,
  type OutboxStore,
} from "./store";
