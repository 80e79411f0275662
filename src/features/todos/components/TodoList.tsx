import { memo, useCallback } from "react";
import type { Id } from "@convex/_generated/dataModel";
import {
  SortableList,
  type SortableRowProps,
} from "@/components/ui/SortableList";
import type { Todo } from "../optimistic";
import type { TodoActions } from "../useTodoActions";
import { TodoItem } from "./TodoItem";

/** A list of a day's items and what its items need (all stable). */
export type TodoListProps = {
  todos: readonly Todo[];
  actions: TodoActions;
  /** A row's React key, kept when an optimistic item becomes the stored one. */
  keyOf: (id: Id<"todos">) => string;
};

const nameOf = (todo: Todo | undefined) => todo?.text ?? "item";

/**
 * A day's open items, reorderable by each item's handle. Memoised, as the
 * day's other parts: the day's todos re-render for the sign-in, the outbox
 * and the add field, which change nothing here.
 */
export const TodoList = memo(function TodoList({
  todos,
  actions,
  keyOf,
}: TodoListProps) {
  const renderItem = useCallback(
    (todo: Todo, sortable: SortableRowProps) => (
      <TodoItem todo={todo} actions={actions} sortable={sortable} />
    ),
    [actions],
  );
  return (
    <SortableList
      items={todos}
      label="Open todos"
      chunked
      roving
      noun="item"
      nameOf={nameOf}
      onMove={(id, where) => void actions.reorder(id, where)}
      renderItem={renderItem}
      keyOf={keyOf}
    />
  );
});
