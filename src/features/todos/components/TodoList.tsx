import type { Id } from "@convex/_generated/dataModel";
import { SortableList } from "@/components/ui/SortableList";
import type { Todo } from "../optimistic";
import type { TodoActions, TodoNeighbours } from "../useTodoActions";
import { TodoItem } from "./TodoItem";

/** A list of a day's items and what its items need. */
export type TodoListProps = {
  todos: Todo[];
  actions: TodoActions;
  neighbours: (id: Id<"todos">) => TodoNeighbours;
};

/** A day's open items, reorderable by each item's handle. */
export function TodoList({ todos, actions, neighbours }: TodoListProps) {
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
          sortable={sortable}
        />
      )}
    />
  );
}
