import type { JSONValue } from "convex/values";
import type { QueryJournal } from "./wire-protocol";

/**
 * Convex keeps a page of a paginated query gapless across re-runs: the first
 * run records where the page ended in the query's journal, and every re-run
 * ends there (new rows grow the page instead of shifting the next one). The
 * stand-in does the same with `paginationOpts.endCursor`, which convex-test
 * honours, and keeps the journal as `{"endCursor": ...}`.
 */

type PaginationOpts = { cursor: string | null; endCursor?: string | null };
type ArgsWithPagination = { paginationOpts: PaginationOpts };

function paginationOptsOf(args: JSONValue): PaginationOpts | undefined {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return undefined;
  }
  const opts = (args as Partial<ArgsWithPagination>).paginationOpts;
  return typeof opts === "object" && opts !== null ? opts : undefined;
}

function endCursorIn(journal: QueryJournal): string | undefined {
  if (journal === null) return undefined;
  try {
    const parsed = JSON.parse(journal) as { endCursor?: unknown };
    return typeof parsed.endCursor === "string" ? parsed.endCursor : undefined;
  } catch {
    // A journal from another server: start the page afresh.
    return undefined;
  }
}

/** The args to run: the journal's end cursor fixes where the page stops. */
export function argsWithJournal(
  args: JSONValue,
  journal: QueryJournal,
): JSONValue {
  const opts = paginationOptsOf(args);
  const endCursor = endCursorIn(journal);
  if (!opts || opts.endCursor || endCursor === undefined) return args;
  return {
    ...(args as Record<string, JSONValue>),
    paginationOpts: { ...opts, endCursor },
  };
}

/**
 * The journal after a successful run: for a first page-run of a paginated
 * query, where the page ended (the result's `continueCursor`).
 */
export function journalAfterRun(
  args: JSONValue,
  journal: QueryJournal,
  result: JSONValue,
): QueryJournal {
  const opts = paginationOptsOf(args);
  if (!opts || opts.endCursor || endCursorIn(journal) !== undefined) {
    return journal;
  }
  const continueCursor =
    typeof result === "object" && result !== null && !Array.isArray(result)
      ? result.continueCursor
      : undefined;
  return typeof continueCursor === "string"
    ? JSON.stringify({ endCursor: continueCursor })
    : journal;
}
