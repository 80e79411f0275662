import type { Triggers } from "convex-helpers/server/triggers";
import type { DataModel, Doc } from "../_generated/dataModel";
import type { DatabaseWriter } from "../_generated/server";
import { textBytes } from "./daySummary";
import { nextRevision, type UndoOp } from "./undoOps";

/*
 * Every write to todos, notes, repeating todos (series) and day labels made through the builders of
 * lib/auth passes the triggers below, which
 * - give the row a new `revision` when its fields change (so an undo can
 *   tell that a row changed since: convex/undo refuses then), and
 * - note in the mutation's journal what the row was before its first write
 *   and what it is after its last.
 * An undoable mutation (`undoable: true`) then writes the journal to the
 * undo log under its change id. The server, not the client, says what a
 * change touched and what to restore.
 */

type ItemTable = "todos" | "notes" | "series";
type Item = Doc<ItemTable>;
type DayState = { label?: string; archived: boolean };

/** Bookkeeping fields: never restored, never compared. */
const SYSTEM_FIELDS = new Set(["_id", "_creationTime", "revision"]);

/**
 * Also never compared: what a series notes as days are shown (which days
 * it made, from when rrule counts), and an occurrence's carry-over mark
 * (lib/supersededOccurrences). Showing a day is no change a person made,
 * so it must not make an earlier undo of the series refuse.
 */
const UNCOMPARED_FIELDS = new Set([
  ...SYSTEM_FIELDS,
  "madeDays",
  "lastDay",
  "startDay",
  "superseded",
]);

const sameValue = (a: unknown, b: unknown) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

function userFields(doc: Item): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).filter(([key]) => !SYSTEM_FIELDS.has(key)),
  );
}

/** Whether a write changed anything a person sees. */
function changedFields(oldDoc: Item, newDoc: Item): string[] {
  const keys = new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)]);
  return [...keys].filter(
    (key) =>
      !UNCOMPARED_FIELDS.has(key) &&
      !sameValue(
        (oldDoc as Record<string, unknown>)[key],
        (newDoc as Record<string, unknown>)[key],
      ),
  );
}

const dayState = (row: Doc<"days"> | null): DayState =>
  row?.label === undefined
    ? { archived: row?.archived ?? false }
    : { label: row.label, archived: row.archived };

/** What one mutation (or one scheduled batch) wrote, row by row. */
export class UndoJournal {
  private readonly items = new Map<
    string,
    { table: ItemTable; first: Item | null; last: Item | null }
  >();
  private readonly days = new Map<
    string,
    { first: DayState; last: DayState; revisionAfter: number | null }
  >();
  /**
   * Set when the change goes on in scheduled batches: its log is complete
   * only when the last batch has written its part.
   */
  continues = false;

  noteItem(
    table: ItemTable,
    id: string,
    oldDoc: Item | null,
    newDoc: Item | null,
  ) {
    const entry = this.items.get(id);
    if (entry) entry.last = newDoc;
    else this.items.set(id, { table, first: oldDoc, last: newDoc });
  }

  noteDay(
    day: string,
    oldRow: Doc<"days"> | null,
    newRow: Doc<"days"> | null,
    revisionAfter: number | null,
  ) {
    const entry = this.days.get(day);
    if (entry) {
      entry.last = dayState(newRow);
      entry.revisionAfter = revisionAfter;
    } else {
      this.days.set(day, {
        first: dayState(oldRow),
        last: dayState(newRow),
        revisionAfter,
      });
    }
  }

  /** What undoing the writes so far takes, row by row. */
  ops(): UndoOp[] {
    const ops: UndoOp[] = [];
    for (const [id, { table, first, last }] of this.items) {
      if (first === null && last === null) continue;
      if (first === null) {
        ops.push({
          kind: "insert",
          table,
          id,
          revisionAfter: last!.revision ?? 0,
        });
      } else if (last === null) {
        ops.push({ kind: "delete", table, id, fields: userFields(first) });
      } else {
        const changed = changedFields(first, last);
        if (changed.length === 0) continue;
        const old = first as Record<string, unknown>;
        ops.push({
          kind: "update",
          table,
          id,
          before: Object.fromEntries(
            changed
              .filter((key) => old[key] !== undefined)
              .map((key) => [key, old[key]]),
          ),
          unset: changed.filter((key) => old[key] === undefined),
          revisionAfter: last.revision ?? 0,
        });
      }
    }
    for (const [day, { first, last, revisionAfter }] of this.days) {
      if (sameValue(first, last)) continue;
      ops.push({ kind: "day", day, before: first, revisionAfter });
    }
    return ops;
  }
}

export type JournalCtx = { undoJournal: UndoJournal };

/** Registers the revision and journal triggers (lib/summaryTriggers' set). */
export function registerUndoJournal<
  Ctx extends JournalCtx & { db: DatabaseWriter },
>(triggers: Triggers<DataModel, Ctx>) {
  for (const table of ["todos", "notes", "series"] as const) {
    triggers.register(table, async (ctx, change) => {
      let newDoc: Item | null = change.newDoc;
      if (change.operation === "update") {
        // A write that changes nothing visible (pinning a pinned todo)
        // leaves the revision, so it makes no earlier undo refuse.
        if (changedFields(change.oldDoc, change.newDoc).length === 0) return;
        const revision = nextRevision(change.oldDoc.revision);
        await ctx.innerDb.patch(table, change.id, { revision });
        newDoc = { ...change.newDoc, revision };
      }
      ctx.undoJournal.noteItem(table, change.id, change.oldDoc, newDoc);
    });
  }
  // Day rows change with every count; only a label or archive change is a
  // change of the day a person made (and one an undo restores).
  triggers.register("days", async (ctx, change) => {
    const { oldDoc, newDoc } = change;
    if (sameValue(dayState(oldDoc), dayState(newDoc))) return;
    let revisionAfter: number | null = null;
    if (newDoc) {
      revisionAfter = nextRevision(oldDoc?.revision);
      await ctx.innerDb.patch("days", change.id, { revision: revisionAfter });
    }
    ctx.undoJournal.noteDay(
      (oldDoc ?? newDoc)!.day,
      oldDoc,
      newDoc,
      revisionAfter,
    );
  });
}

/** How long a change can be undone. */
export const UNDO_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Ops per log row: a bulk batch's worth. */
export const OPS_PER_ROW = 250;

/** Bytes of ops per log row, far below Convex's 1 MiB per document. */
export const BYTES_PER_ROW = 512 * 1024;

/**
 * Expired log rows removed per log write: more than one write makes, so
 * pruning keeps ahead, and few, so every change stays cheap (as receipts do,
 * lib/changeReceipts). `undo.purgeExpired` clears what idle users leave.
 */
export const UNDO_ROWS_PRUNED_PER_WRITE = 8;

/** Splits ops into log rows of bounded count and size. */
function intoRows(ops: UndoOp[]): UndoOp[][] {
  const rows: UndoOp[][] = [[]];
  let bytes = 0;
  for (const op of ops) {
    const size = textBytes(JSON.stringify(op));
    const row = rows[rows.length - 1]!;
    if (
      row.length > 0 &&
      (row.length >= OPS_PER_ROW || bytes + size > BYTES_PER_ROW)
    ) {
      rows.push([op]);
      bytes = size;
    } else {
      row.push(op);
      bytes += size;
    }
  }
  return rows;
}

/**
 * Appends a change's ops to its log, after the steps written before (by its
 * earlier batches). `complete`: nothing more of this change will be written.
 */
export async function recordUndoSteps(
  db: DatabaseWriter,
  userId: string,
  changeId: string,
  ops: UndoOp[],
  complete: boolean,
): Promise<void> {
  const last = await db
    .query("undoLog")
    .withIndex("by_user_change_step", (q) =>
      q.eq("userId", userId).eq("changeId", changeId),
    )
    .order("desc")
    .first();
  const now = Date.now();
  const rows = intoRows(ops);
  let step = last ? last.step + 1 : 0;
  for (const [i, row] of rows.entries()) {
    await db.insert("undoLog", {
      userId,
      changeId,
      step: step++,
      complete: complete && i === rows.length - 1,
      ops: row,
      at: now,
    });
  }
  const expired = await db
    .query("undoLog")
    .withIndex("by_user_at", (q) =>
      q.eq("userId", userId).lt("at", now - UNDO_LIFETIME_MS),
    )
    .take(UNDO_ROWS_PRUNED_PER_WRITE);
  for (const row of expired) await db.delete("undoLog", row._id);
}
