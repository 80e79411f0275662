export { PinnedView } from "./components/PinnedView";
