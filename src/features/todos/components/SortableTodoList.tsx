import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { Todo } from "../optimistic";
import type { TodoListProps } from "./TodoList";
import { TodoItem } from "./TodoItem";

function SortableTodo({
  todo,
  ...rest
}: Omit<
  Parameters<typeof TodoItem>[0],
  "dragHandle" | "handleRef" | "containerRef" | "style"
>) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: todo._id });
  return (
    <TodoItem
      todo={todo}
      {...rest}
      containerRef={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      isDragging={isDragging}
      handleRef={setActivatorNodeRef}
      dragHandle={{ ...attributes, ...listeners }}
    />
  );
}

/**
 * The open items, reorderable by pointer, touch (press and hold) and
 * keyboard (Space to lift, arrows to move, Space to drop, Esc to cancel).
 * A drop is sent as the VISIBLE neighbours; the backend places by order
 * keys, so hidden done items in between do not matter.
 */
export default function SortableTodoList({
  todos,
  actions,
  neighbours,
}: TodoListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, {
      activationConstraint: { delay: 200, tolerance: 6 },
    }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  );
  const textOf = (id: string | number) =>
    todos.find((todo) => todo._id === id)?.text ?? "item";
  const positionOf = (id: string | number | undefined) =>
    todos.findIndex((todo) => todo._id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${textOf(active.id)}, position ${positionOf(active.id)} of ${todos.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${textOf(active.id)} moved to position ${positionOf(over.id)} of ${todos.length}.`
        : `${textOf(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${textOf(active.id)} dropped at position ${positionOf(over.id)} of ${todos.length}.`
        : `${textOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${textOf(active.id)} was cancelled.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = todos.map((todo) => todo._id);
    const from = ids.indexOf(active.id as Id<"todos">);
    const to = ids.indexOf(over.id as Id<"todos">);
    if (from < 0 || to < 0) return;
    const next = arrayMove(ids, from, to);
    void actions.reorder(active.id as Id<"todos">, {
      afterId: next[to - 1] ?? null,
      beforeId: next[to + 1] ?? null,
    });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To reorder, press Space or Enter to pick the item up, use the arrow keys to move it, and press Space or Enter again to drop it. Press Escape to cancel.",
        },
      }}
    >
      <SortableContext
        items={todos.map((todo) => todo._id)}
        strategy={verticalListSortingStrategy}
      >
        <ul aria-label="Open todos" className="flex flex-col">
          {todos.map((todo: Todo) => (
            <SortableTodo
              key={todo._id}
              todo={todo}
              actions={actions}
              neighbours={() => neighbours(todo._id)}
            />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}
