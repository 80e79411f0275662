import type { Doc, Id } from "../_generated/dataModel";
import type { DatabaseWriter } from "../_generated/server";
import { userToday } from "./userToday";

/*
 * Carry-over ("From earlier days", convex/carryOver) shows a repeating todo
 * once, at its latest unfinished occurrence. So that it never has to read
 * and pass over the older ones (a daily repeat ignored for a year would be
 * 365 reads each time the section shows), every open occurrence of a
 * series but its latest carries `superseded: true`, and the section's index
 * (`by_user_done_kind_superseded_day_order`) ranges over rows without it.
 * The older occurrences stay on their own days as they were: the mark only
 * keeps them out of carry-over.
 *
 * "Latest" is by day (then by creation, for two on one day) among the
 * series' open occurrences up to the person's today. One made ahead (a
 * later day shown before it came) supersedes nothing: the one missed last
 * week is still the one to carry until that day comes. When it has come
 * and gone, the series may have two unmarked until it next changes, and
 * carry-over passes over the older one while reading (`seen`), at the cost
 * of the occurrences made ahead, not of the history.
 *
 * The mark is derived, like the day summaries, and kept the same way: the
 * triggers of lib/summaryTriggers note every write to a todo that changes
 * whether it is an open occurrence or of which series or day (made,
 * deleted, completed, reopened, moved, restored, imported, undone), and
 * `settle` puts the marks of each noted series right once the handler is
 * done, inside the same transaction. Its writes go past the triggers:
 * the mark is no change a person made, so it bumps no revision and leaves
 * no undo step (lib/undoJournal leaves it uncompared too).
 *
 * A series stopped by hand ("Stop repeating", `series.stoppedOn`) only
 * gains marks, never loses one. Stopping unlinks today's occurrence
 * (convex/series `stop`), which would otherwise make yesterday's missed one
 * "the latest" and bring it back to "From earlier days" beside the copy
 * still on today; completing or moving an older one later would do the
 * same. The series is done repeating: nothing of it piles back up. A
 * series cut short by "this and following" or run out keeps the usual
 * rule: its own latest open occurrence is carried.
 *
 * Rows from before the mark have no `superseded`, which reads as "not
 * superseded": nothing is hidden that was shown. A series' older rows get
 * their marks the next time any of its occurrences changes (up to
 * SETTLE_SLACK at a time); until then carry-over still shows the series once,
 * passing over the rest as it did before (convex/carryOver).
 */

/** The index of a series' open occurrences, marked or not, by day. */
export const SERIES_OPEN_INDEX = "by_user_series_done_superseded_day";

/**
 * Between changes at most one open occurrence of a series is unmarked, so
 * a settle reads one more than the occurrences its change wrote, and this
 * many more besides: rows from before the mark get theirs this many at a
 * time.
 */
const SETTLE_SLACK = 100;

type Todo = Doc<"todos">;

const isOpenOccurrence = (todo: Todo | null) =>
  todo !== null && todo.seriesId !== undefined && !todo.done;

/** Whether a write could change which open occurrence is a series' latest. */
function movesTheLatest(oldDoc: Todo | null, newDoc: Todo | null) {
  if (!isOpenOccurrence(oldDoc) && !isOpenOccurrence(newDoc)) {
    // A todo that stops being an open occurrence drops a mark it had.
    return newDoc?.superseded !== undefined;
  }
  return (
    oldDoc === null ||
    newDoc === null ||
    oldDoc.seriesId !== newDoc.seriesId ||
    oldDoc.done !== newDoc.done ||
    oldDoc.day !== newDoc.day ||
    oldDoc.superseded !== newDoc.superseded
  );
}

/** Stopped with "Stop repeating" (not cut short, not run out). */
async function stoppedByHand(db: DatabaseWriter, seriesId: Id<"series">) {
  const series = await db.get("series", seriesId);
  return series !== null && !series.active && series.stoppedOn !== undefined;
}

const later = (a: Todo, b: Todo) =>
  a.day > b.day || (a.day === b.day && a._creationTime > b._creationTime);

/** The series whose marks a mutation's writes may have unsettled. */
export class PendingSeries {
  private readonly series = new Map<
    string,
    { userId: string; seriesId: Id<"series">; writes: number }
  >();
  /** Todos written that are no longer open occurrences, as last written. */
  private readonly left = new Map<Id<"todos">, Todo>();

  add(oldDoc: Todo | null, newDoc: Todo | null) {
    if (!movesTheLatest(oldDoc, newDoc)) return;
    for (const doc of [oldDoc, newDoc]) {
      if (doc?.seriesId === undefined) continue;
      const noted = this.series.get(doc.seriesId);
      this.series.set(doc.seriesId, {
        userId: doc.userId,
        seriesId: doc.seriesId,
        writes: (noted?.writes ?? 0) + 1,
      });
    }
    if (newDoc === null || isOpenOccurrence(newDoc)) {
      if (newDoc) this.left.delete(newDoc._id);
    } else {
      this.left.set(newDoc._id, newDoc);
    }
  }

  /** Marks every open occurrence of each noted series but its latest. */
  async settle(db: DatabaseWriter) {
    for (const todo of this.left.values()) {
      if (todo.superseded === undefined) continue;
      const now = await db.get("todos", todo._id);
      if (now && !isOpenOccurrence(now) && now.superseded !== undefined) {
        await db.patch("todos", todo._id, { superseded: undefined });
      }
    }
    for (const { userId, seriesId, writes } of this.series.values()) {
      const today = await userToday({ db }, userId);
      const open = (superseded: true | undefined, days: "to today" | "ahead") =>
        db
          .query("todos")
          .withIndex(SERIES_OPEN_INDEX, (q) => {
            const series = q
              .eq("userId", userId)
              .eq("seriesId", seriesId)
              .eq("done", false)
              .eq("superseded", superseded);
            return days === "ahead"
              ? series.gt("day", today)
              : series.lte("day", today);
          })
          .order("desc");
      // Moved ahead while marked: ahead of today nothing is superseded.
      for (const ahead of await open(true, "ahead").take(writes)) {
        await db.patch("todos", ahead._id, { superseded: undefined });
      }
      const unmarked = await open(undefined, "to today").take(
        writes + 1 + SETTLE_SLACK,
      );
      let latest = unmarked[0] ?? null;
      // A series stopped by hand brings no older occurrence back (above).
      const latestMarked = (await stoppedByHand(db, seriesId))
        ? null
        : await open(true, "to today").first();
      if (latestMarked && (latest === null || later(latestMarked, latest))) {
        await db.patch("todos", latestMarked._id, { superseded: undefined });
        latest = latestMarked;
      }
      for (const todo of unmarked) {
        if (todo._id === latest?._id) continue;
        await db.patch("todos", todo._id, { superseded: true });
      }
    }
    this.series.clear();
    this.left.clear();
  }
}
