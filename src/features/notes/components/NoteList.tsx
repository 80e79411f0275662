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
import type { Note, NoteActions, NoteNeighbours } from "../useNoteActions";
import { NoteCard, type NoteCardProps } from "./NoteCard";

export type NoteListProps = {
  notes: Note[];
  actions: NoteActions;
  neighbours: (id: Id<"notes">) => NoteNeighbours;
};

function SortableNote(
  props: Omit<
    NoteCardProps,
    "dragHandle" | "handleRef" | "containerRef" | "style" | "isDragging"
  >,
) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: props.note._id });
  return (
    <NoteCard
      {...props}
      containerRef={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      isDragging={isDragging}
      handleRef={setActivatorNodeRef}
      dragHandle={{ ...attributes, ...listeners }}
    />
  );
}

/**
 * The day's notes, reorderable by pointer, touch (press and hold) and
 * keyboard (Space to lift, arrows to move, Space to drop, Esc to cancel)
 * on each note's handle. A drop is sent as the note's new neighbours.
 *
 * Sortable from the first render (dnd-kit comes with the notes chunk):
 * swapping in a sortable list later would remount notes under the caret.
 */
export function NoteList({ notes, actions, neighbours }: NoteListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, {
      activationConstraint: { delay: 200, tolerance: 6 },
    }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  );
  const nameOf = (id: string | number) =>
    notes.find((note) => note._id === id)?.title.trim() || "Untitled note";
  const positionOf = (id: string | number | undefined) =>
    notes.findIndex((note) => note._id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up note ${nameOf(active.id)}, position ${positionOf(active.id)} of ${notes.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Note ${nameOf(active.id)} moved to position ${positionOf(over.id)} of ${notes.length}.`
        : `Note ${nameOf(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Note ${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${notes.length}.`
        : `Note ${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) =>
      `Moving note ${nameOf(active.id)} was cancelled.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = notes.map((note) => note._id);
    const from = ids.indexOf(active.id as Id<"notes">);
    const to = ids.indexOf(over.id as Id<"notes">);
    if (from < 0 || to < 0) return;
    const next = arrayMove(ids, from, to);
    void actions.reorder(active.id as Id<"notes">, {
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
            "To reorder, press Space or Enter to pick the note up, use the arrow keys to move it, and press Space or Enter again to drop it. Press Escape to cancel.",
        },
      }}
    >
      <SortableContext
        items={notes.map((note) => note._id)}
        strategy={verticalListSortingStrategy}
      >
        <ul aria-label="Notes" className="flex flex-col gap-3">
          {notes.map((note) => (
            <SortableNote
              key={note._id}
              note={note}
              actions={actions}
              neighbours={() => neighbours(note._id)}
            />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}
