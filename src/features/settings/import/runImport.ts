import type { ConvexReactClient } from "convex/react";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import type {
  ImportBatchResult,
  ImportedDay,
  ImportedNote,
  ImportedSeries,
  ImportedTodo,
  SkipCounts,
} from "@convex/imports";
import { errorMessage, retryAfterMs } from "@/lib/errors";
import type { ImportPlan, PlannedTodo } from "./importPlan";

/*
 * Sends a plan in bounded batches (imports.ts takes at most 100 repeating
 * todos, 250 todos, 20 notes or 500 days a call): repeating todos first,
 * whose answers give each occurrence its series id here, then todos, then
 * notes, then the days' labels and archive marks. A batch may handle only its first rows (its read
 * budget): the rest go again. A rate-limit refusal waits as long as the
 * server says and sends the same batch again; any other refusal stops the
 * import, and the outcome says what was not sent.
 */

export type ImportKind = "series" | "todos" | "notes" | "days";

export const KIND_BATCH = {
  series: 100,
  todos: 250,
  notes: 20,
  days: 500,
} as const;

/** Notes are up to 100 kB: a batch also stops at this much text. */
const NOTE_BATCH_BYTES = 1024 * 1024;

type RowsOf = {
  series: ImportedSeries;
  todos: ImportedTodo;
  notes: ImportedNote;
  days: ImportedDay;
};

/** A batch's answer; for repeating todos, with each row's series id. */
export type SendResult = ImportBatchResult & {
  seriesIds?: (Id<"series"> | null)[];
};

export type SendBatch = <K extends ImportKind>(
  kind: K,
  rows: RowsOf[K][],
  sourceUserId: string | undefined,
) => Promise<SendResult>;

/** The app's sender: one public mutation per kind. */
export function convexSender(convex: ConvexReactClient): SendBatch {
  return async (kind, rows, sourceUserId) => {
    const args = { sourceUserId };
    if (kind === "series") {
      // Only Daybook's own export has them, with no owner id to check.
      return await convex.mutation(api.imports.importSeries, {
        rows: rows as ImportedSeries[],
      });
    }
    if (kind === "todos") {
      return await convex.mutation(api.imports.importTodos, {
        ...args,
        rows: rows as ImportedTodo[],
      });
    }
    if (kind === "notes") {
      return await convex.mutation(api.imports.importNotes, {
        ...args,
        rows: rows as ImportedNote[],
      });
    }
    return await convex.mutation(api.imports.importDays, {
      ...args,
      rows: rows as ImportedDay[],
    });
  };
}

export type ImportProgress = {
  done: number;
  total: number;
  /** Set while waiting out a rate limit. */
  waitingMs?: number;
};

export type ImportOutcome = {
  imported: Record<ImportKind, number>;
  skipped: Record<ImportKind, SkipCounts>;
  /** Set when the import stopped: why, and how many rows were not sent. */
  stopped: { message: string; notSent: Record<ImportKind, number> } | null;
};

const noSkips = (): SkipCounts => ({
  duplicate: 0,
  dayFull: 0,
  quota: 0,
  labelDiffers: 0,
});

const encoder = new TextEncoder();

function nextBatch<K extends ImportKind>(kind: K, rows: RowsOf[K][]) {
  const max = Math.min(KIND_BATCH[kind], rows.length);
  if (kind !== "notes") return rows.slice(0, max);
  let bytes = 0;
  let count = 0;
  for (const row of rows.slice(0, max) as ImportedNote[]) {
    bytes += encoder.encode(row.title).length + encoder.encode(row.body).length;
    if (count > 0 && bytes > NOTE_BATCH_BYTES) break;
    count += 1;
  }
  return rows.slice(0, count);
}

/** The plan's todos as sent: each occurrence with its series id here. */
function linkTodos(
  todos: PlannedTodo[],
  seriesIds: Map<string, Id<"series">>,
): ImportedTodo[] {
  return todos.map(({ seriesKey, ...row }) => {
    const seriesId =
      seriesKey === undefined ? undefined : seriesIds.get(seriesKey);
    // A series skipped (its limit) leaves its occurrences plain todos.
    return seriesId === undefined ? row : { ...row, seriesId };
  });
}

const wait = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runImport(
  plan: ImportPlan,
  send: SendBatch,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const seriesKeys = plan.series.map((row) => row.key);
  const seriesIds = new Map<string, Id<"series">>();
  const queues: { [K in ImportKind]: RowsOf[K][] } = {
    series: plan.series.map(({ key: _key, ...row }) => row),
    // Linked once the series have answered (below).
    todos: [],
    notes: plan.notes,
    days: plan.days,
  };
  const total =
    plan.series.length +
    plan.todos.length +
    plan.notes.length +
    plan.days.length;
  const outcome: ImportOutcome = {
    imported: { series: 0, todos: 0, notes: 0, days: 0 },
    skipped: {
      series: noSkips(),
      todos: noSkips(),
      notes: noSkips(),
      days: noSkips(),
    },
    stopped: null,
  };
  let done = 0;
  onProgress({ done, total });
  const kinds: ImportKind[] = ["series", "todos", "notes", "days"];
  for (const kind of kinds) {
    if (kind === "todos") queues.todos = linkTodos(plan.todos, seriesIds);
    let rows = queues[kind] as RowsOf[typeof kind][];
    while (rows.length > 0) {
      const batch = nextBatch(kind, rows);
      let result: SendResult;
      try {
        result = await send(kind, batch, plan.sourceUserId);
      } catch (error) {
        const waitMs = retryAfterMs(error);
        if (waitMs !== null) {
          onProgress({ done, total, waitingMs: waitMs });
          await wait(waitMs);
          onProgress({ done, total });
          continue;
        }
        const remaining = { series: 0, todos: 0, notes: 0, days: 0 };
        remaining[kind] = rows.length;
        for (const later of kinds.slice(kinds.indexOf(kind) + 1)) {
          remaining[later] =
            later === "todos" ? plan.todos.length : queues[later].length;
        }
        outcome.stopped = {
          message: errorMessage(error, "import"),
          notSent: remaining,
        };
        return outcome;
      }
      // At least one row is always handled (imports.ts); guard regardless.
      const consumed = Math.max(1, Math.min(result.consumed, batch.length));
      if (kind === "series") {
        const keys = seriesKeys.splice(0, consumed);
        keys.forEach((key, index) => {
          const id = result.seriesIds?.[index];
          if (id) seriesIds.set(key, id);
        });
      }
      rows = rows.slice(consumed);
      outcome.imported[kind] += result.imported;
      const skipped = outcome.skipped[kind];
      for (const key of Object.keys(skipped) as (keyof SkipCounts)[]) {
        skipped[key] += result.skipped[key];
      }
      done += consumed;
      onProgress({ done, total });
    }
  }
  return outcome;
}
