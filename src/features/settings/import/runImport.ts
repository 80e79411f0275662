import type { ConvexReactClient } from "convex/react";
import { api } from "@convex/_generated/api";
import type {
  ImportBatchResult,
  ImportedDay,
  ImportedNote,
  ImportedTodo,
  SkipCounts,
} from "@convex/imports";
import { errorMessage, retryAfterMs } from "@/lib/errors";
import type { ImportPlan } from "./importPlan";

/*
 * Sends a plan in bounded batches (imports.ts takes at most 250 todos, 20
 * notes or 500 days a call), todos first, then notes, then the days' labels
 * and archive marks. A batch may handle only its first rows (its read
 * budget): the rest go again. A rate-limit refusal waits as long as the
 * server says and sends the same batch again; any other refusal stops the
 * import, and the outcome says what was not sent.
 */

export type ImportKind = "todos" | "notes" | "days";

export const KIND_BATCH = { todos: 250, notes: 20, days: 500 } as const;

/** Notes are up to 100 kB: a batch also stops at this much text. */
const NOTE_BATCH_BYTES = 1024 * 1024;

type RowsOf = {
  todos: ImportedTodo;
  notes: ImportedNote;
  days: ImportedDay;
};

export type SendBatch = <K extends ImportKind>(
  kind: K,
  rows: RowsOf[K][],
  sourceUserId: string | undefined,
) => Promise<ImportBatchResult>;

/** The app's sender: one public mutation per kind. */
export function convexSender(convex: ConvexReactClient): SendBatch {
  return async (kind, rows, sourceUserId) => {
    const args = { sourceUserId };
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

const wait = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runImport(
  plan: ImportPlan,
  send: SendBatch,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const queues: { [K in ImportKind]: RowsOf[K][] } = {
    todos: plan.todos,
    notes: plan.notes,
    days: plan.days,
  };
  const total = plan.todos.length + plan.notes.length + plan.days.length;
  const outcome: ImportOutcome = {
    imported: { todos: 0, notes: 0, days: 0 },
    skipped: { todos: noSkips(), notes: noSkips(), days: noSkips() },
    stopped: null,
  };
  let done = 0;
  onProgress({ done, total });
  const kinds: ImportKind[] = ["todos", "notes", "days"];
  for (const kind of kinds) {
    let rows = queues[kind] as RowsOf[typeof kind][];
    while (rows.length > 0) {
      const batch = nextBatch(kind, rows);
      let result: ImportBatchResult;
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
        const remaining = { todos: 0, notes: 0, days: 0 };
        remaining[kind] = rows.length;
        for (const later of kinds.slice(kinds.indexOf(kind) + 1)) {
          remaining[later] = queues[later].length;
        }
        outcome.stopped = {
          message: errorMessage(error, "import"),
          notSent: remaining,
        };
        return outcome;
      }
      // At least one row is always handled (imports.ts); guard regardless.
      const consumed = Math.max(1, Math.min(result.consumed, batch.length));
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
