import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { BATCH_SIZE, LIMITS, NOTE_BATCH_SIZE } from "./lib/limits";
import { dayInTimeZone } from "./lib/timeZone";
import {
  DELETION_ORDER,
  EXPORT_TABLES,
  type DeletedTable,
} from "./lib/userTables";
import { ALICE, BOB, newBackend, type Backend } from "./test.setup";

type Client = ReturnType<Backend["withIdentity"]>;
type Table = DeletedTable;

/** What "delete my data" empties: what the export has, and the receipts. */
const TABLES = DELETION_ORDER;

let t: Backend;
let alice: Client;
let bob: Client;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
  alice = t.withIdentity(ALICE);
  bob = t.withIdentity(BOB);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Todos over several days (more than one export page), notes, a label. */
async function seedAlice() {
  // The progress row of a carry-over move (with nothing yet to move).
  await alice.mutation(api.carryOver.moveAllToToday, {
    today: dayInTimeZone(Date.now(), "UTC"),
  });
  const days = ["2025-01-01", "2025-01-02", "2025-01-03"];
  for (const [d, day] of days.entries()) {
    const lines = Array.from({ length: LIMITS.listItems }, (_, i) =>
      i % 3 === 0 ? `[x] done ${d}-${i}` : `todo ${d}-${i}`,
    );
    await alice.mutation(api.todos.createMany, { day, lines });
  }
  for (let i = 0; i < NOTE_BATCH_SIZE + 10; i++) {
    await alice.mutation(api.notes.create, {
      day: days[i % 2]!,
      title: `note ${i}`,
      body: "x".repeat(100),
    });
  }
  await alice.mutation(api.notes.create, {
    day: "2025-02-01",
    title: "notes only",
  });
  await alice.mutation(api.days.setLabel, {
    day: "2025-03-01",
    label: "Empty but named",
  });
  await alice.mutation(api.series.create, {
    day: "2025-01-03",
    text: "Water plants",
    rule: {
      freq: "weekly",
      interval: 1,
      byWeekday: [0],
      end: { kind: "never" },
    },
  });
  await alice.mutation(api.users.syncProfile, {});
  await alice.mutation(api.settings.setTimeZone, {
    timeZone: "Europe/Paris",
    source: "browser",
  });
}

async function seedBob() {
  await bob.mutation(api.todos.createMany, {
    day: "2025-01-01",
    lines: ["bob one", "[x] bob two"],
  });
  await bob.mutation(api.notes.create, {
    day: "2025-01-02",
    title: "bob's note",
  });
  await bob.mutation(api.days.setLabel, {
    day: "2025-01-01",
    label: "Bob's day",
  });
  await bob.mutation(api.users.syncProfile, {});
}

/** Every row of one user in each table, read raw. */
function rowsOf(userId: string) {
  return t.run(async (ctx) => {
    const rows = {} as Record<Table, unknown[]>;
    for (const table of TABLES) {
      const all = await ctx.db.query(table).take(10_000);
      rows[table] = all.filter((row) => row.userId === userId);
    }
    return rows;
  });
}

const EXPORTED = EXPORT_TABLES;

async function exportAll(client: Client) {
  const result = {} as Record<Table, { _id: string }[]>;
  const pages = {} as Record<Table, number>;
  for (const table of EXPORTED) {
    result[table] = [];
    pages[table] = 0;
    let cursor: string | null = null;
    for (;;) {
      const page: {
        page: { _id: string }[];
        isDone: boolean;
        continueCursor: string;
      } = await client.query(api.account.exportPage, { table, cursor });
      result[table].push(...page.page);
      pages[table] += 1;
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
  }
  return { result, pages };
}

function status(client: Client = alice) {
  return client.query(api.account.deletionStatus, {});
}

type Status = NonNullable<Awaited<ReturnType<typeof status>>>;

/** Runs due scheduled work one step at a time, recording progress. */
async function stepUntilDone(client: Client = alice) {
  const seen: Status[] = [(await status(client))!];
  for (let step = 0; step < 200 && seen.at(-1)!.status !== "done"; step++) {
    // One millisecond runs what is due now, not the clean-up a day later.
    vi.advanceTimersByTime(1);
    await t.finishInProgressScheduledFunctions();
    seen.push((await status(client))!);
  }
  return seen;
}

/** What "delete my data" leaves of a user: nothing. */
const NOTHING = {
  days: [],
  todos: [],
  notes: [],
  users: [],
  changeReceipts: [],
  undoLog: [],
  usage: [],
  trashGroups: [],
  trash: [],
  settings: [],
  carryOverMoves: [],
  series: [],
};

function byId(rows: { _id: string }[]) {
  return [...rows].sort((a, b) => a._id.localeCompare(b._id));
}

/** Stored rows as the export gives them: without the undo log's revision. */
function asExported(rows: unknown[]) {
  return (rows as { _id: string; revision?: number }[]).map(
    ({ revision: _revision, ...row }) => row,
  );
}

describe("exportPage", () => {
  test("walks every page of profile, days, todos and notes and returns exactly the caller's rows", async () => {
    await seedAlice();
    await seedBob();
    const { result, pages } = await exportAll(alice);
    const raw = await rowsOf(ALICE.subject!);

    expect(pages.todos).toBeGreaterThan(1);
    expect(pages.notes).toBeGreaterThan(1);
    expect(result.todos).toHaveLength(3 * LIMITS.listItems);
    expect(result.users).toHaveLength(1);
    for (const table of EXPORTED) {
      expect(byId(result[table]), table).toEqual(byId(asExported(raw[table])));
    }
  });

  test("gives Bob only his own rows", async () => {
    await seedAlice();
    await seedBob();
    const { result } = await exportAll(bob);
    const raw = await rowsOf(BOB.subject!);
    for (const table of EXPORTED) {
      expect(byId(result[table]), table).toEqual(byId(asExported(raw[table])));
    }
    expect(
      result.todos.map((todo) => (todo as { text?: string }).text).sort(),
    ).toEqual(["bob one", "bob two"]);
  });
});

describe("deleteMyData", () => {
  test("counts, then deletes in batches with progress, then reports done", async () => {
    await seedAlice();
    await seedBob();
    const before = await rowsOf(ALICE.subject!);
    const expectedTotal = TABLES.reduce(
      (sum, table) => sum + before[table].length,
      0,
    );
    const bobBefore = await rowsOf(BOB.subject!);

    await alice.mutation(api.account.deleteMyData, {});
    const seen = await stepUntilDone();

    expect(seen[0]).toMatchObject({ status: "counting", deleted: 0 });
    const statuses = seen
      .map((s) => s.status)
      .filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(["counting", "deleting", "done"]);
    // Progress is visible part-way: some deleted, not all.
    expect(seen.some((s) => s.deleted > 0 && s.deleted < s.total)).toBe(true);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.deleted).toBeGreaterThanOrEqual(seen[i - 1]!.deleted);
    }
    const last = seen.at(-1)!;
    expect(last.total).toBe(expectedTotal);
    expect(last.deleted).toBe(last.total);
    expect(last.finishedAt).toEqual(expect.any(Number));
    expect(expectedTotal).toBeGreaterThan(3 * BATCH_SIZE);

    expect(await rowsOf(ALICE.subject!)).toEqual(NOTHING);
    expect(await rowsOf(BOB.subject!)).toEqual(bobBefore);
    expect(
      await alice.query(api.days.list, {
        archived: false,
        paginationOpts: { numItems: 10, cursor: null },
      }),
    ).toMatchObject({ page: [] });
  });

  test("reaches its total for a user who never synced a profile", async () => {
    await alice.mutation(api.todos.createMany, {
      day: "2025-01-01",
      lines: ["a", "b"],
    });
    await alice.mutation(api.notes.create, { day: "2025-01-02", title: "n" });
    await alice.mutation(api.account.deleteMyData, {});
    const last = (await stepUntilDone()).at(-1)!;
    expect(last.status).toBe("done");
    expect(last.deleted).toBe(last.total);
    expect(await rowsOf(ALICE.subject!)).toEqual(NOTHING);
  });

  test("starting twice while a deletion runs reuses the running job", async () => {
    await seedBob();
    await alice.mutation(api.todos.create, { day: "2025-01-01", text: "a" });
    const first = await alice.mutation(api.account.deleteMyData, {});
    const second = await alice.mutation(api.account.deleteMyData, {});
    expect(second).toBe(first);
    const jobs = await t.run((ctx) => ctx.db.query("deletions").take(10));
    expect(jobs).toHaveLength(1);

    await stepUntilDone();
    // Once finished, asking again starts a fresh job.
    const third = await alice.mutation(api.account.deleteMyData, {});
    expect(third).not.toBe(first);
    expect(await status()).toMatchObject({ status: "counting" });
  });

  test("Bob has no deletion status while Alice's deletion runs, and the job row goes after a day", async () => {
    await alice.mutation(api.todos.create, { day: "2025-01-01", text: "a" });
    await alice.mutation(api.account.deleteMyData, {});
    expect(await status(bob)).toBeNull();
    await stepUntilDone();
    expect(await status()).toMatchObject({ status: "done" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await status()).toBeNull();
  });
  test("a second tab writing throughout is refused with DELETING, and done comes with zero rows", async () => {
    await seedAlice();
    const otherTab = t.withIdentity(ALICE);
    await alice.mutation(api.account.deleteMyData, {});
    const seen: Status[] = [];
    for (let step = 0; step < 200; step++) {
      // The other tab tries a new todo, a label and a note between batches.
      for (const write of [
        otherTab.mutation(api.todos.create, { day: "2025-01-01", text: "new" }),
        otherTab.mutation(api.days.setLabel, { day: "2025-04-01", label: "x" }),
        otherTab.mutation(api.notes.create, { day: "2025-04-02" }),
      ]) {
        await expect(write).rejects.toMatchObject({
          data: {
            code: "DELETING",
            message:
              "Your data is being deleted, so this change was not saved.",
          },
        });
      }
      vi.advanceTimersByTime(1);
      await t.finishInProgressScheduledFunctions();
      seen.push((await status())!);
      if (seen.at(-1)!.status === "done") break;
    }
    expect(seen.at(-1)!.status).toBe("done");
    expect(seen.length).toBeGreaterThan(3);
    expect(await rowsOf(ALICE.subject!)).toEqual(NOTHING);

    // Once done, the person can start afresh.
    await otherTab.mutation(api.todos.create, { day: "2025-05-01", text: "a" });
    expect(
      await otherTab.query(api.todos.listForDay, { day: "2025-05-01" }),
    ).toHaveLength(1);
  });

  test("rows that appear after their table was emptied are deleted before done", async () => {
    await seedAlice();
    await alice.mutation(api.account.deleteMyData, {});
    let planted = false;
    const seen: Status[] = [];
    for (let step = 0; step < 200; step++) {
      vi.advanceTimersByTime(1);
      await t.finishInProgressScheduledFunctions();
      seen.push((await status())!);
      const rows = await rowsOf(ALICE.subject!);
      if (!planted && rows.notes.length === 0 && rows.todos.length > 0) {
        // Work queued before the flag (say a copy still in its batches)
        // writes a note and a receipt after the batches emptied notes.
        await t.run(async (ctx) => {
          await ctx.db.insert("notes", {
            userId: ALICE.subject!,
            day: "2025-06-01",
            title: "late",
            body: "",
            collapsed: false,
            order: "a0",
            updatedAt: Date.now(),
          });
          await ctx.db.insert("changeReceipts", {
            userId: ALICE.subject!,
            changeId: "late",
            at: Date.now(),
          });
        });
        planted = true;
        expect(seen.at(-1)!.status).toBe("deleting");
      }
      if (seen.at(-1)!.status === "done") break;
    }
    expect(planted).toBe(true);
    expect(seen.at(-1)!.status).toBe("done");
    expect(await rowsOf(ALICE.subject!)).toEqual(NOTHING);
  });

  test("change receipts are counted and deleted with the rest, and never exported", async () => {
    for (let i = 0; i < 3; i++) {
      await alice.mutation(api.todos.create, {
        day: "2025-01-01",
        text: `t${i}`,
        changeId: `change-${i}`,
      });
    }
    expect(EXPORT_TABLES).not.toContain("changeReceipts");
    expect((await rowsOf(ALICE.subject!)).changeReceipts).toHaveLength(3);
    await alice.mutation(api.account.deleteMyData, { changeId: "delete-all" });
    const last = (await stepUntilDone()).at(-1)!;
    // 3 todos, their day, 3 receipts, the receipt of deleteMyData and the
    // usage row.
    expect(last).toMatchObject({ status: "done", total: 9, deleted: 9 });
    expect(await rowsOf(ALICE.subject!)).toEqual(NOTHING);
  });

  test("deleteMyData sent again while it runs answers with the running job", async () => {
    await alice.mutation(api.todos.create, { day: "2025-01-01", text: "a" });
    const first = await alice.mutation(api.account.deleteMyData, {
      changeId: "delete",
    });
    expect(
      await alice.mutation(api.account.deleteMyData, { changeId: "delete" }),
    ).toBe(first);
    expect(await alice.mutation(api.account.deleteMyData, {})).toBe(first);
  });
});
