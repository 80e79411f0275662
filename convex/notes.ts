import { v } from "convex/values";
import { userMutation, userQuery } from "./lib/auth";
import { keyAtEnd, reorderMutation } from "./lib/dayItems";
import { normalizeText } from "./lib/cleanText";
import { conflict, invalidArgument } from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { clientId, getOwned } from "./lib/ownership";
import { moveToTrash, type GroupRef } from "./lib/trash";
import { requireDay, requireText, TEXT_RULES } from "./lib/validate";

// Writes go through the builders of lib/auth, which keep each day's summary
// row (counts and budgets) current: handlers here only write notes.

const titleRule = TEXT_RULES.noteTitle;
const bodyRule = TEXT_RULES.noteBody;

/** A day's notes in display order. */
export const listForDay = userQuery({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    return await ctx.db
      .query("notes")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ctx.userId).eq("day", day),
      )
      .take(LIMITS.notesPerDay);
  },
});

/** Adds a note at the end of a day. */
export const create = userMutation({
  args: {
    day: v.string(),
    title: v.optional(v.string()),
    body: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const title = requireText(args.title ?? "", titleRule);
    const body = requireText(args.body ?? "", bodyRule);
    return await ctx.db.insert("notes", {
      userId: ctx.userId,
      day,
      title,
      body,
      collapsed: false,
      order: await keyAtEnd(ctx, "notes", ctx.userId, day),
      updatedAt: Date.now(),
      version: 0,
    });
  },
});

/**
 * Saves a title and/or body (autosave sends whichever changed) on top of
 * the version the edit started from. A stale base is refused with CONFLICT
 * and the note's current title, body and version, so the client can merge
 * and save again; nothing is overwritten unseen. Returns the new version.
 */
export const update = userMutation({
  args: {
    id: clientId("notes"),
    baseVersion: v.number(),
    title: v.optional(v.string()),
    body: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const note = await getOwned(ctx, ctx.userId, "notes", args.id);
    if (args.title === undefined && args.body === undefined) {
      throw invalidArgument("Nothing to save: give a title or a body.");
    }
    const title =
      args.title === undefined
        ? note.title
        : requireText(args.title, titleRule);
    const body =
      args.body === undefined ? note.body : requireText(args.body, bodyRule);
    if (!Number.isSafeInteger(args.baseVersion) || args.baseVersion < 0) {
      throw invalidArgument("baseVersion must be a whole number, 0 or more.");
    }
    const version = note.version ?? 0;
    if (version !== args.baseVersion) {
      // The same text saved twice (two tabs typing alike) is no conflict.
      // (Compared normalised: a note stored before text cleaning holds NFD or
      // `\r\n` text that the same save, cleaned, no longer matches byte for byte.)
      if (
        title === normalizeText(note.title) &&
        body === normalizeText(note.body)
      ) {
        return { version };
      }
      throw conflict("note", { title: note.title, body: note.body, version });
    }
    await ctx.db.patch("notes", note._id, {
      title,
      body,
      version: version + 1,
      updatedAt: Date.now(),
    });
    return { version: version + 1 };
  },
});

export const setCollapsed = userMutation({
  undoable: true,
  args: { id: clientId("notes"), collapsed: v.boolean() },
  handler: async (ctx, args) => {
    const note = await getOwned(ctx, ctx.userId, "notes", args.id);
    await ctx.db.patch("notes", note._id, { collapsed: args.collapsed });
  },
});

/** Places a note between two neighbours (either may be null at an end). */
export const reorder = reorderMutation("notes");

/**
 * Moves a note to "Recently deleted" (lib/trash); returns its group there,
 * which `trash.restoreGroup` puts back (Undo).
 */
export const remove = userMutation({
  args: { id: clientId("notes") },
  handler: async (ctx, args) => {
    const note = await getOwned(ctx, ctx.userId, "notes", args.id);
    const group: GroupRef = {
      id: null,
      userId: ctx.userId,
      day: note.day,
      what: "note",
    };
    return (await moveToTrash(ctx, group, { notes: [note] }))!;
  },
});
