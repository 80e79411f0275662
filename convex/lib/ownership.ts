import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { notFound } from "./errors";

type OwnedTable = "todos" | "notes";

const NAMES: Record<OwnedTable, string> = { todos: "todo", notes: "note" };

/**
 * Loads a document the caller owns. A missing id and someone else's id give
 * the same error, so ids cannot be probed.
 */
export async function getOwned<T extends OwnedTable>(
  ctx: QueryCtx,
  userId: string,
  table: T,
  id: Id<T>,
): Promise<Doc<T>> {
  const doc = (await ctx.db.get(table, id)) as Doc<T> | null;
  if (!doc || doc.userId !== userId) throw notFound(NAMES[table]);
  return doc;
}
