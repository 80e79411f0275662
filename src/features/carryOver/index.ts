export { CarryOverSection } from "./components/CarryOverSection";
export { useMoveUnfinishedOnOpen } from "./useMoveUnfinishedOnOpen";
