export { DayTodos } from "./components/DayTodos";
