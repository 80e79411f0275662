import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalQuery } from "./_generated/server";
import { internalMutation, userAction } from "./lib/auth";
import { isDayInRange } from "./lib/dayRange";
import { LIMITS } from "./lib/limits";
import { spendTokens } from "./lib/rateLimits";
import { requireText } from "./lib/validate";
import { todoKind } from "./schema";

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

/** What `search` answers: plain text only, never a whole note body. */
export type SearchResults = {
  todos: {
    id: Doc<"todos">["_id"];
    day: string;
    text: string;
    kind: Infer<typeof todoKind>;
    done: boolean;
  }[];
  notes: {
    id: Doc<"notes">["_id"];
    day: string;
    title: string;
    snippet: string;
  }[];
};

/** The search text cleaned and cut to the terms Convex matches. */
function searchTerms(raw: string): string {
  return requireText(raw, {
    field: "Search text",
    max: LIMITS.searchText,
    allowEmpty: true,
  })
    .trim()
    .split(/\s+/)
    .slice(0, MAX_SEARCH_TERMS)
    .join(" ");
}

/**
 * Full-text search over the caller's todos and note titles and bodies. An
 * action, not a query, because each search takes a token from the caller's
 * `searches` bucket (lib/rateLimits), which a query cannot write. Refusals:
 * INVALID_ARGUMENT, RATE_LIMITED.
 */
export const search = userAction({
  args: { text: v.string() },
  handler: async (ctx, args): Promise<SearchResults> => {
    const text = searchTerms(args.text);
    if (text === "") return { todos: [], notes: [] };
    await ctx.runMutation(internal.search.takeSearchToken, {
      userId: ctx.userId,
    });
    return await ctx.runQuery(internal.search.findForUser, {
      userId: ctx.userId,
      text,
    });
  },
});

export const takeSearchToken = internalMutation({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    await spendTokens(ctx, userId, "searches");
  },
});

/**
 * The search itself, for `search` (which passes the signed-in caller's id).
 * The search indexes filter on `userId`, so other users' rows are never read.
 */
export const findForUser = internalQuery({
  args: { userId: v.string(), text: v.string() },
  handler: async (ctx, { userId, text }): Promise<SearchResults> => {
    const todos = await ctx.db
      .query("todos")
      .withSearchIndex("search_text", (q) =>
        q.search("text", text).eq("userId", userId),
      )
      .take(MAX_TODO_RESULTS);
    const byTitle = await ctx.db
      .query("notes")
      .withSearchIndex("search_title", (q) =>
        q.search("title", text).eq("userId", userId),
      )
      .take(MAX_NOTE_RESULTS);
    const byBody = await ctx.db
      .query("notes")
      .withSearchIndex("search_body", (q) =>
        q.search("body", text).eq("userId", userId),
      )
      .take(MAX_NOTE_RESULTS);

    // Only days inside the app's range, like `days.list` (see there). A
    // search index filters on `userId` alone, so this filters the results.
    const notes = new Map<string, Doc<"notes">>();
    for (const note of [...byTitle, ...byBody]) {
      if (isDayInRange(note.day)) notes.set(note._id, note);
    }
    return {
      todos: todos
        .filter((todo) => isDayInRange(todo.day))
        .map((todo) => ({
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
