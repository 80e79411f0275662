export {
  UndoProvider,
  useUndo,
  useUndoableMutation,
  type UndoApi,
} from "./UndoProvider";
export { UNDO_STEPS, UndoStack, type Undoable } from "./undoStack";
