import { SortableList } from "../../../components/ui/SortableList";
import type { TodoListProps } from "./TodoList";
import { TodoItem } from "./TodoItem";

/** The open items, reorderable (loaded on demand with drag-and-drop). */
export default function SortableTodoList({
  todos,
  actions,
  neighbours,
}: TodoListProps) {
  return (
    <SortableList
      items={todos}
      label="Open todos"
      className="flex flex-col"
      noun="item"
      nameOf={(todo) => todo?.text ?? "item"}
      onMove={(id, where) => void actions.reorder(id, where)}
      renderItem={(todo, sortable) => (
        <TodoItem
          key={todo._id}
          todo={todo}
          actions={actions}
          neighbours={() => neighbours(todo._id)}
          {...sortable}
        />
      )}
    />
  );
}
