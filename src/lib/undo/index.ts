export {
  UndoProvider,
  useUndo,
  useUndoableMutation,
  type StepLabel,
  type UndoApi,
} from "./UndoProvider";
export { UNDO_STEPS, UndoStack, type Undoable } from "./undoStack";
