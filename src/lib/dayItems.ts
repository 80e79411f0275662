import { useCallback, useState } from "react";

/**
 * What todos and notes share as "ordered items of a day" on the client: the
 * neighbours an item sits between (for reorder), the temporary ids
 * and end-of-list keys of optimistic items, and an undoable delete. The
 * backend half is convex/lib/dayItems.ts.
 */

/** The items around one item, as the backend places it between them. */
export type Neighbours<Id extends string = string> = {
  afterId: Id | null;
  beforeId: Id | null;
};

type Item<Id extends string> = { _id: Id; order: string };

const PENDING_PREFIX = "optimistic:";

/**
 * A temporary id for something shown before the server has stored it: an
 * item, or the series a todo is joining.
 */
export function pendingId<Id extends string>(): Id {
  return `${PENDING_PREFIX}${Math.random().toString(36).slice(2)}` as Id;
}

/** A temporary id (`pendingId`): never sent to the server. */
export function isPendingId(id: string): boolean {
  return id.startsWith(PENDING_PREFIX);
}

/** An item shown before the server has stored it (not yet actionable). */
export function isPending(item: { _id: string }): boolean {
  return isPendingId(item._id);
}

/** An order key that sorts after the list's last item (display only, never stored). */
export function orderAfterLast(list: readonly { order: string }[]): string {
  return `${list[list.length - 1]?.order ?? "a0"}~`;
}

/**
 * The fields every optimistic item shares: a temporary id, and a place at
 * the end of `list` in `day`, where the server appends new items.
 */
export function pendingFields<Id extends string>(
  day: string,
  list: readonly { order: string }[],
) {
  return {
    _id: pendingId<Id>(),
    _creationTime: Date.now(),
    userId: "",
    day,
    order: orderAfterLast(list),
  };
}

/** Whether two items have the same fields with the same (primitive) values. */
function sameFields(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.is(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
      ) && Object.hasOwn(b, key),
  );
}

/** What pairs an optimistic item with the stored item that replaces it. */
type Likeness<T> = (pending: T, stored: T) => boolean;

type StableList<Id extends string, T> = {
  /** The list as the server (or an optimistic update) gave it. */
  source: readonly T[] | undefined;
  items: readonly T[] | undefined;
  byId: Map<Id, T>;
  keys: Map<Id, string>;
  /**
   * Each item's object in `source`: an optimistic update copies the list
   * but keeps its other items' objects, so on a big day only the changed
   * item is compared field by field.
   */
  sources: Map<Id, T>;
};

function stabilise<Id extends string, T extends { _id: Id }>(
  list: readonly T[] | undefined,
  last: StableList<Id, T>,
  alike: Likeness<T>,
): StableList<Id, T> {
  if (list === undefined) return { ...last, source: list, items: undefined };
  const byId = new Map<Id, T>();
  const sources = new Map<Id, T>();
  const keys = new Map<Id, string>();
  // Optimistic items gone in this answer, oldest first: their stored
  // copies arrive in the order the server created them. Looked for only
  // when a stored item without a key arrives.
  let departed: T[] | undefined;
  const departedPending = () => {
    const ids = new Set(list.map((item) => item._id));
    return [...last.byId.values()].filter(
      (item) => isPending(item) && !ids.has(item._id),
    );
  };
  const items = list.map((item) => {
    let key = last.keys.get(item._id);
    if (key === undefined && !isPending(item)) {
      departed ??= departedPending();
      const index = departed.findIndex((gone) => alike(gone, item));
      if (index >= 0) key = last.keys.get(departed.splice(index, 1)[0]!._id);
    }
    const before = last.byId.get(item._id);
    const kept =
      before !== undefined &&
      (last.sources.get(item._id) === item || sameFields(before, item))
        ? before
        : item;
    byId.set(item._id, kept);
    sources.set(item._id, item);
    keys.set(item._id, key ?? item._id);
    return kept;
  });
  const unchanged =
    last.items !== undefined &&
    last.items.length === items.length &&
    items.every((item, index) => item === last.items![index]);
  return {
    source: list,
    items: unchanged ? last.items : items,
    byId,
    // The same rows have the same keys: kept, so keyOf stays the same too.
    keys: unchanged ? last.keys : keys,
    sources,
  };
}

/**
 * A day's list as it arrives from the server, made cheap to render:
 * - an item whose fields are all unchanged keeps its previous object (and
 *   an unchanged list its previous array), so memoised rows skip it: every
 *   query answer is a fresh copy of the whole list;
 * - `keyOf(id)` is a render key that survives the swap of an optimistic
 *   item for the stored one (a pending item that left, and a new stored
 *   item `alike` to it, in the same answer), so the row's DOM and focus
 *   stay.
 */
export function useStableItems<Id extends string, T extends { _id: Id }>(
  list: readonly T[] | undefined,
  alike: Likeness<T>,
): { items: readonly T[] | undefined; keyOf: (id: Id) => string } {
  const [memory, setMemory] = useState<StableList<Id, T>>(() =>
    stabilise(
      list,
      {
        source: undefined,
        items: undefined,
        byId: new Map(),
        keys: new Map(),
        sources: new Map(),
      },
      alike,
    ),
  );
  let current = memory;
  if (memory.source !== list) {
    // Derived from the previous render's result (React's "adjusting state
    // while rendering"): this component renders again before its children.
    current = stabilise(list, memory, alike);
    setMemory(current);
  }
  const { items, keys } = current;
  // The same function while the list is unchanged: memoised lists skip it.
  const keyOf = useCallback((id: Id) => keys.get(id) ?? id, [keys]);
  return { items, keyOf };
}

/**
 * `list` with `item` placed between its neighbours (at the end when they
 * are gone or not given), as the backend will place it.
 */
export function insertBetween<Id extends string, T extends Item<Id>>(
  list: readonly T[],
  item: T,
  where: Neighbours<Id>,
): T[] {
  const indexOf = (id: Id) => list.findIndex((other) => other._id === id);
  let at = list.length;
  if (where.afterId !== null) {
    const after = indexOf(where.afterId);
    if (after >= 0) at = after + 1;
  } else if (where.beforeId !== null) {
    const before = indexOf(where.beforeId);
    if (before >= 0) at = before;
  }
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** `list` with the item `id` moved between two neighbours (unchanged if they are gone). */
export function moveBetween<Id extends string, T extends Item<Id>>(
  list: readonly T[],
  id: Id,
  where: Neighbours<Id>,
): readonly T[] {
  const moved = list.find((item) => item._id === id);
  if (!moved) return list;
  const rest = list.filter((item) => item._id !== id);
  const anchor = where.afterId ?? where.beforeId;
  if (anchor === null || !rest.some((item) => item._id === anchor)) return list;
  return insertBetween(rest, moved, where);
}
