import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { userQuery } from "./lib/auth";
import { LIMITS } from "./lib/limits";
import { requireText } from "./lib/validate";

export const MAX_TODO_RESULTS = 20;
export const MAX_NOTE_RESULTS = 10;
const SNIPPET_RADIUS = 60;
/** Convex search matches at most 16 terms; later words are dropped. */
const MAX_SEARCH_TERMS = 16;

/**
 * Plain-text excerpt of a note body around the first search term, so a
 * result never carries a whole 100 kB body. The UI does the highlighting.
 */
export function snippetAround(body: string, text: string): string {
  const lower = body.toLowerCase();
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = terms.map((term) => lower.indexOf(term)).filter((i) => i >= 0);
  const at = hits.length ? Math.min(...hits) : 0;
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(body.length, at + SNIPPET_RADIUS * 2);
  return (
    (start > 0 ? "…" : "") +
    body.slice(start, end).replace(/\s+/g, " ").trim() +
    (end < body.length ? "…" : "")
  );
}

/**
 * Full-text search over the caller's todos and note titles and bodies. The
 * search indexes filter on `userId`, so other users' rows are never read.
 */
export const search = userQuery({
  args: { text: v.string() },
  handler: async (ctx, args) => {
    const text = requireText(args.text, {
      field: "Search text",
      max: LIMITS.searchText,
      allowEmpty: true,
    })
      .trim()
      .split(/\s+/)
      .slice(0, MAX_SEARCH_TERMS)
      .join(" ");
    if (text === "") return { todos: [], notes: [] };

    const todos = await ctx.db
      .query("todos")
      .withSearchIndex("search_text", (q) =>
        q.search("text", text).eq("userId", ctx.userId),
      )
      .take(MAX_TODO_RESULTS);
    const byTitle = await ctx.db
      .query("notes")
      .withSearchIndex("search_title", (q) =>
        q.search("title", text).eq("userId", ctx.userId),
      )
      .take(MAX_NOTE_RESULTS);
    const byBody = await ctx.db
      .query("notes")
      .withSearchIndex("search_body", (q) =>
        q.search("body", text).eq("userId", ctx.userId),
      )
      .take(MAX_NOTE_RESULTS);

    const notes = new Map<string, Doc<"notes">>();
    for (const note of [...byTitle, ...byBody]) notes.set(note._id, note);
    return {
      todos: todos.map((todo) => ({
        id: todo._id,
        day: todo.day,
        text: todo.text,
        kind: todo.kind,
        done: todo.done,
      })),
      notes: [...notes.values()].slice(0, MAX_NOTE_RESULTS).map((note) => ({
        id: note._id,
        day: note.day,
        title: note.title,
        snippet: snippetAround(note.body, text),
      })),
    };
  },
});
