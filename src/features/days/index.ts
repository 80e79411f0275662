import { lazy } from "react";

export { DayHeader } from "./components/DayHeader";
export { dayTitle, useDay } from "./useDay";

/**
 * The days sidebar loads in parallel with its first page of days (it shows
 * a skeleton meanwhile), keeping the day view first.
 */
export const DaysSidebar = lazy(() =>
  import("./components/DaysSidebar").then((m) => ({ default: m.DaysSidebar })),
);
