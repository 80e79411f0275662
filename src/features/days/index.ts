export { DAY_HEADING, DayArrowFocus, DayHeader } from "./components/DayHeader";
export { DaysSidebar } from "./components/DaysSidebar";
export { dayTitle, useDay } from "./useDay";
