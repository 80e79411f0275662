import { Triggers } from "convex-helpers/server/triggers";
import type { DataModel } from "../_generated/dataModel";
import type { DatabaseWriter, MutationCtx } from "../_generated/server";
import {
  addDeltas,
  isNoChange,
  noteDelta,
  textBytes,
  todoDelta,
  type DayDelta,
} from "./daySummary";
import { updateDay } from "./days";
import { PendingSeries } from "./supersededOccurrences";
import { registerUndoJournal, UndoJournal } from "./undoJournal";

/*
 * Day summaries follow every write to todos and notes made through the
 * builders of convex/lib/auth.ts, so a mutation only writes documents. The
 * same triggers tally what was created and written, for the rate limits.
 *
 * Why a per-mutation ledger rather than a trigger that updates the day row
 * itself: triggers run once per written document, so a paste of 500 todos
 * (or a bulk batch of 250) would read and rewrite one day row 500 times, a
 * query and a write each, against Convex's per-transaction limits (4,096
 * index ranges, 16,000 writes) and inviting write conflicts. The trigger
 * only adds the change to the ledger, and the ledger is applied once per
 * (user, day) when the handler returns, from the custom function's
 * `onSuccess`. convex-helpers awaits `onSuccess` inside the registered
 * handler, before it returns, so it runs in the same transaction: a budget
 * overrun thrown there (LIMIT_REACHED) rolls back every write of the
 * mutation, and budgets are checked against the mutation's net growth.
 *
 * The cost: until the mutation ends, a day row's counts do not include the
 * mutation's own writes. Read a day row before writing to that day (as
 * `copyOpenToDay` does), not after.
 */

type Place = { userId: string; day: string };

/** Count changes per (user, day) that the day rows do not hold yet. */
class PendingDays {
  private readonly byDay = new Map<string, Place & { delta: DayDelta }>();

  add(place: Place | null, delta: DayDelta) {
    if (!place) return;
    const key = JSON.stringify([place.userId, place.day]);
    const pending = this.byDay.get(key);
    this.byDay.set(key, {
      userId: place.userId,
      day: place.day,
      delta: addDeltas(pending?.delta ?? {}, delta),
    });
  }

  async applyTo(ctx: { db: DatabaseWriter }) {
    for (const { userId, day, delta } of this.byDay.values()) {
      if (!isNoChange(delta)) await updateDay(ctx, userId, day, { delta });
    }
    this.byDay.clear();
  }
}

/** What a mutation wrote, for the rate limits (lib/rateLimits). */
export type WriteTally = {
  /** Todos and notes inserted. */
  createdItems: number;
  /** UTF-8 bytes of text in inserted documents and in changed text fields. */
  writtenBytes: number;
};

type LedgerCtx = MutationCtx & {
  pendingDays: PendingDays;
  pendingSeries: PendingSeries;
  tally: WriteTally;
  undoJournal: UndoJournal;
};

function tallyWrite(
  tally: WriteTally,
  oldTexts: string[] | null,
  newTexts: string[] | null,
) {
  if (newTexts === null) return;
  if (oldTexts === null) tally.createdItems += 1;
  newTexts.forEach((text, i) => {
    if (oldTexts?.[i] !== text) tally.writtenBytes += textBytes(text);
  });
}

const triggers = new Triggers<DataModel, LedgerCtx>();

// An update may move a document to another day: the old version leaves its
// day and the new one joins its own, which cancel out on the same day.
triggers.register("todos", async (ctx, { oldDoc, newDoc }) => {
  ctx.pendingDays.add(oldDoc, todoDelta(oldDoc, null));
  ctx.pendingDays.add(newDoc, todoDelta(null, newDoc));
  // Which open occurrence of a series carry-over shows, settled likewise.
  ctx.pendingSeries.add(oldDoc, newDoc);
  tallyWrite(ctx.tally, oldDoc && [oldDoc.text], newDoc && [newDoc.text]);
});

triggers.register("notes", async (ctx, { oldDoc, newDoc }) => {
  ctx.pendingDays.add(oldDoc, noteDelta(oldDoc, null));
  ctx.pendingDays.add(newDoc, noteDelta(null, newDoc));
  tallyWrite(
    ctx.tally,
    oldDoc && [oldDoc.title, oldDoc.body],
    newDoc && [newDoc.title, newDoc.body],
  );
});

// Revisions and the undo journal (lib/undoJournal) ride on the same writes.
registerUndoJournal(triggers);

/**
 * A `db` whose writes to todos and notes are noted per day, and the step
 * that writes those notes to the day rows and settles which occurrences of
 * the series written to are superseded (lib/supersededOccurrences): run
 * `applyLedger` once, after the handler and inside the same transaction.
 * The same writes bump revisions and fill `undoJournal`, which undoable
 * changes write to the undo log.
 */
export function keepDaySummaries(ctx: MutationCtx): {
  db: DatabaseWriter;
  applyLedger: () => Promise<void>;
  /** Filled in as the handler writes. */
  tally: WriteTally;
  undoJournal: UndoJournal;
} {
  const pendingDays = new PendingDays();
  const pendingSeries = new PendingSeries();
  const tally: WriteTally = { createdItems: 0, writtenBytes: 0 };
  const undoJournal = new UndoJournal();
  const { db } = triggers.wrapDB({
    ...ctx,
    pendingDays,
    pendingSeries,
    tally,
    undoJournal,
  });
  return {
    db,
    applyLedger: async () => {
      await pendingDays.applyTo(ctx);
      // Past the triggers: the marks are bookkeeping, not a change.
      await pendingSeries.settle(ctx.db);
    },
    tally,
    undoJournal,
  };
}
