export { NotesSection } from "./components/NotesSection";
