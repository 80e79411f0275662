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
  type NewIndexGetter,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type ReactNode,
  type Ref,
} from "react";
import type { Neighbours } from "@/lib/dayItems";
import "./icons.css";

/**
 * What a row needs to be draggable: attach the row and the handle, spread
 * `dragHandle` onto the handle. Every field keeps its identity while the
 * row is not picked up, so a memoised row given it re-renders only when it
 * changes or is lifted/dropped; the drag's transform is set on the row
 * element directly.
 */
export type SortableRowProps = {
  attachRow: Ref<HTMLLIElement>;
  attachHandle: (element: HTMLElement | null) => void;
  dragHandle: Record<string, unknown>;
  isDragging: boolean;
};

type SortableListProps<Item extends { _id: string }> = {
  items: readonly Item[];
  /** The list's accessible name. */
  label: string;
  className?: string;
  /** How announcements name an item, e.g. its text. */
  nameOf: (item: Item | undefined) => string;
  /** "item" or "note", for the screen-reader instructions. */
  noun: string;
  /** A drop, as the item's new VISIBLE neighbours. */
  onMove: (id: Item["_id"], neighbours: Neighbours<Item["_id"]>) => void;
  /**
   * Renders one row. Keep it stable (useCallback) and the row memoised:
   * then a change to one item re-renders only that item's row.
   */
  renderItem: (item: Item, sortable: SortableRowProps) => ReactNode;
  /** The React key of an item's row (default: its id). */
  keyOf?: (id: Item["_id"]) => string;
};

/** The list's ids, the same array while they and their order are the same. */
function useIds<Id extends string>(items: readonly { _id: Id }[]): Id[] {
  const joined = items.map((item) => item._id).join("\n");
  return useMemo(
    () => (joined === "" ? [] : (joined.split("\n") as Id[])),
    [joined],
  );
}

const NO_RESIZE_OBSERVER = { disabled: true };

/** Each list's positions by id, built once per list rather than per row. */
const positions = new WeakMap<
  readonly UniqueIdentifier[],
  Map<UniqueIdentifier, number>
>();
function positionIn(items: readonly UniqueIdentifier[], id: UniqueIdentifier) {
  let byId = positions.get(items);
  if (!byId) {
    byId = new Map(items.map((item, index) => [item, index]));
    positions.set(items, byId);
  }
  return byId.get(id) ?? -1;
}

/**
 * Where a row will land if the drag ends now. dnd-kit's default copies the
 * whole list for every row on every move (a million entries per arrow key
 * on a 1,000-item day); this is the same answer by arithmetic.
 */
const newIndexOf: NewIndexGetter = ({ id, items, activeIndex, overIndex }) => {
  const index = positionIn(items, id);
  if (index === activeIndex) return overIndex;
  if (activeIndex < index && index <= overIndex) return index - 1;
  if (overIndex <= index && index < activeIndex) return index + 1;
  return index;
};

/** Where dnd-kit has moved a row (and how it animates there), on the row itself. */
function showMotion(
  row: HTMLElement | null,
  translate: string,
  transition: string | undefined,
) {
  if (!row) return;
  row.style.transform = translate;
  row.style.transition = transition ?? "";
}

/**
 * Which rows are bound to dnd-kit. A bound row runs useSortable, and dnd-kit
 * re-renders every bound row whenever the list or a drag changes, so on a
 * day of a thousand items only the rows on or near the screen (and the one
 * holding focus) are bound: nothing else can be picked up, by pointer,
 * touch or keyboard, and a row coming into view binds as it comes. The
 * others show the same handle (same role and description), at rest.
 */
type Binder = {
  /** `null`: every row is bound (no IntersectionObserver, e.g. jsdom). */
  bound: ReadonlySet<string> | null;
  observe: (row: Element | null, id: string) => void;
  /** What an unbound row's handle carries: dnd-kit's attributes, at rest. */
  restingHandle: Record<string, unknown>;
};

const BinderContext = createContext<Binder | null>(null);

/** The rows within a screen's height of the visible part of the list. */
const NEAR_MARGIN = "100% 0px";

function useBinder(describedBy: string): {
  binder: Binder;
  onFocus: (event: FocusEvent) => void;
  onDragging: (dragging: boolean) => void;
} {
  const supported = typeof IntersectionObserver !== "undefined";
  const [near, setNear] = useState<ReadonlySet<string>>(() => new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const rows = useRef(new Map<Element, string>());
  // Mid-drag, rows stay bound once bound: the drag's rows must not vanish.
  const dragging = useRef(false);
  const [observer] = useState(() =>
    supported
      ? new IntersectionObserver(
          (entries) =>
            setNear((before) => {
              const after = new Set(before);
              for (const entry of entries) {
                const id = rows.current.get(entry.target);
                if (id === undefined) continue;
                if (entry.isIntersecting) after.add(id);
                else if (!dragging.current) after.delete(id);
              }
              return after;
            }),
          { rootMargin: NEAR_MARGIN },
        )
      : null,
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  const elementOf = useRef(new Map<string, Element>());
  const observe = useCallback(
    (row: Element | null, id: string) => {
      if (!observer) return;
      const before = elementOf.current.get(id);
      if (before === row) return;
      if (before) {
        observer.unobserve(before);
        rows.current.delete(before);
        elementOf.current.delete(id);
      }
      if (row) {
        rows.current.set(row, id);
        elementOf.current.set(id, row);
        observer.observe(row);
      }
    },
    [observer],
  );
  const bound = useMemo(() => {
    if (!supported) return null;
    if (focused === null || near.has(focused)) return near;
    return new Set(near).add(focused);
  }, [supported, near, focused]);
  const restingHandle = useMemo(
    () => ({
      role: "button",
      tabIndex: 0,
      "aria-disabled": false,
      "aria-roledescription": "sortable",
      "aria-describedby": describedBy,
    }),
    [describedBy],
  );
  const binder = useMemo(
    () => ({ bound, observe, restingHandle }),
    [bound, observe, restingHandle],
  );
  // Focus binds its row at once (Tab then Space must work before the row
  // is seen scrolling in).
  const onFocus = (event: FocusEvent) => {
    for (
      let node: Element | null = event.target;
      node;
      node = node.parentElement
    ) {
      const id = rows.current.get(node);
      if (id !== undefined) return setFocused(id);
    }
  };
  const onDragging = (now: boolean) => {
    dragging.current = now;
  };
  return { binder, onFocus, onDragging };
}

/** A row's element and its handle's, as React attaches them. */
class RowElements {
  row: HTMLElement | null = null;
  handle: HTMLElement | null = null;
  setRow = (element: HTMLElement | null) => {
    this.row = element;
  };
  setHandle = (element: HTMLElement | null) => {
    this.handle = element;
  };
}

/** One row's useSortable, mounted while the row is bound. */
function RowBinding({
  id,
  elements,
  onBind,
}: {
  id: string;
  elements: RowElements;
  onBind: (
    binding: Pick<SortableRowProps, "dragHandle" | "isDragging"> | null,
  ) => void;
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
    node,
  } = useSortable({
    id,
    // Otherwise every row starts its own ResizeObserver when a drag starts;
    // rows do not resize mid-drag.
    resizeObserverConfig: NO_RESIZE_OBSERVER,
    getNewIndex: newIndexOf,
  });
  useLayoutEffect(() => {
    setNodeRef(elements.row);
    setActivatorNodeRef(elements.handle);
    return () => {
      setNodeRef(null);
      setActivatorNodeRef(null);
    };
  }, [setNodeRef, setActivatorNodeRef, elements]);
  const dragHandle = useMemo(
    () => ({ ...attributes, ...listeners }),
    [attributes, listeners],
  );
  useLayoutEffect(
    () => onBind({ dragHandle, isDragging }),
    [onBind, dragHandle, isDragging],
  );
  useLayoutEffect(() => () => onBind(null), [onBind]);
  // The drag's motion is written to the row's style here, not passed down:
  // dnd-kit changes every row's transition when a drag starts, ends or the
  // list changes, and as a prop that would re-render every row each time.
  const translate = CSS.Translate.toString(transform) ?? "";
  useLayoutEffect(
    () => showMotion(node.current, translate, transition),
    [node, translate, transition],
  );
  // Unbound, the row rests where the list puts it.
  useLayoutEffect(
    () => () => showMotion(elements.row, "", undefined),
    [elements],
  );
  return null;
}

const SortableRow = memo(function SortableRow<Item extends { _id: string }>({
  item,
  renderItem,
}: Pick<SortableListProps<Item>, "renderItem"> & { item: Item }) {
  const binder = useContext(BinderContext)!;
  const id = item._id;
  const bound = binder.bound === null || binder.bound.has(id);
  const [binding, setBinding] = useState<Pick<
    SortableRowProps,
    "dragHandle" | "isDragging"
  > | null>(null);
  // The row's elements, for its binding to attach when it mounts (kept in
  // a plain holder: they are never rendered from).
  const [elements] = useState(() => new RowElements());
  const { observe } = binder;
  const attachRow = useCallback(
    (element: HTMLLIElement | null) => {
      elements.setRow(element);
      observe(element, id);
    },
    [elements, observe, id],
  );
  const shown = bound ? binding : null;
  const sortable = useMemo(
    () => ({
      attachRow,
      attachHandle: elements.setHandle,
      dragHandle: shown?.dragHandle ?? binder.restingHandle,
      isDragging: shown?.isDragging ?? false,
    }),
    [attachRow, elements, shown, binder.restingHandle],
  );
  return (
    <>
      {renderItem(item, sortable)}
      {bound ? (
        <RowBinding id={id} elements={elements} onBind={setBinding} />
      ) : null}
    </>
  );
}) as <Item extends { _id: string }>(
  props: Pick<SortableListProps<Item>, "renderItem"> & { item: Item },
) => ReactNode;

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
      // The grip is drawn by CSS (icons.css): no SVG elements in every row.
      className="icon icon-grip flex size-10 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 sm:size-8 dark:text-slate-400 dark:hover:bg-slate-800"
    />
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
  keyOf = (id) => id,
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
  // A new array only when the ids or their order change: dnd-kit re-renders
  // every row's useSortable when it gets a new one.
  const ids = useIds(items);
  // dnd-kit names its instructions element by the context's id: resting
  // handles point at it too.
  const dndId = `${useId()}-dnd`;
  const { binder, onFocus, onDragging } = useBinder(dndId);
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
    onDragging(false);
    if (!over || active.id === over.id) return;
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
      id={dndId}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={() => onDragging(true)}
      onDragCancel={() => onDragging(false)}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: `To reorder, press Space or Enter to pick the ${noun} up, use the arrow keys to move it, and press Space or Enter again to drop it. Press Escape to cancel.`,
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <BinderContext.Provider value={binder}>
          <ul aria-label={label} className={className} onFocus={onFocus}>
            {items.map((item) => (
              <SortableRow
                key={keyOf(item._id)}
                item={item}
                renderItem={renderItem}
              />
            ))}
          </ul>
        </BinderContext.Provider>
      </SortableContext>
    </DndContext>
  );
}
