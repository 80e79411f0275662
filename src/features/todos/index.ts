import { lazy } from "react";

export { DayTodos } from "./components/DayTodos";
// For lists of todos kept by other features ("From earlier days").
export { TodoItem } from "./components/TodoItem";
export type { Todo } from "./optimistic";
export { useTodoActions, type TodoActions } from "./useTodoActions";

/** The Pinned view is a route of its own, loaded when it is opened. */
export const PinnedView = lazy(() => import("./components/PinnedView"));
