/**
 * Seeds one user's long history straight into the test database, in batches
 * that each stay under Convex's per-transaction limits, and measures what a
 * query reads. Shared by `convex/scale.test.ts` and `bench/`. Not a Convex
 * module: the CLI skips file names with two dots, and nothing references it
 * by function path.
 */
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
  UserIdentity,
} from "convex/server";
import { generateNKeysBetween } from "fractional-indexing";
import type { Doc } from "./_generated/dataModel";
import {
  NO_COUNTS,
  noteDelta,
  todoCounts,
  type DayCounts,
} from "./lib/daySummary";
import { LIMITS } from "./lib/limits";
import type { Backend } from "./test.setup";

/** How much history to seed. */
export type HistorySize = {
  todos: number;
  days: number;
  notes: number;
  /** Todos on the one big day (the rest are spread evenly). */
  biggestDay: number;
};

/** The scenario of issue 2: 20,000 todos over two years and 2,000 notes. */
export const SCALE: HistorySize = {
  todos: 20_000,
  days: 730,
  notes: 2_000,
  biggestDay: LIMITS.todosPerDay,
};

/** `todos` todos with days and notes in the same proportions as SCALE. */
export function historyOf(todos: number): HistorySize {
  return {
    todos,
    days: Math.max(2, Math.round((todos * SCALE.days) / SCALE.todos)),
    notes: Math.round((todos * SCALE.notes) / SCALE.todos),
    biggestDay: Math.min(LIMITS.todosPerDay, Math.floor(todos / 4)),
  };
}

type Fields<T extends "todos" | "notes" | "days"> = Omit<
  Doc<T>,
  "_id" | "_creationTime"
>;

export type DayPlan = {
  day: string;
  todos: number;
  notes: number;
  /** Global index of the day's first todo / note (they are numbered). */
  firstTodo: number;
  firstNote: number;
  row: Fields<"days">;
};

export type Seeded = {
  userId: string;
  /** Oldest first; every day has a summary row. */
  days: DayPlan[];
  biggestDay: string;
  /** A day holding the usual number of todos and at least one note. */
  typicalDay: string;
  totals: DayCounts & { days: number; archivedDays: number; pinned: number };
};

const WORDS = [
  "invoice",
  "groceries",
  "dentist",
  "report",
  "garden",
  "meeting",
  "laundry",
  "budget",
  "flight",
  "review",
  "plumber",
  "birthday",
];
const HEADINGS = ["h1", "h2", "h3"] as const;
const COMPLETED_AT = Date.UTC(2025, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

/** Todo number `g`, the `j`-th of its day: every 12th is a heading. */
export function seededTodo(
  userId: string,
  day: string,
  g: number,
  j: number,
  order: string,
): Fields<"todos"> {
  const heading = j % 12 === 0;
  const done = !heading && g % 3 === 1;
  return {
    userId,
    day,
    text: heading
      ? `Section ${g}`
      : `${WORDS[g % WORDS.length]} and ${WORDS[(g * 7 + 3) % WORDS.length]} #${g}`,
    kind: heading ? HEADINGS[g % 3]! : "todo",
    done,
    ...(done && { completedAt: COMPLETED_AT }),
    pinned: g % 97 === 5,
    order,
  };
}

/** Note number `k`: about 1 kB of text, every 100th about 20 kB. */
export function seededNote(
  userId: string,
  day: string,
  k: number,
  order: string,
): Fields<"notes"> {
  const sentence = `Notes on the ${WORDS[k % WORDS.length]} for day ${day}, item ${k}. `;
  const size = k % 100 === 0 ? 20_000 : 1_000;
  return {
    userId,
    day,
    title: `Note ${k}: ${WORDS[(k + 5) % WORDS.length]}`,
    body: sentence.repeat(Math.ceil(size / sentence.length)),
    collapsed: k % 4 === 0,
    order,
    updatedAt: COMPLETED_AT,
  };
}

function spread(total: number, slots: number, slot: number): number {
  return Math.floor(total / slots) + (slot < total % slots ? 1 : 0);
}

/**
 * Which day holds what. One day in the middle is the big one; every 50th
 * day holds only notes; some days are archived, some labelled.
 */
export function planHistory(userId: string, size: HistorySize): DayPlan[] {
  const noteOnly = (i: number) => i % 50 === 25;
  const middle = Math.floor(size.days / 2);
  const holdsTodos = (i: number) => !noteOnly(i) && i !== middle;
  let todoDays = 0;
  for (let i = 0; i < size.days; i++) if (holdsTodos(i)) todoDays++;
  const plans: DayPlan[] = [];
  let slot = 0;
  let firstTodo = 0;
  let firstNote = 0;
  for (let i = 0; i < size.days; i++) {
    const day = new Date(LAST_DAY - (size.days - 1 - i) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const todos =
      i === middle
        ? size.biggestDay
        : holdsTodos(i)
          ? spread(size.todos - size.biggestDay, todoDays, slot++)
          : 0;
    const notes = spread(size.notes, size.days, i);
    const row: Fields<"days"> = {
      userId,
      day,
      archived: i % 20 === 7,
      ...(i % 30 === 3 && { label: `Trip ${i}` }),
      ...NO_COUNTS,
    };
    for (let j = 0; j < todos; j++) {
      const c = todoCounts(seededTodo(userId, day, firstTodo + j, j, ""));
      row.todoCount += c.todoCount;
      row.openCount += c.openCount;
      row.doneCount += c.doneCount;
      row.todoBytes += c.todoBytes;
    }
    for (let k = firstNote; k < firstNote + notes; k++) {
      const n = noteDelta(null, seededNote(userId, day, k, ""));
      row.noteCount += n.noteCount!;
      row.noteBytes += n.noteBytes!;
    }
    if (notes > LIMITS.notesPerDay || todos > LIMITS.todosPerDay) {
      throw new Error(`Seed plan overfills ${day}.`);
    }
    plans.push({ day, todos, notes, firstTodo, firstNote, row });
    firstTodo += todos;
    firstNote += notes;
  }
  return plans;
}

/** Convex allows 16,000 writes and 16 MiB written per transaction. */
const WRITES_PER_BATCH = 15_000;
const BYTES_PER_BATCH = 12 * 1024 * 1024;

function estimatedBytes(plan: DayPlan): number {
  return plan.todos * 250 + plan.notes * 2_500 + 300;
}

/** Whole days per transaction, as many as the write limits allow. */
function batches(plans: DayPlan[]): DayPlan[][] {
  const result: DayPlan[][] = [];
  let current: DayPlan[] = [];
  let writes = 0;
  let bytes = 0;
  for (const plan of plans) {
    const w = plan.todos + plan.notes + 1;
    const b = estimatedBytes(plan);
    if (
      current.length > 0 &&
      (writes + w > WRITES_PER_BATCH || bytes + b > BYTES_PER_BATCH)
    ) {
      result.push(current);
      current = [];
      writes = 0;
      bytes = 0;
    }
    current.push(plan);
    writes += w;
    bytes += b;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * Seeds `who`'s history. Summary rows hold exactly the counts the mutations
 * would keep (see convex/lib/daySummary.ts), so every function sees a real state.
 */
export async function seedHistory(
  t: Backend,
  who: Partial<UserIdentity>,
  size: HistorySize,
): Promise<Seeded> {
  const userId = who.subject!;
  const plans = planHistory(userId, size);
  for (const batch of batches(plans)) {
    await t.run(async (ctx) => {
      for (const plan of batch) {
        const todoKeys = generateNKeysBetween(null, null, plan.todos);
        for (let j = 0; j < plan.todos; j++) {
          const g = plan.firstTodo + j;
          await ctx.db.insert(
            "todos",
            seededTodo(userId, plan.day, g, j, todoKeys[j]!),
          );
        }
        const noteKeys = generateNKeysBetween(null, null, plan.notes);
        for (let j = 0; j < plan.notes; j++) {
          const k = plan.firstNote + j;
          await ctx.db.insert(
            "notes",
            seededNote(userId, plan.day, k, noteKeys[j]!),
          );
        }
        await ctx.db.insert("days", plan.row);
      }
    });
  }
  const sum = (pick: (p: DayPlan) => number) =>
    plans.reduce((total, p) => total + pick(p), 0);
  const biggest = plans.reduce((a, b) => (b.todos > a.todos ? b : a));
  const counts = plans.map((p) => p.todos).sort((a, b) => a - b);
  const median = counts[Math.floor(counts.length / 2)]!;
  const typical = plans.find((p) => p.todos === median && p.notes > 0);
  return {
    userId,
    days: plans,
    biggestDay: biggest.day,
    typicalDay: (typical ?? plans[0]!).day,
    totals: {
      days: plans.length,
      archivedDays: plans.filter((p) => p.row.archived).length,
      todoCount: sum((p) => p.row.todoCount),
      openCount: sum((p) => p.row.openCount),
      doneCount: sum((p) => p.row.doneCount),
      todoBytes: sum((p) => p.row.todoBytes),
      noteCount: sum((p) => p.row.noteCount),
      noteBytes: sum((p) => p.row.noteBytes),
      pinned: sum((p) => {
        let pinned = 0;
        for (let g = p.firstTodo; g < p.firstTodo + p.todos; g++) {
          if (g % 97 === 5) pinned++;
        }
        return pinned;
      }),
    },
  };
}

export type Measured<T> = {
  value: T;
  documentsRead: number;
  bytesRead: number;
  ms: number;
};

/**
 * Runs a query as `who` nested in a transaction and returns what it read,
 * from `ctx.meta.getTransactionMetrics()` before and after. The identity of
 * `t.withIdentity(who).run` reaches the nested `ctx.runQuery`: convex-test
 * runs it with the enclosing transaction's auth (a user query would
 * otherwise throw UNAUTHENTICATED). Limits stay enforced for the nested call.
 */
export async function measureQuery<
  Query extends FunctionReference<"query", "public" | "internal">,
>(
  t: Backend,
  who: Partial<UserIdentity>,
  query: Query,
  args: FunctionArgs<Query>,
): Promise<Measured<FunctionReturnType<Query>>> {
  return await t.withIdentity(who).run(async (ctx) => {
    const before = await ctx.meta.getTransactionMetrics();
    const started = performance.now();
    const value = await ctx.runQuery(query, args);
    const ms = performance.now() - started;
    const after = await ctx.meta.getTransactionMetrics();
    return {
      value,
      documentsRead: after.documentsRead.used - before.documentsRead.used,
      bytesRead: after.bytesRead.used - before.bytesRead.used,
      ms,
    };
  });
}
