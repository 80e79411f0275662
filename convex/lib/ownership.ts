import { v, type VString } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { invalidArgument, notFound } from "./errors";

type OwnedTable = "todos" | "notes" | "trash" | "trashGroups" | "series";

const NAMES: Record<OwnedTable, string> = {
  todos: "todo",
  notes: "note",
  trash: "deleted item",
  trashGroups: "deleted group",
  series: "repeating todo",
};

/**
 * How a client sends a document id of `table`. Validated as a plain string
 * rather than `v.id(table)`: Convex rejects a `v.id` of another table, or a
 * malformed one, before the handler runs, as a bare "Server Error". Taken as
 * a string, it is checked by `requireId` (through `getOwned`) and refused as
 * INVALID_ARGUMENT with a message. Typed as `Id<table>` so the generated api
 * still tells clients which id to send; the handler must not trust that
 * type and loads it only through `getOwned`.
 */
export function clientId<T extends OwnedTable>(_table: T) {
  return v.string() as VString<Id<T>>;
}

/**
 * The id as an id of `table`. Malformed ids and ids of another table are
 * refused alike, and without looking anything up, so the answer never says
 * whether such a document exists.
 */
export function requireId<T extends OwnedTable>(
  ctx: Pick<QueryCtx, "db">,
  table: T,
  id: string,
): Id<T> {
  const normalized = ctx.db.normalizeId(table, id);
  if (normalized === null) {
    throw invalidArgument(`That id is not a ${NAMES[table]} id.`);
  }
  return normalized;
}

/**
 * Loads a document the caller owns, from an id the client sent. A missing
 * id and someone else's id give the same error, so ids cannot be probed.
 */
export async function getOwned<T extends OwnedTable>(
  ctx: Pick<QueryCtx, "db">,
  userId: string,
  table: T,
  id: string,
): Promise<Doc<T>> {
  const doc = (await ctx.db.get(
    table,
    requireId(ctx, table, id),
  )) as Doc<T> | null;
  if (!doc || doc.userId !== userId) throw notFound(NAMES[table]);
  return doc;
}
