import { lazy } from "react";

export { useSeriesActions, type SeriesActions } from "./useSeriesActions";
export { useShowRepeats } from "./useShowRepeats";

/** The "Repeat" dialog for a todo, loaded the first time it opens. */
export const RepeatTodoDialog = lazy(
  () => import("./components/RepeatTodoDialog"),
);
