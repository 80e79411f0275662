import { ConvexError } from "convex/values";
import { expect, test } from "vitest";
import type { Id } from "@convex/_generated/dataModel";
import type {
  ImportBatchResult,
  ImportedSeries,
  ImportedTodo,
} from "@convex/imports";
import { buildPlan, type TodoDraft } from "./importPlan";
import { runImport, type ImportProgress, type SendBatch } from "./runImport";

const NONE = { duplicate: 0, dayFull: 0, quota: 0, labelDiffers: 0 };

/** 20,000 todos over 100 days, as a big file would hold them. */
function bigPlan() {
  const todos: TodoDraft[] = Array.from({ length: 20_000 }, (_, i) => ({
    day: `2024-${String(1 + Math.floor(i / 2_000)).padStart(2, "0")}-${String(1 + (Math.floor(i / 200) % 10)).padStart(2, "0")}`,
    text: `Todo ${i}`,
    kind: "todo",
    done: false,
    pinned: false,
  }));
  return buildPlan({ format: "markdown", todos, notes: [], days: [] });
}

test("20,000 todos go in batches of at most 250, resending what a batch left, waiting out a rate limit, with progress to the end", async () => {
  const plan = bigPlan();
  expect(plan.todos).toHaveLength(20_000);
  const sizes: number[] = [];
  const received: ImportedTodo[] = [];
  let calls = 0;
  const send: SendBatch = async (kind, rows) => {
    calls += 1;
    expect(kind).toBe("todos");
    sizes.push(rows.length);
    // Once: refused by the rate limit, which names its wait.
    if (calls === 3) {
      throw new ConvexError({
        code: "RATE_LIMITED",
        message: "Slow down",
        retryAfterMs: 5,
      });
    }
    // Every fourth batch handles only its first half (its read budget).
    const consumed = calls % 4 === 0 ? Math.ceil(rows.length / 2) : rows.length;
    received.push(...(rows.slice(0, consumed) as ImportedTodo[]));
    const result: ImportBatchResult = {
      consumed,
      imported: consumed,
      skipped: NONE,
    };
    return result;
  };
  const progress: ImportProgress[] = [];
  const outcome = await runImport(plan, send, (p) => progress.push(p));
  expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
  expect(received.map((row) => row.text)).toEqual(
    plan.todos.map((row) => row.text),
  );
  expect(outcome).toEqual({
    imported: { series: 0, todos: 20_000, notes: 0, days: 0 },
    skipped: { series: NONE, todos: NONE, notes: NONE, days: NONE },
    stopped: null,
  });
  expect(progress.some((p) => p.waitingMs === 5)).toBe(true);
  expect(progress.at(-1)).toEqual({ done: 20_000, total: 20_000 });
  const dones = progress.map((p) => p.done);
  expect(dones).toEqual([...dones].sort((a, b) => a - b));
});

test("a refusal other than the rate limit stops the import and says what was not sent", async () => {
  const plan = buildPlan({
    format: "markdown",
    todos: Array.from({ length: 300 }, (_, i) => ({
      day: "2024-01-01",
      text: `t${i}`,
      kind: "todo" as const,
      done: false,
      pinned: false,
    })),
    notes: [{ day: "2024-01-01", title: "n", body: "", collapsed: false }],
    days: [{ day: "2024-01-01", label: "L", archived: false }],
  });
  let calls = 0;
  const send: SendBatch = async (_kind, rows) => {
    calls += 1;
    if (calls === 2) {
      throw new ConvexError({
        code: "DELETING",
        message: "Your data is being deleted, so this change was not saved.",
      });
    }
    return { consumed: rows.length, imported: rows.length, skipped: NONE };
  };
  const outcome = await runImport(plan, send, () => {});
  expect(outcome.imported.todos).toBe(250);
  expect(outcome.stopped).toEqual({
    message: "Your data is being deleted, so this change was not saved.",
    notSent: { series: 0, todos: 50, notes: 1, days: 1 },
  });
});

test("repeating todos go first, at most 100 a batch; each occurrence is sent with the id its series got, and one whose series was skipped as a plain todo", async () => {
  const series = Array.from({ length: 150 }, (_, i) => ({
    key: `file-series-${i}`,
    text: `Repeat ${i}`,
    rule: {
      freq: "daily" as const,
      interval: 1,
      end: { kind: "never" as const },
    },
    startDay: "2024-01-01",
    active: true,
    madeDays: [],
  }));
  const plan = buildPlan({
    format: "daybook",
    series,
    todos: [0, 120, 149].map((i) => ({
      day: "2024-01-01",
      text: `Repeat ${i}`,
      kind: "todo" as const,
      done: false,
      pinned: false,
      seriesKey: `file-series-${i}`,
    })),
    notes: [],
    days: [],
  });
  const sent: { kind: string; rows: unknown[] }[] = [];
  const send: SendBatch = async (kind, rows) => {
    sent.push({ kind, rows });
    if (kind !== "series") {
      return { consumed: rows.length, imported: rows.length, skipped: NONE };
    }
    const texts = (rows as ImportedSeries[]).map((row) => row.text);
    // The last series is past the limit.
    const seriesIds = texts.map((text) =>
      text === "Repeat 149" ? null : (`id-${text}` as Id<"series">),
    );
    const skipped = seriesIds.filter((id) => id === null).length;
    return {
      consumed: rows.length,
      imported: rows.length - skipped,
      skipped: { ...NONE, quota: skipped },
      seriesIds,
    };
  };
  const outcome = await runImport(plan, send, () => {});
  expect(sent.map(({ kind, rows }) => [kind, rows.length])).toEqual([
    ["series", 100],
    ["series", 50],
    ["todos", 3],
  ]);
  expect(sent[0]!.rows[0]).not.toHaveProperty("key");
  expect(sent[2]!.rows).toEqual([
    expect.objectContaining({ text: "Repeat 0", seriesId: "id-Repeat 0" }),
    expect.objectContaining({ text: "Repeat 120", seriesId: "id-Repeat 120" }),
    expect.not.objectContaining({ seriesId: expect.anything() }),
  ]);
  for (const row of sent[2]!.rows) expect(row).not.toHaveProperty("seriesKey");
  expect(outcome.imported).toEqual({
    series: 149,
    todos: 3,
    notes: 0,
    days: 0,
  });
  expect(outcome.skipped.series.quota).toBe(1);
});
