import { lazy } from "react";

export { DayTodos } from "./components/DayTodos";

/** The Pinned view is a route of its own, loaded when it is opened. */
export const PinnedView = lazy(() => import("./components/PinnedView"));
