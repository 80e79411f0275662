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
  type UniqueIdentifier,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import type { CSSProperties, ReactNode, Ref } from "react";
import type { Neighbours } from "@/lib/dayItems";

/** What a row needs to be draggable: spread these onto the row and handle. */
export type SortableRowProps = {
  attachRow: Ref<HTMLLIElement>;
  attachHandle: (element: HTMLElement | null) => void;
  dragHandle: Record<string, unknown>;
  style: CSSProperties;
  isDragging: boolean;
};

type SortableListProps<Item extends { _id: string }> = {
  items: Item[];
  /** The list's accessible name. */
  label: string;
  className?: string;
  /** How announcements name an item, e.g. its text. */
  nameOf: (item: Item | undefined) => string;
  /** "item" or "note", for the screen-reader instructions. */
  noun: string;
  /** A drop, as the item's new VISIBLE neighbours. */
  onMove: (id: Item["_id"], neighbours: Neighbours<Item["_id"]>) => void;
  renderItem: (item: Item, sortable: SortableRowProps) => ReactNode;
};

function SortableRow<Item extends { _id: string }>({
  item,
  renderItem,
}: Pick<SortableListProps<Item>, "renderItem"> & { item: Item }) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: item._id });
  return renderItem(item, {
    attachRow: setNodeRef,
    attachHandle: setActivatorNodeRef,
    dragHandle: { ...attributes, ...listeners },
    style: { transform: CSS.Translate.toString(transform), transition },
    isDragging,
  });
}

/**
 * The handle that picks a row up (pointer, touch or Space), the one control
 * dnd-kit listens on, so the rest of the row stays clickable and selectable.
 */
export function DragHandle({
  label,
  attachHandle,
  dragHandle,
}: {
  /** "Reorder <item>", the handle's accessible name. */
  label: string;
} & Pick<SortableRowProps, "attachHandle" | "dragHandle">) {
  return (
    <button
      type="button"
      ref={attachHandle}
      {...dragHandle}
      aria-label={label}
      className="flex size-10 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 sm:size-8 dark:text-slate-400 dark:hover:bg-slate-800"
    >
      <GripVertical aria-hidden className="size-4" />
    </button>
  );
}

/**
 * A vertical list reorderable by pointer, touch (press and hold) and
 * keyboard (Space to lift, arrows to move, Space to drop, Esc to cancel),
 * with spoken announcements. A drop is reported as the moved item's new
 * visible neighbours; the backend places by order keys, so items hidden in
 * between do not matter.
 */
export function SortableList<Item extends { _id: string }>({
  items,
  label,
  className,
  nameOf,
  noun,
  onMove,
  renderItem,
}: SortableListProps<Item>) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, {
      activationConstraint: { delay: 200, tolerance: 6 },
    }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  );
  const find = (id: UniqueIdentifier | undefined) =>
    items.find((item) => item._id === id);
  const name = (id: UniqueIdentifier | undefined) => nameOf(find(id));
  const position = (id: UniqueIdentifier | undefined) =>
    items.findIndex((item) => item._id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${name(active.id)}, position ${position(active.id)} of ${items.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${name(active.id)} moved to position ${position(over.id)} of ${items.length}.`
        : `${name(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${name(active.id)} dropped at position ${position(over.id)} of ${items.length}.`
        : `${name(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = items.map((item) => item._id);
    const from = ids.indexOf(active.id as Item["_id"]);
    const to = ids.indexOf(over.id as Item["_id"]);
    if (from < 0 || to < 0) return;
    const next = arrayMove(ids, from, to);
    onMove(active.id as Item["_id"], {
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
          draggable: `To reorder, press Space or Enter to pick the ${noun} up, use the arrow keys to move it, and press Space or Enter again to drop it. Press Escape to cancel.`,
        },
      }}
    >
      <SortableContext
        items={items.map((item) => item._id)}
        strategy={verticalListSortingStrategy}
      >
        <ul aria-label={label} className={className}>
          {items.map((item) => (
            <SortableRow key={item._id} item={item} renderItem={renderItem} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}
