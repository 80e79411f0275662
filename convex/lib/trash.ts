import { generateKeyBetween } from "fractional-indexing";
import { ConvexError } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { DatabaseReader, DatabaseWriter } from "../_generated/server";
import { noteCounts, todoCounts, type DayDelta } from "./daySummary";
import { getDay, ensureRoom, updateDay } from "./days";
import { appError, type AppErrorData } from "./errors";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./limits";
import { ensureQuota, getUsage } from "./usage";

/*
 * "Recently deleted". Deleting a todo, a note or a day moves its rows into
 * `trash`, under one `trashGroups` row per deletion; restoring moves them
 * back, at their old order keys when free; after 30 days the purge
 * (convex/trash `purgeExpired`, from convex/crons) deletes them for good.
 * Every group holds the items of one day, so a restore checks one day's
 * budgets. The group row counts what it holds (like a day row), so the view,
 * the room checks and "delete my data"'s count read one row per group.
 */

export const TRASH_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export type TrashGroup = Doc<"trashGroups">;
export type TrashItem = Doc<"trash">;
type GroupKind = TrashGroup["what"];
type Writer = { db: DatabaseWriter };

const NAME_LENGTH = 120;

/** What a group holds, as the day row would count it. */
type GroupCounts = Pick<
  TrashGroup,
  "todoCount" | "todoBytes" | "noteCount" | "noteBytes"
>;

const NO_ITEMS: GroupCounts = {
  todoCount: 0,
  todoBytes: 0,
  noteCount: 0,
  noteBytes: 0,
};

/** The group a deletion's rows go to: `id` null (or gone) starts one. */
export type GroupRef = {
  id: Id<"trashGroups"> | null;
  userId: string;
  day: string;
  what: GroupKind;
  /** A deleted day's marks, kept with its group. */
  label?: string;
  archived?: boolean;
};

/** Starts a group; the day's marks go with it (a day group only). */
export async function openTrashGroup(
  ctx: Writer,
  ref: Omit<GroupRef, "id">,
): Promise<Id<"trashGroups">> {
  return await ctx.db.insert("trashGroups", {
    userId: ref.userId,
    deletedAt: Date.now(),
    day: ref.day,
    what: ref.what,
    label: ref.label,
    archived: ref.archived || undefined,
    ...NO_ITEMS,
    name: "",
  });
}

/**
 * Marks a group's deletion or restore as running in batches (`pending`),
 * or as finished (undefined): set by the first batch when more follow,
 * cleared by the last, so `trash.progress` can say how far it got.
 */
export async function setPending(
  ctx: Writer,
  groupId: Id<"trashGroups"> | null,
  pending: TrashGroup["pending"],
) {
  const group = groupId && (await ctx.db.get("trashGroups", groupId));
  if (group) await ctx.db.patch("trashGroups", group._id, { pending });
}

/** What a row of `trash` adds to its group's counts. */
function countsOf(row: Pick<TrashItem, "todo" | "note">): GroupCounts {
  if (row.todo) {
    const { todoCount, todoBytes } = todoCounts(row.todo);
    return { ...NO_ITEMS, todoCount, todoBytes };
  }
  const { noteCount, noteBytes } = noteCounts(row.note!);
  return { ...NO_ITEMS, noteCount, noteBytes };
}

function addCounts(group: GroupCounts, rows: GroupCounts[], sign: 1 | -1) {
  const next = { ...group };
  for (const row of rows) {
    for (const key of Object.keys(NO_ITEMS) as (keyof GroupCounts)[]) {
      next[key] = Math.max(0, next[key] + sign * row[key]);
    }
  }
  return next;
}

/** The fields a todo comes back with (nothing else is copied). */
function keptTodo(todo: Doc<"todos">): NonNullable<TrashItem["todo"]> {
  return {
    text: todo.text,
    kind: todo.kind,
    done: todo.done,
    completedAt: todo.completedAt,
    pinned: todo.pinned,
    order: todo.order,
    seriesId: todo.seriesId,
  };
}

function keptNote(note: Doc<"notes">): NonNullable<TrashItem["note"]> {
  return {
    title: note.title,
    body: note.body,
    collapsed: note.collapsed,
    order: note.order,
    updatedAt: note.updatedAt,
    version: note.version,
  };
}

/**
 * Moves todos and notes of the group's day into the trash, deleting them
 * from their tables (through the caller's db, so the day summaries follow).
 * The group is started on the first rows, or again if it went meanwhile
 * (restored or deleted for good while a day's batches still ran). Returns
 * the group's id, or `ref.id` when there was nothing to move.
 */
export async function moveToTrash(
  ctx: Writer,
  ref: GroupRef,
  items: { todos?: Doc<"todos">[]; notes?: Doc<"notes">[] },
): Promise<Id<"trashGroups"> | null> {
  const todos = items.todos ?? [];
  const notes = items.notes ?? [];
  if (todos.length === 0 && notes.length === 0) return ref.id;
  const existing = ref.id && (await ctx.db.get("trashGroups", ref.id));
  const groupId = existing ? existing._id : await openTrashGroup(ctx, ref);
  const group = existing || (await ctx.db.get("trashGroups", groupId))!;
  const rows: Omit<TrashItem, "_id" | "_creationTime">[] = [
    ...todos.map((todo) => ({
      userId: ref.userId,
      groupId,
      day: todo.day,
      kind: "todo" as const,
      todo: keptTodo(todo),
    })),
    ...notes.map((note) => ({
      userId: ref.userId,
      groupId,
      day: note.day,
      kind: "note" as const,
      note: keptNote(note),
    })),
  ];
  for (const row of rows) await ctx.db.insert("trash", row);
  for (const todo of todos) await ctx.db.delete("todos", todo._id);
  for (const note of notes) await ctx.db.delete("notes", note._id);
  const first = todos[0]?.text ?? notes[0]?.title ?? "";
  const { _id, _creationTime, ...fields } = group;
  await ctx.db.replace("trashGroups", _id, {
    ...fields,
    ...addCounts(group, rows.map(countsOf), 1),
    name: group.name || first.slice(0, NAME_LENGTH),
  });
  return groupId;
}

/** A group's next batch: its todos first, then its (larger) notes. */
export async function nextRowsOfGroup(
  db: DatabaseReader,
  group: TrashGroup,
): Promise<TrashItem[]> {
  const rowsOf = (kind: TrashItem["kind"], count: number) =>
    db
      .query("trash")
      .withIndex("by_user_group_kind", (q) =>
        q.eq("userId", group.userId).eq("groupId", group._id).eq("kind", kind),
      )
      .take(count);
  const todos = await rowsOf("todo", BATCH_SIZE);
  return todos.length > 0 ? todos : await rowsOf("note", NOTE_BATCH_SIZE);
}

/** Whether a group holds nothing to restore: no items and no day marks. */
function isSpent(group: GroupCounts & Pick<TrashGroup, "label" | "archived">) {
  return (
    group.todoCount === 0 &&
    group.noteCount === 0 &&
    group.label === undefined &&
    !group.archived
  );
}

/**
 * Takes rows out of their group (restored or deleted for good): the group's
 * counts shrink, and a group left with nothing goes. Returns the group as
 * it is now, or null once gone.
 */
async function takeFromGroup(
  ctx: Writer,
  group: TrashGroup,
  rows: TrashItem[],
): Promise<TrashGroup | null> {
  for (const row of rows) await ctx.db.delete("trash", row._id);
  return await saveGroup(ctx, {
    ...group,
    ...addCounts(group, rows.map(countsOf), -1),
  });
}

/**
 * Stores a group as it is now, or removes it once it holds nothing;
 * returns it, or null when it went.
 */
async function saveGroup(
  ctx: Writer,
  next: TrashGroup,
): Promise<TrashGroup | null> {
  if (isSpent(next)) {
    await ctx.db.delete("trashGroups", next._id);
    return null;
  }
  const { _id, _creationTime, ...fields } = next;
  await ctx.db.replace("trashGroups", _id, fields);
  return next;
}

/** Deletes rows for good ("Delete forever", "Empty trash", the purge). */
export function deleteRowsForever(
  ctx: Writer,
  group: TrashGroup,
  rows: TrashItem[],
): Promise<TrashGroup | null> {
  return takeFromGroup(ctx, group, rows);
}

/** Deletes a group and everything in it a batch at a time; null once gone. */
export async function deleteGroupBatch(
  ctx: Writer,
  group: TrashGroup,
): Promise<{ group: TrashGroup | null; rows: number }> {
  const rows = await nextRowsOfGroup(ctx.db, group);
  if (rows.length === 0) {
    await ctx.db.delete("trashGroups", group._id);
    return { group: null, rows: 0 };
  }
  const left = await takeFromGroup(ctx, group, rows);
  if (left && left.todoCount === 0 && left.noteCount === 0) {
    // Only the day's marks were left, which go with it.
    await ctx.db.delete("trashGroups", left._id);
    return { group: null, rows: rows.length };
  }
  return { group: left, rows: rows.length };
}

/**
 * The order key an item comes back at: its old one if no item of the day
 * holds it now, else just after the item that does (one or two indexed reads).
 */
async function freeOrderKey(
  db: DatabaseReader,
  table: "todos" | "notes",
  userId: string,
  day: string,
  order: string,
): Promise<string> {
  const inDay = () =>
    db
      .query(table)
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", userId).eq("day", day).gte("order", order),
      );
  const holder = await inDay().first();
  if (!holder || holder.order !== order) return order;
  const next = await db
    .query(table)
    .withIndex("by_user_day_order", (q) =>
      q.eq("userId", userId).eq("day", day).gt("order", order),
    )
    .first();
  return generateKeyBetween(order, next?.order ?? null);
}

/**
 * What one transaction has restored so far, per day and in all, for the
 * room checks of the groups after it.
 */
export class PendingRestores {
  private readonly byDay = new Map<string, GroupCounts>();
  all: GroupCounts = NO_ITEMS;

  onDay(day: string): GroupCounts {
    return this.byDay.get(day) ?? NO_ITEMS;
  }

  hasDay(day: string): boolean {
    return this.byDay.has(day);
  }

  add(day: string, counts: GroupCounts) {
    this.byDay.set(day, addCounts(this.onDay(day), [counts], 1));
    this.all = addCounts(this.all, [counts], 1);
  }
}

/** What restoring these counts adds to their day and to the user's usage. */
function restoreDelta(counts: GroupCounts): DayDelta {
  return {
    todoCount: counts.todoCount,
    todoBytes: counts.todoBytes,
    noteCount: counts.noteCount,
    noteBytes: counts.noteBytes,
  };
}

/**
 * Refuses a restore that would grow the day past a budget, or the user past
 * a quota, before anything is written, saying that nothing was restored.
 * (The day summaries check again when the mutation ends.)
 */
export async function ensureRoomToRestore(
  ctx: { db: DatabaseReader },
  userId: string,
  day: string,
  counts: GroupCounts,
  pending: PendingRestores = new PendingRestores(),
): Promise<void> {
  const row = await getDay(ctx, userId, day);
  // Day rows and usage catch up with this transaction's own restores only
  // when it ends (lib/summaryTriggers): those are added here.
  const onDay = addCounts(pending.onDay(day), [counts], 1);
  const inAll = addCounts(pending.all, [counts], 1);
  try {
    ensureRoom(row, restoreDelta(onDay));
    const usage = await getUsage(ctx.db, userId);
    if (usage) {
      ensureQuota(usage, {
        todoCount: inAll.todoCount,
        noteCount: inAll.noteCount,
        dayCount: row || pending.hasDay(day) ? 0 : 1,
        textBytes: inAll.todoBytes + inAll.noteBytes,
      });
    }
    pending.add(day, counts);
  } catch (error) {
    if (
      error instanceof ConvexError &&
      (error.data as AppErrorData).code === "LIMIT_REACHED"
    ) {
      throw appError(
        "LIMIT_REACHED",
        `Nothing was restored to ${day}: ${(error.data as AppErrorData).message}`,
      );
    }
    throw error;
  }
}

/** The counts of some rows, for a room check before restoring them. */
export function countsOfRows(rows: TrashItem[]): GroupCounts {
  return addCounts(NO_ITEMS, rows.map(countsOf), 1);
}

/**
 * The new ids of rows put back (a restored row is a new document): what a
 * redo of the delete deletes again.
 */
export type RestoredIds = { todos: Id<"todos">[]; notes: Id<"notes">[] };

/**
 * Puts rows back into todos and notes (through the caller's db, so the day
 * summaries follow), each at its old order key when free, with its state,
 * pin, kind and times; and takes them out of their group.
 */
export async function restoreRows(
  ctx: Writer,
  group: TrashGroup,
  rows: TrashItem[],
  restored?: RestoredIds,
): Promise<TrashGroup | null> {
  for (const row of rows) {
    if (row.todo) {
      const order = await freeOrderKey(
        ctx.db,
        "todos",
        row.userId,
        row.day,
        row.todo.order,
      );
      const id = await ctx.db.insert("todos", {
        userId: row.userId,
        day: row.day,
        ...row.todo,
        order,
      });
      restored?.todos.push(id);
    } else if (row.note) {
      const order = await freeOrderKey(
        ctx.db,
        "notes",
        row.userId,
        row.day,
        row.note.order,
      );
      const id = await ctx.db.insert("notes", {
        userId: row.userId,
        day: row.day,
        ...row.note,
        order,
      });
      restored?.notes.push(id);
    }
  }
  return await takeFromGroup(ctx, group, rows);
}

/**
 * Gives a deleted day back its label (unless it has one again) and its
 * archive mark, and clears them from the group.
 */
export async function restoreDayMarks(
  ctx: Writer,
  group: TrashGroup,
): Promise<TrashGroup | null> {
  if (group.label === undefined && !group.archived) return group;
  const row = await getDay(ctx, group.userId, group.day);
  await updateDay(ctx, group.userId, group.day, {
    label: row?.label === undefined ? group.label : undefined,
    archived: group.archived ? true : undefined,
  });
  return await saveGroup(ctx, {
    ...group,
    label: undefined,
    archived: undefined,
  });
}

/**
 * Restores the next batch of a group (its marks first): checks the room
 * for the whole of what is left, so a group comes back whole or not at
 * all. Returns the group as it is now, or null once all is back.
 */
export async function restoreGroupBatch(
  ctx: Writer,
  group: TrashGroup,
  pending?: PendingRestores,
  restored?: RestoredIds,
): Promise<TrashGroup | null> {
  await ensureRoomToRestore(ctx, group.userId, group.day, group, pending);
  const afterMarks = await restoreDayMarks(ctx, group);
  if (!afterMarks) return null;
  const rows = await nextRowsOfGroup(ctx.db, afterMarks);
  if (rows.length === 0) {
    await ctx.db.delete("trashGroups", afterMarks._id);
    return null;
  }
  return await restoreRows(ctx, afterMarks, rows, restored);
}
