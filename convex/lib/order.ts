import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import type { QueryCtx } from "../_generated/server";
import { invalidArgument } from "./errors";

/** The largest order key in a day (one indexed read), or null if empty. */
export async function lastOrderInDay(
  ctx: QueryCtx,
  table: "todos" | "notes",
  userId: string,
  day: string,
): Promise<string | null> {
  const last = await ctx.db
    .query(table)
    .withIndex("by_user_day_order", (q) =>
      q.eq("userId", userId).eq("day", day),
    )
    .order("desc")
    .first();
  return last?.order ?? null;
}

/** `count` ascending keys after `after` (append to the end of a day). */
export function keysAfter(after: string | null, count: number): string[] {
  return generateNKeysBetween(after, null, count);
}

/**
 * The key that places an item between two neighbours. Neighbours are the
 * items the user saw around the drop point; items hidden between them do not
 * matter because keys, not positions, are compared.
 */
function keyBetween(
  after: { order: string } | null,
  before: { order: string } | null,
): string {
  if (!after && !before) {
    throw invalidArgument("Give at least one neighbour to move between.");
  }
  if (after && before && after.order >= before.order) {
    throw invalidArgument("The neighbours are not in order; reload and retry.");
  }
  return generateKeyBetween(after?.order ?? null, before?.order ?? null);
}

/**
 * The new order key for `item` dropped between two neighbours of the same
 * day (an item being restored has no id yet). `loadOwned` is the
 * ownership-checked loader, as for any client id.
 */
export async function orderBetweenNeighbours<
  Item extends { _id: string; day: string; order: string },
>(
  item: { _id?: Item["_id"]; day: string },
  afterId: Item["_id"] | null,
  beforeId: Item["_id"] | null,
  loadOwned: (id: Item["_id"]) => Promise<Item>,
): Promise<string> {
  const load = async (id: Item["_id"] | null) => {
    if (id === null) return null;
    if (id === item._id) {
      throw invalidArgument("An item cannot be its own neighbour.");
    }
    const other = await loadOwned(id);
    if (other.day !== item.day) {
      throw invalidArgument("Neighbours must be on the same day.");
    }
    return other;
  };
  return keyBetween(await load(afterId), await load(beforeId));
}
