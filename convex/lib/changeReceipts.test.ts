import { v } from "convex/values";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import {
  ALICE,
  BOB,
  expectCode,
  newBackend,
  type Backend,
} from "../test.setup";
import {
  CHANGE_ID_MAX_LENGTH,
  RECEIPT_LIFETIME_MS,
  RECEIPTS_PRUNED_PER_WRITE,
} from "./changeReceipts";
import { userMutation } from "./auth";

const DAY = "2025-04-01";
const ALICE_ID = ALICE.subject!;

type Client = ReturnType<Backend["withIdentity"]>;

let t: Backend;
let alice: Client;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
  alice = t.withIdentity(ALICE);
});

afterEach(() => {
  vi.useRealTimers();
});

function texts(day = DAY) {
  return alice
    .query(api.todos.listForDay, { day })
    .then((todos) => todos.map((todo) => todo.text));
}

function receiptsOf(userId = ALICE_ID) {
  return t.run((ctx) =>
    ctx.db
      .query("changeReceipts")
      .withIndex("by_user_at", (q) => q.eq("userId", userId))
      .take(1_000),
  );
}

describe("a change sent again with the same changeId", () => {
  test("runs once and answers the repeat with the first result", async () => {
    const change = { day: DAY, text: "buy milk", changeId: "change-1" };
    const first = await alice.mutation(api.todos.create, change);
    const repeat = await alice.mutation(api.todos.create, change);
    expect(repeat).toBe(first);
    expect(await texts()).toEqual(["buy milk"]);
    expect((await alice.query(api.days.get, { day: DAY }))!.todoCount).toBe(1);
  });

  test("returns a list result whole (a paste of 500 lines) and adds the lines once", async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}`);
    const change = { day: DAY, lines, changeId: "paste_1" };
    const first = await alice.mutation(api.todos.createMany, change);
    expect(await alice.mutation(api.todos.createMany, change)).toEqual(first);
    expect(await texts()).toHaveLength(500);
  });

  test("answers a repeated note save with its version instead of a conflict", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    const save = { id, baseVersion: 0, body: "typed offline", changeId: "s1" };
    expect(await alice.mutation(api.notes.update, save)).toEqual({
      version: 1,
    });
    // The answer was lost; the client sends the same change again.
    expect(await alice.mutation(api.notes.update, save)).toEqual({
      version: 1,
    });
    const [note] = await alice.query(api.notes.listForDay, { day: DAY });
    expect(note).toMatchObject({ body: "typed offline", version: 1 });
  });

  test("a toggle sent twice is applied once", async () => {
    const id = await alice.mutation(api.todos.create, { day: DAY, text: "x" });
    const toggle = { id, done: true, changeId: "toggle" };
    await alice.mutation(api.todos.setDone, toggle);
    await alice.mutation(api.todos.setDone, { id, done: false });
    // A late repeat of the first toggle does not undo the later change.
    await alice.mutation(api.todos.setDone, toggle);
    const [todo] = await alice.query(api.todos.listForDay, { day: DAY });
    expect(todo!.done).toBe(false);
  });

  test("different changeIds are different changes", async () => {
    await alice.mutation(api.todos.create, {
      day: DAY,
      text: "a",
      changeId: "1",
    });
    await alice.mutation(api.todos.create, {
      day: DAY,
      text: "a",
      changeId: "2",
    });
    await alice.mutation(api.todos.create, { day: DAY, text: "a" });
    await alice.mutation(api.todos.create, { day: DAY, text: "a" });
    expect(await texts()).toEqual(["a", "a", "a", "a"]);
    // Only changes sent with an id leave a receipt.
    expect(await receiptsOf()).toHaveLength(2);
  });

  test("are per user: another user's change with the same id runs for them", async () => {
    const bob = t.withIdentity(BOB);
    const mine = await alice.mutation(api.todos.create, {
      day: DAY,
      text: "alice's",
      changeId: "same",
    });
    const theirs = await bob.mutation(api.todos.create, {
      day: DAY,
      text: "bob's",
      changeId: "same",
    });
    expect(theirs).not.toBe(mine);
    expect(await texts()).toEqual(["alice's"]);
    expect(
      (await bob.query(api.todos.listForDay, { day: DAY })).map((x) => x.text),
    ).toEqual(["bob's"]);
  });

  test("a refused change leaves no receipt, so sending it again runs it again", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.notes.update, { id, baseVersion: 0, body: "b" });
    const stale = { id, baseVersion: 0, body: "mine", changeId: "merge-me" };
    await expectCode(alice.mutation(api.notes.update, stale), "CONFLICT");
    expect(await receiptsOf()).toEqual([]);
    // After merging, the client sends the change on the new base.
    expect(
      await alice.mutation(api.notes.update, { ...stale, baseVersion: 1 }),
    ).toEqual({ version: 2 });
  });
});

describe("changeId", () => {
  const valid = ["a", "0", "-", "_", "A".repeat(CHANGE_ID_MAX_LENGTH)];
  test.each(valid)("accepts %j", async (changeId) => {
    await alice.mutation(api.todos.create, { day: DAY, text: "x", changeId });
    expect(await texts()).toEqual(["x"]);
  });

  const invalid = [
    "",
    "A".repeat(CHANGE_ID_MAX_LENGTH + 1),
    "has space",
    "dot.ted",
    "ünï",
    "a\n",
  ];
  test.each(invalid)(
    "rejects %j as an invalid argument, writing nothing",
    async (changeId) => {
      await expectCode(
        alice.mutation(api.todos.create, { day: DAY, text: "x", changeId }),
        "INVALID_ARGUMENT",
      );
      expect(await texts()).toEqual([]);
      expect(await receiptsOf()).toEqual([]);
    },
  );

  test("cannot be declared by a mutation itself: the builder owns it", () => {
    expect(() =>
      userMutation({
        args: { changeId: v.string() },
        handler: async () => null,
      }),
    ).toThrow(/changeId/);
  });
});

describe("old receipts", () => {
  async function leaveReceipts(count: number, prefix: string) {
    for (let i = 0; i < count; i++) {
      await alice.mutation(api.days.setLabel, {
        day: DAY,
        label: `${prefix} ${i}`,
        changeId: `${prefix}-${i}`,
      });
    }
  }

  test(`are pruned ${RECEIPTS_PRUNED_PER_WRITE} at a time by later changes once older than 7 days`, async () => {
    await leaveReceipts(10, "old");
    vi.advanceTimersByTime(RECEIPT_LIFETIME_MS - 1_000);
    await leaveReceipts(1, "recent");
    // Nothing is old enough yet.
    expect(await receiptsOf()).toHaveLength(11);

    vi.advanceTimersByTime(2_000);
    await leaveReceipts(1, "new");
    expect(await receiptsOf()).toHaveLength(12 - RECEIPTS_PRUNED_PER_WRITE);
    await leaveReceipts(2, "newer");
    const left = (await receiptsOf()).map((r) => r.changeId);
    expect(left).toEqual(["recent-0", "new-0", "newer-0", "newer-1"]);
  });

  test("a change sent again after its receipt expired runs again", async () => {
    const change = { day: DAY, text: "late", changeId: "late" };
    await alice.mutation(api.todos.create, change);
    vi.advanceTimersByTime(RECEIPT_LIFETIME_MS + 1);
    await alice.mutation(api.days.setLabel, {
      day: DAY,
      label: "x",
      changeId: "prunes",
    });
    await alice.mutation(api.todos.create, change);
    expect(await texts()).toEqual(["late", "late"]);
  });

  test("another user's receipts are never pruned by Alice's changes", async () => {
    const bob = t.withIdentity(BOB);
    await bob.mutation(api.todos.create, {
      day: DAY,
      text: "b",
      changeId: "b",
    });
    vi.advanceTimersByTime(RECEIPT_LIFETIME_MS + 1);
    await leaveReceipts(3, "alice");
    expect(await receiptsOf(BOB.subject!)).toHaveLength(1);
  });
});
