import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { userMutation } from "./auth";
import { invalidArgument } from "./errors";
import { clientId, getOwned } from "./ownership";

/*
 * Todos and notes are the ordered items of a day. Each holds a fractional
 * order key, so adding, moving or putting back one item writes that item
 * only, whatever the day's size. This module is the whole of that ordering;
 * convex/todos.ts and convex/notes.ts say only what their items hold.
 */

export type DayItemTable = "todos" | "notes";

/** Ids as the client sent them: checked by lib/ownership when loaded. */
type Neighbours = { afterId: string | null; beforeId: string | null };

/**
 * The creation time of the day's newest item: the cut-off of a whole-day
 * action, which touches only items created at or before it. Convex ends
 * every index with the creation time, so this is one indexed read. An item
 * added after the action's first transaction commits is created later: the
 * adding mutation writes the day's summary row, which the action wrote, so
 * it conflicts and runs again after the action.
 */
export async function newestItemCreationTime(
  ctx: QueryCtx,
  table: DayItemTable,
  userId: string,
  day: string,
): Promise<number | null> {
  const newest = await ctx.db
    .query(table)
    .withIndex("by_user_day", (q) => q.eq("userId", userId).eq("day", day))
    .order("desc")
    .first();
  return newest?._creationTime ?? null;
}

/** The two items a drop or an Undo lands between (null at an end). */
export function neighbourArgs<T extends DayItemTable>(table: T) {
  return {
    afterId: v.union(clientId(table), v.null()),
    beforeId: v.union(clientId(table), v.null()),
  };
}

/** `count` ascending keys after the day's last item (one indexed read). */
export async function keysAtEnd(
  ctx: QueryCtx,
  table: DayItemTable,
  userId: string,
  day: string,
  count: number,
): Promise<string[]> {
  const last = await ctx.db
    .query(table)
    .withIndex("by_user_day_order", (q) =>
      q.eq("userId", userId).eq("day", day),
    )
    .order("desc")
    .first();
  return generateNKeysBetween(last?.order ?? null, null, count);
}

export async function keyAtEnd(
  ctx: QueryCtx,
  table: DayItemTable,
  userId: string,
  day: string,
): Promise<string> {
  const [key] = await keysAtEnd(ctx, table, userId, day, 1);
  return key!;
}

/**
 * The key that places an item of `day` between two neighbours (an item
 * being restored has no id yet). Neighbours are the items the user saw
 * around the drop point; items hidden between them do not matter because
 * keys, not positions, are compared. Neighbours are loaded like any client
 * id: someone else's is "not found".
 */
async function keyBetweenNeighbours(
  ctx: QueryCtx,
  table: DayItemTable,
  userId: string,
  item: { _id?: Id<DayItemTable>; day: string },
  { afterId, beforeId }: Neighbours,
): Promise<string> {
  const load = async (id: string | null) => {
    if (id === null) return null;
    const other = await getOwned(ctx, userId, table, id);
    if (other._id === item._id) {
      throw invalidArgument("An item cannot be its own neighbour.");
    }
    if (other.day !== item.day) {
      throw invalidArgument("Neighbours must be on the same day.");
    }
    return other;
  };
  const after = await load(afterId);
  const before = await load(beforeId);
  if (!after && !before) {
    throw invalidArgument("Give at least one neighbour to move between.");
  }
  if (after && before && after.order >= before.order) {
    throw invalidArgument("The neighbours are not in order; reload and retry.");
  }
  return generateKeyBetween(after?.order ?? null, before?.order ?? null);
}

async function moveBetween(
  ctx: MutationCtx,
  table: DayItemTable,
  userId: string,
  { id, ...neighbours }: { id: string } & Neighbours,
): Promise<void> {
  const item = await getOwned(ctx, userId, table, id);
  const order = await keyBetweenNeighbours(
    ctx,
    table,
    userId,
    { _id: item._id, day: item.day },
    neighbours,
  );
  await ctx.db.patch(table, item._id, { order });
}

/**
 * The public `reorder` of a table of day items: places an item between the
 * two neighbours the user dropped it between (either may be null at an end
 * of the list). One write, whatever the day's size.
 */
export function reorderMutation<T extends DayItemTable>(table: T) {
  return userMutation({
    undoable: true,
    args: { id: clientId(table), ...neighbourArgs(table) },
    handler: async (ctx, args) => {
      await moveBetween(ctx, table, ctx.userId, args);
    },
  });
}
