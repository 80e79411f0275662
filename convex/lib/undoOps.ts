import { v, type Infer } from "convex/values";

/*
 * What one change did to one row, as the undo log (`undoLog`, convex/undo)
 * keeps it: enough to put the row back exactly, and the row's revision
 * after the change, so an undo can tell whether anything changed it since.
 * Written only by the server (lib/undoJournal), never taken from a client.
 */

const itemTable = v.union(
  v.literal("todos"),
  v.literal("notes"),
  v.literal("series"),
);

export const undoOp = v.union(
  /** The change created the row: undoing it deletes the row. */
  v.object({
    kind: v.literal("insert"),
    table: itemTable,
    id: v.string(),
    revisionAfter: v.number(),
  }),
  /** The change rewrote some fields: undoing it writes their old values back. */
  v.object({
    kind: v.literal("update"),
    table: itemTable,
    id: v.string(),
    /** The old values of the fields the change set or changed. */
    before: v.record(v.string(), v.any()),
    /** Fields the row did not have before the change (e.g. `completedAt`). */
    unset: v.array(v.string()),
    revisionAfter: v.number(),
  }),
  /** The change removed the row (an undo of a copy): redoing re-creates it. */
  v.object({
    kind: v.literal("delete"),
    table: itemTable,
    id: v.string(),
    /** The row's fields (no id, creation time or revision). */
    fields: v.record(v.string(), v.any()),
  }),
  /** The change set a day's label or archive mark (its counts are derived). */
  v.object({
    kind: v.literal("day"),
    day: v.string(),
    before: v.object({ label: v.optional(v.string()), archived: v.boolean() }),
    /** Null: the day had no row after the change, or one never labelled. */
    revisionAfter: v.union(v.number(), v.null()),
  }),
);

export type UndoOp = Infer<typeof undoOp>;

/**
 * The revision a row gets when it changes: above the one it had, and at
 * least the clock, so a day row removed and made again later (a day's row
 * goes when it holds nothing) never repeats a revision an undo recorded.
 */
export function nextRevision(previous: number | undefined): number {
  return Math.max((previous ?? 0) + 1, Date.now());
}
