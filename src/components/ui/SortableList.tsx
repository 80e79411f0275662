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
  type KeyboardSensorOptions,
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
import { CSS, type Transform } from "@dnd-kit/utilities";
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type FocusEvent,
  type ReactNode,
  type Ref,
} from "react";
import type { Neighbours } from "@/lib/dayItems";
import { ChunkedList } from "./ChunkedList";
import { useRovingFocus } from "./rovingFocus";
import { RowBindings } from "./rowBindings";
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
  /**
   * For long lists: rows in runs rendered only near the screen
   * (ChunkedList). Each row must then say `role="listitem"`.
   */
  chunked?: boolean;
  /**
   * The whole list is one Tab stop, with arrow keys between rows and their
   * controls (useRovingFocus); rows then render their controls, handle
   * included, with `tabIndex={-1}` and `data-control`.
   */
  roving?: boolean;
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

/**
 * Sensor options, made once: useSensor keeps its sensor only while its
 * options are the same object, and a new sensor gives every bound row new
 * listeners, so every row in view re-rendered whenever the list changed.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const TOUCH_OPTIONS = { activationConstraint: { delay: 200, tolerance: 6 } };
const KEYBOARD_OPTIONS = {
  coordinateGetter: sortableKeyboardCoordinates,
  // An arrow key past the middle of the scrolling box scrolls it, and the
  // item moves only as the scroll goes: smoothly, that took several frames
  // (each re-rendering every bound row) before the move was shown and
  // announced; at once, the next frame.
  scrollBehavior: "auto",
} satisfies KeyboardSensorOptions;

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

/** Whether dnd-kit has moved a row away from where the list puts it. */
const isMoved = (transform: Transform | null): transform is Transform =>
  transform !== null && (transform.x !== 0 || transform.y !== 0);

/** Where dnd-kit has moved a row (and how it animates there), on the row itself. */
function showMotion(
  row: HTMLElement | null,
  translate: string,
  transition: string | undefined,
) {
  if (!row) return;
  // At rest before and after, a transition animates nothing: dnd-kit
  // switches every row's transition off and on again with each change to
  // the list, and writing it restyled every bound row each time. It is
  // written with the next move, which it then animates.
  if (translate === "" && row.style.transform === "") {
    if (row.style.transition !== "") row.style.transition = "";
    return;
  }
  row.style.transform = translate;
  row.style.transition = transition ?? "";
}

const RowsContext = createContext<RowBindings | null>(null);

/** The list's row bindings, made once and kept for the list's life. */
function useRowBindings(describedBy: string, chunked: boolean): RowBindings {
  const [rows] = useState(
    () =>
      new RowBindings(
        {
          role: "button",
          tabIndex: 0,
          "aria-disabled": false,
          "aria-roledescription": "sortable",
          "aria-describedby": describedBy,
        },
        chunked,
      ),
  );
  useEffect(() => () => rows.disconnect(), [rows]);
  return rows;
}

/**
 * One row's useSortable, mounted while the row is bound. Memoised: it
 * re-renders when dnd-kit's state does, not whenever the list's items do
 * (an edited text, a server's answer that changes no order).
 */
const BoundRow = memo(function BoundRow({
  id,
  rows,
}: {
  id: string;
  rows: RowBindings;
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
  const elements = rows.elementsOf(id);
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
    () => rows.setBinding(id, { dragHandle, isDragging }),
    [rows, id, dragHandle, isDragging],
  );
  useLayoutEffect(() => () => rows.setBinding(id, null), [rows, id]);
  // The drag's motion is written to the row's style here, not passed down:
  // dnd-kit changes every row's transition when a drag starts, ends or the
  // list changes, and as a prop that would re-render every row each time.
  // At a lift dnd-kit gives every row a zero move: written, that restyled
  // and animated every bound row and gave each its own compositing layer.
  const translate = isMoved(transform)
    ? (CSS.Translate.toString(transform) ?? "")
    : "";
  useLayoutEffect(() => {
    if (translate !== "" && node.current) rows.holdRunOf(node.current);
    showMotion(node.current, translate, transition);
  }, [rows, node, translate, transition]);
  // Unbound, the row rests where the list puts it.
  useLayoutEffect(
    () => () => showMotion(elements.row, "", undefined),
    [elements],
  );
  return null;
});

/**
 * The bound rows' useSortable, apart from the rows themselves: dnd-kit's
 * providers change with every list change and every step of a drag, and
 * React then walks everything under them. Under them are only these few
 * (the bound rows), not the whole day's rows.
 */
const BoundRows = memo(function BoundRows({
  ids,
  rows,
}: {
  ids: readonly string[];
  rows: RowBindings;
}) {
  useSyncExternalStore(rows.subscribeBound, rows.boundSnapshot);
  return ids
    .filter(rows.isBound)
    .map((id) => <BoundRow key={id} id={id} rows={rows} />);
});

/** Whether this row is bound and what it carries; re-renders this row only. */
function useRowBinding(rows: RowBindings, id: string) {
  const subscribe = useCallback(
    (listener: () => void) => rows.subscribeRow(id, listener),
    [rows, id],
  );
  return useSyncExternalStore(subscribe, () => rows.bindingOf(id));
}

const SortableRow = memo(function SortableRow<Item extends { _id: string }>({
  item,
  renderItem,
}: Pick<SortableListProps<Item>, "renderItem"> & { item: Item }) {
  const rows = useContext(RowsContext)!;
  const id = item._id;
  const binding = useRowBinding(rows, id);
  const elements = rows.elementsOf(id);
  useEffect(() => () => rows.forget(id), [rows, id]);
  const attachRow = useCallback(
    (element: HTMLLIElement | null) => rows.attachRow(id, element),
    [rows, id],
  );
  const sortable = useMemo(
    () => ({
      attachRow,
      attachHandle: elements.setHandle,
      dragHandle: binding?.dragHandle ?? rows.restingHandle,
      isDragging: binding?.isDragging ?? false,
    }),
    [attachRow, elements, binding, rows],
  );
  return renderItem(item, sortable);
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
  tabIndex,
}: {
  /** "Reorder <item>", the handle's accessible name. */
  label: string;
  /** -1 in a roving list (the list gives its one Tab stop itself). */
  tabIndex?: number;
} & Pick<SortableRowProps, "attachHandle" | "dragHandle">) {
  return (
    <button
      type="button"
      ref={attachHandle}
      {...dragHandle}
      {...(tabIndex === undefined ? null : { tabIndex })}
      data-control="handle"
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
  chunked = false,
  roving = false,
}: SortableListProps<Item>) {
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(TouchSensor, TOUCH_OPTIONS),
    useSensor(KeyboardSensor, KEYBOARD_OPTIONS),
  );
  // A new array only when the ids or their order change: dnd-kit re-renders
  // every row's useSortable when it gets a new one.
  const ids = useIds(items);
  // dnd-kit names its instructions element by the context's id: resting
  // handles point at it too.
  const dndId = `${useId()}-dnd`;
  const rows = useRowBindings(dndId, chunked);
  const rovingProps = useRovingFocus();
  const onFocus = (event: FocusEvent) => {
    rows.focusWithin(event.target);
    if (roving) rovingProps.onFocus(event);
  };
  const onKeyDown = roving ? rovingProps.onKeyDown : undefined;
  // Stable, so ChunkedList's runs re-render only when their rows change.
  const row = useCallback(
    (item: Item) => <SortableRow item={item} renderItem={renderItem} />,
    [renderItem],
  );
  const attachRoving = roving ? rovingProps.ref : null;
  const watchList = useCallback(
    (list: HTMLUListElement | null) => {
      rows.watchList(list);
      attachRoving?.(list);
    },
    [rows, attachRoving],
  );
  const rovingMark = roving ? { "data-roving": "" } : null;
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
    rows.setDragging(false);
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

  // The rows come first: their elements are attached before the bound
  // rows' useSortable looks for them (both in the same commit).
  return (
    <>
      <RowsContext.Provider value={rows}>
        {chunked ? (
          <ChunkedList
            ref={watchList}
            aria-label={label}
            className={className}
            onFocus={onFocus}
            onKeyDown={onKeyDown}
            {...rovingMark}
            items={items}
            keyOf={(item) => keyOf(item._id)}
            renderItem={row}
          />
        ) : (
          <ul
            ref={watchList}
            aria-label={label}
            className={className}
            onFocus={onFocus}
            onKeyDown={onKeyDown}
            {...rovingMark}
          >
            {items.map((item) => (
              <SortableRow
                key={keyOf(item._id)}
                item={item}
                renderItem={renderItem}
              />
            ))}
          </ul>
        )}
      </RowsContext.Provider>
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragStart={({ active }) =>
          rows.setDragging(true, rows.elementsOf(String(active.id)).row)
        }
        onDragCancel={() => rows.setDragging(false)}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: `To reorder, press Space or Enter to pick the ${noun} up, use the arrow keys to move it, and press Space or Enter again to drop it. Press Escape to cancel.`,
          },
        }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <BoundRows ids={ids} rows={rows} />
        </SortableContext>
      </DndContext>
    </>
  );
}
