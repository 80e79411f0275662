import { rateLimitTables } from "convex-helpers/server/rateLimit";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { repeatRuleValidator } from "./lib/repeatRule";
import { undoOp } from "./lib/undoOps";

/**
 * Every table is keyed by `userId` (the token's subject) and every index
 * starts with it, so a read can only ever range over the caller's own rows.
 */
export const todoKind = v.union(
  v.literal("todo"),
  v.literal("h1"),
  v.literal("h2"),
  v.literal("h3"),
);

export default defineSchema({
  users: defineTable({
    userId: v.string(),
    name: v.optional(v.string()),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
    updatedAt: v.number(),
    /** When the profile was last asked of WorkOS (convex/users). */
    fetchedAt: v.optional(v.number()),
    /**
     * Where the stored values came from: the token's claims or the WorkOS
     * API. Absent on rows from before, whose values the browser sent and
     * which are not trusted (convex/users `syncProfile` clears them).
     */
    source: v.optional(v.union(v.literal("token"), v.literal("workos"))),
  }).index("by_user", ["userId"]),

  /**
   * A person's settings (convex/settings): one row, made on the first
   * setting stored; every field absent means its default.
   */
  settings: defineTable({
    userId: v.string(),
    /** IANA time zone (lib/timeZone); absent: "UTC". */
    timeZone: v.optional(v.string()),
    /**
     * True once the person picked the zone in Settings: sign-ins no longer
     * replace it with the browser's. Absent or false: it follows the device.
     */
    timeZoneChosen: v.optional(v.boolean()),
    /** "Move unfinished todos to today automatically"; absent: off. */
    moveUnfinishedAutomatically: v.optional(v.boolean()),
    /**
     * The person's today when the automatic move last ran (convex/carryOver),
     * so it runs once a day however many tabs open at once.
     */
    lastAutomaticMoveDay: v.optional(v.string()),
  }).index("by_user", ["userId"]),

  /**
   * The person's latest "Move all to today" or automatic move
   * (convex/carryOver): one row, replaced by the next move, which the
   * browser reads for progress while the batches run.
   */
  carryOverMoves: defineTable({
    userId: v.string(),
    /** The day the todos go to. */
    today: v.string(),
    automatic: v.boolean(),
    /** "full": stopped because today holds as much as a day may. */
    status: v.union(v.literal("moving"), v.literal("done"), v.literal("full")),
    moved: v.number(),
    startedAt: v.number(),
    updatedAt: v.number(),
  }).index("by_user", ["userId"]),

  /**
   * One summary row per day that has content, a label or an archive mark.
   * Mutations keep the counts current so the sidebar reads one row per day.
   */
  days: defineTable({
    userId: v.string(),
    day: v.string(),
    label: v.optional(v.string()),
    archived: v.boolean(),
    todoCount: v.number(),
    openCount: v.number(),
    doneCount: v.number(),
    /** UTF-8 bytes of todo text and note titles + bodies: the read budget. */
    todoBytes: v.number(),
    noteCount: v.number(),
    noteBytes: v.number(),
    /**
     * Bumped when the label or archive mark changes (lib/undoJournal), not
     * by counts; absent: neither was set since the row was made.
     */
    revision: v.optional(v.number()),
  })
    .index("by_user_day", ["userId", "day"])
    .index("by_user_archived_day", ["userId", "archived", "day"]),

  todos: defineTable({
    userId: v.string(),
    day: v.string(),
    text: v.string(),
    kind: todoKind,
    done: v.boolean(),
    completedAt: v.optional(v.number()),
    pinned: v.boolean(),
    /** Fractional index key: moving an item rewrites only that item. */
    order: v.string(),
    /**
     * Bumped by every change of its fields (lib/undoJournal), so an undo can
     * tell the row changed since; absent: never changed since it was made.
     */
    revision: v.optional(v.number()),
    /** An occurrence of a repeating todo: its series (convex/series). */
    seriesId: v.optional(v.id("series")),
    /**
     * An open occurrence with a later open one in its series: carry-over
     * leaves it out (lib/supersededOccurrences). Absent otherwise, and on
     * rows from before the mark.
     */
    superseded: v.optional(v.literal(true)),
  })
    .index("by_user_day_order", ["userId", "day", "order"])
    // A day's todos by creation time (Convex ends every index with it), for
    // the cut-off of "delete day": only rows created before it are deleted.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes -- sorted by creation time, not order.
    .index("by_user_day", ["userId", "day"])
    .index("by_user_day_done_order", ["userId", "day", "done", "order"])
    .index("by_user_pinned_day_order", ["userId", "pinned", "day", "order"])
    // A series' occurrences by day: "this and following", stopping.
    .index("by_user_series_day", ["userId", "seriesId", "day"])
    // A series' open occurrences, marked superseded or not, by day: which
    // is its latest (lib/supersededOccurrences).
    .index("by_user_series_done_superseded_day", [
      "userId",
      "seriesId",
      "done",
      "superseded",
      "day",
    ])
    // Carry-over (convex/carryOver): open todos of earlier days, newest day
    // first, without reading done ones, headings or the superseded
    // occurrences of a series (absent `superseded` indexes as undefined).
    .index("by_user_done_kind_superseded_day_order", [
      "userId",
      "done",
      "kind",
      "superseded",
      "day",
      "order",
    ])
    .searchIndex("search_text", {
      searchField: "text",
      filterFields: ["userId"],
    }),

  notes: defineTable({
    userId: v.string(),
    day: v.string(),
    title: v.string(),
    body: v.string(),
    collapsed: v.boolean(),
    order: v.string(),
    updatedAt: v.number(),
    /**
     * Bumped by every saved edit of title or body; a save names the version
     * it started from (absent on notes from before versions: 0).
     */
    version: v.optional(v.number()),
    /**
     * Bumped by every change of its fields (lib/undoJournal), so an undo can
     * tell the row changed since; absent: never changed since it was made.
     */
    revision: v.optional(v.number()),
  })
    .index("by_user_day_order", ["userId", "day", "order"])
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes -- as for todos: the cut-off of "delete day".
    .index("by_user_day", ["userId", "day"])
    .searchIndex("search_title", {
      searchField: "title",
      filterFields: ["userId"],
    })
    .searchIndex("search_body", {
      searchField: "body",
      filterFields: ["userId"],
    }),

  /**
   * A repeating todo (convex/series): its text and rule. Its occurrences
   * are ordinary todos with `seriesId`, made when a day on or after the
   * person's today is shown (`series.showDay`).
   */
  series: defineTable({
    userId: v.string(),
    /** The text of occurrences not made yet. */
    text: v.string(),
    rule: repeatRuleValidator,
    /**
     * The day rrule counts the rule from (lib/repeatRule). For a rule
     * without a count it moves up to today's occurrence as days pass (the
     * same days follow), so working out a day walks from there, not from
     * the day the series began.
     */
    startDay: v.string(),
    /** False once stopped or ended: not read when a day is shown. */
    active: v.boolean(),
    /**
     * The person's today when they stopped it ("Stop repeating"), unlike a
     * series cut short or run out: its older open occurrences stay out of
     * carry-over (lib/supersededOccurrences).
     */
    stoppedOn: v.optional(v.string()),
    /** The latest day an occurrence was made on (for carry-over). */
    lastDay: v.optional(v.string()),
    /**
     * Days from yesterday on that an occurrence was made on, so one that
     * was deleted or moved away is not made again (older days are never
     * made, so they are dropped). Sorted; at most LIMITS.seriesMadeDays.
     */
    madeDays: v.array(v.string()),
    /** As for todos (lib/undoJournal). */
    revision: v.optional(v.number()),
  }).index("by_user_active", ["userId", "active"]),

  /**
   * "Recently deleted": one group per deletion (a todo, a note, a whole day,
   * or a day's open or done todos), holding what came back would need
   * besides the items (a deleted day's label and archive mark) and how much
   * it holds, so the view and the restore checks read one row per group.
   * Kept 30 days (lib/trash). A table of its own rather than a flag on
   * todos and notes: every index, count, search, quota and export of those
   * leaves deleted items out without a change.
   */
  trashGroups: defineTable({
    userId: v.string(),
    deletedAt: v.number(),
    day: v.string(),
    what: v.union(
      v.literal("todo"),
      v.literal("note"),
      v.literal("day"),
      v.literal("openTodos"),
      v.literal("doneTodos"),
    ),
    /** A deleted day's label and archive mark. */
    label: v.optional(v.string()),
    archived: v.optional(v.boolean()),
    /** The items in the trash now, as a day row counts them. */
    todoCount: v.number(),
    todoBytes: v.number(),
    noteCount: v.number(),
    noteBytes: v.number(),
    /** The first item's text or title, to name the group in the view. */
    name: v.string(),
    /**
     * A deletion or restore of this group still running in batches, and
     * how many items it moves in all: what `trash.progress` reports.
     */
    pending: v.optional(
      v.object({
        action: v.union(v.literal("delete"), v.literal("restore")),
        total: v.number(),
      }),
    ),
  })
    .index("by_user_deleted", ["userId", "deletedAt"])
    // The purge (lib/trash): every user's expired groups, oldest first.
    .index("by_deleted", ["deletedAt"]),

  /** A deleted todo or note: its fields, to be put back exactly. */
  trash: defineTable({
    userId: v.string(),
    groupId: v.id("trashGroups"),
    day: v.string(),
    kind: v.union(v.literal("todo"), v.literal("note")),
    todo: v.optional(
      v.object({
        text: v.string(),
        kind: todoKind,
        done: v.boolean(),
        completedAt: v.optional(v.number()),
        pinned: v.boolean(),
        order: v.string(),
        seriesId: v.optional(v.id("series")),
      }),
    ),
    note: v.optional(
      v.object({
        title: v.string(),
        body: v.string(),
        collapsed: v.boolean(),
        order: v.string(),
        updatedAt: v.number(),
        version: v.optional(v.number()),
      }),
    ),
  })
    // Todos and notes apart: notes (up to 100 kB) go in smaller batches.
    .index("by_user_group_kind", ["userId", "groupId", "kind"]),

  /** Progress of "delete my data", readable by its owner while it runs. */
  deletions: defineTable({
    userId: v.string(),
    status: v.union(
      v.literal("counting"),
      v.literal("deleting"),
      v.literal("done"),
    ),
    total: v.number(),
    deleted: v.number(),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
  }).index("by_user", ["userId"]),

  /**
   * What a mutation sent with a `changeId` returned, so a repeat of the same
   * change (a client resending after a lost answer or a reload) gets the
   * same answer without running twice. Kept 7 days (lib/changeReceipts).
   */
  changeReceipts: defineTable({
    userId: v.string(),
    changeId: v.string(),
    /** The handler's return value; absent when it returned nothing. */
    result: v.optional(v.any()),
    at: v.number(),
  })
    .index("by_user_change", ["userId", "changeId"])
    .index("by_user_at", ["userId", "at"]),

  /**
   * What each undoable change did (lib/undoJournal, convex/undo), one row
   * per step: a change made in scheduled batches, or too big for one row,
   * spans several. Kept a day (pruned as changes are made, and by
   * `undo.purgeExpired`).
   */
  undoLog: defineTable({
    userId: v.string(),
    /** The change id the client sent the change with (lib/changeReceipts). */
    changeId: v.string(),
    step: v.number(),
    /** The change's last step: all of its batches have run. */
    complete: v.boolean(),
    ops: v.array(undoOp),
    at: v.number(),
  })
    .index("by_user_change_step", ["userId", "changeId", "step"])
    .index("by_user_at", ["userId", "at"])
    // The purge of expired rows across users (internal only).
    .index("by_at", ["at"]),

  /**
   * What each user holds, for the quotas (lib/usage): kept by the one
   * writer of day rows (lib/days), so it moves with the day summaries.
   */
  usage: defineTable({
    userId: v.string(),
    todoCount: v.number(),
    noteCount: v.number(),
    /** Day rows: days with content, a label or an archive mark. */
    dayCount: v.number(),
    /** UTF-8 bytes of todo text and note titles and bodies. */
    textBytes: v.number(),
    /**
     * While the days from before quotas are being counted (lib/usage): the
     * last day counted ("" before the first page). Absent once complete.
     */
    countedThrough: v.optional(v.string()),
  }).index("by_user", ["userId"]),

  /**
   * Per-user token buckets of convex-helpers' rate limiter (lib/rateLimits),
   * keyed by `key` = the user's id.
   */
  ...rateLimitTables,
});
