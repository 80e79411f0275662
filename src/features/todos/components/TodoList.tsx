import { lazy, Suspense } from "react";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { Todo } from "../optimistic";
import type { Neighbours, TodoActions } from "../useTodoActions";
import { TodoItem } from "./TodoItem";

export type TodoListProps = {
  todos: Todo[];
  actions: TodoActions;
  neighbours: (id: Id<"todos">) => Neighbours;
};

// Drag-and-drop loads right after the list first paints.
const SortableTodoList = lazy(() => import("./SortableTodoList"));

function PlainTodoList({ todos, actions, neighbours }: TodoListProps) {
  return (
    <ul aria-label="Open todos" className="flex flex-col">
      {todos.map((todo) => (
        <TodoItem
          key={todo._id}
          todo={todo}
          actions={actions}
          neighbours={() => neighbours(todo._id)}
        />
      ))}
    </ul>
  );
}

/** A day's open items; reorderable once drag-and-drop has loaded. */
export function TodoList(props: TodoListProps) {
  return (
    <Suspense fallback={<PlainTodoList {...props} />}>
      <SortableTodoList {...props} />
    </Suspense>
  );
}

export { PlainTodoList };
