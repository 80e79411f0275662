import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { ALICE, BOB, newBackend, type Backend } from "../test.setup";
import type { AppErrorData } from "./errors";
import { BATCH_SIZE, LIMITS } from "./limits";
import { RATE_LIMITS } from "./rateLimits";

// Time stands still unless a test moves it: refills happen only when asked.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const DAY = "2025-04-01";
const paste = (tag: string) =>
  Array.from({ length: LIMITS.listItems }, (_, i) => `${tag} line ${i}`);

type Client = ReturnType<Backend["withIdentity"]>;

/** The RATE_LIMITED data a call was refused with (fails if it passed). */
async function refusal(promise: Promise<unknown>): Promise<AppErrorData> {
  const error = await promise.then(
    () => expect.fail("expected RATE_LIMITED"),
    (e: unknown) => e,
  );
  const data = (error as { data: AppErrorData }).data;
  expect(data.code).toBe("RATE_LIMITED");
  expect(data.retryAfterMs).toBeGreaterThan(0);
  const seconds = Math.max(1, Math.ceil(data.retryAfterMs! / 1000));
  expect(data.message).toBe(`Slow down — try again in ${seconds} s.`);
  return data;
}

/** Calls `send` until it is refused; how many passed, and the refusal. */
async function flood(send: () => Promise<unknown>, atMost: number) {
  for (let passed = 0; passed < atMost; passed++) {
    const error = await send().then(
      () => null,
      (e: unknown) => e,
    );
    if (error !== null) {
      return { passed, refused: await refusal(Promise.reject(error)) };
    }
  }
  return expect.fail(`${atMost} calls passed without a refusal`);
}

async function todoCount(client: Client, day = DAY) {
  return (await client.query(api.days.get, { day }))?.todoCount ?? 0;
}

test("a paste that fills an empty day (5,000 lines, sent as batches of 500) is never refused by the rate limits", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const batches = LIMITS.todosPerDay / LIMITS.listItems;
  expect(batches).toBe(10);
  for (let i = 0; i < batches; i++) {
    await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: paste(`p${i}`),
    });
  }
  expect(await todoCount(alice)).toBe(LIMITS.todosPerDay);
});

test("holding an arrow key to move a todo (30 moves a second for 15 s) is never refused", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const [moving, other] = await alice.mutation(api.todos.createMany, {
    day: DAY,
    lines: ["moving", "other"],
  });
  for (let i = 0; i < 30 * 15; i++) {
    const up = i % 2 === 0;
    await alice.mutation(api.todos.reorder, {
      id: moving!,
      afterId: up ? null : other!,
      beforeId: up ? other! : null,
    });
    vi.advanceTimersByTime(33);
  }
  const [first] = await alice.query(api.todos.listForDay, { day: DAY });
  expect(first!._id).toBe(other);
});

test("a flood of writes is refused with RATE_LIMITED, writes nothing, and another user is not slowed", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const id = await alice.mutation(api.todos.create, { day: DAY, text: "x" });
  let pinned = false;
  const { passed, refused } = await flood(() => {
    pinned = !pinned;
    return alice.mutation(api.todos.setPinned, { id, pinned });
  }, 1_000);
  expect(refused.code).toBe("RATE_LIMITED");
  // The create took one token; the bucket held its capacity.
  expect(passed).toBe(RATE_LIMITS.writes.capacity - 1);
  // The refused call (pinned = !pinned) changed nothing.
  const [todo] = await alice.query(api.todos.listForDay, { day: DAY });
  expect(todo!.pinned).toBe(!pinned);
  await t
    .withIdentity(BOB)
    .mutation(api.todos.create, { day: DAY, text: "bob" });
});

test("after waiting the time it names, writes are accepted again", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const { refused } = await flood(
    () => alice.mutation(api.days.setArchived, { day: DAY, archived: false }),
    1_000,
  );
  const { retryAfterMs } = refused;
  await refusal(
    alice.mutation(api.todos.create, { day: DAY, text: "too soon" }),
  );
  vi.advanceTimersByTime(retryAfterMs!);
  await alice.mutation(api.todos.create, { day: DAY, text: "in time" });
  expect(await todoCount(alice)).toBe(1);
});

test("a paste past a full bucket is refused whole, and passes 15 s later once refilled", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const { createdItems } = RATE_LIMITS;
  const pastes = createdItems.capacity / LIMITS.listItems;
  for (let i = 0; i < pastes; i++) {
    await alice.mutation(api.todos.createMany, {
      day: `2025-04-${String(i + 1).padStart(2, "0")}`,
      lines: paste(`p${i}`),
    });
  }
  // The refused paste goes to a day that already holds one: it stays as it was.
  const { retryAfterMs } = await refusal(
    alice.mutation(api.todos.createMany, { day: DAY, lines: paste("more") }),
  );
  // 500 tokens at the bucket's refill rate.
  const refill = (LIMITS.listItems * createdItems.period) / createdItems.rate;
  expect(refill).toBe(15_000);
  expect(retryAfterMs).toBe(refill);
  expect(await todoCount(alice, DAY)).toBe(LIMITS.listItems);
  vi.advanceTimersByTime(retryAfterMs!);
  await alice.mutation(api.todos.createMany, {
    day: DAY,
    lines: paste("more"),
  });
  expect(await todoCount(alice, DAY)).toBe(2 * LIMITS.listItems);
});

describe("copying a day's open todos", () => {
  const SOURCE = "2025-05-01";
  const TARGET = "2025-05-02";
  const COPIED = BATCH_SIZE * 4;

  /** A day of `COPIED` open todos, and the created-items bucket left at `left`. */
  async function setup(left: number) {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    for (let i = 0; i < COPIED; i += LIMITS.listItems) {
      await alice.mutation(api.todos.createMany, {
        day: SOURCE,
        lines: paste(`source ${i}`),
      });
    }
    const { capacity } = RATE_LIMITS.createdItems;
    const pastes = (capacity - COPIED - left) / LIMITS.listItems;
    expect(Number.isInteger(pastes)).toBe(true);
    for (let i = 0; i < pastes; i++) {
      await alice.mutation(api.todos.createMany, {
        day: `2025-04-${String(i + 1).padStart(2, "0")}`,
        lines: paste(`p${i}`),
      });
    }
    return { t, alice };
  }

  test("a copy larger than what is left in the created-items bucket is refused whole, scheduled batches included", async () => {
    const { t, alice } = await setup(COPIED / 2);
    await refusal(
      alice.mutation(api.todos.copyOpenToDay, {
        fromDay: SOURCE,
        toDay: TARGET,
      }),
    );
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await todoCount(alice, TARGET)).toBe(0);
  });

  test("a copy that fits what is left passes, charged once: the bucket is then empty", async () => {
    const { t, alice } = await setup(COPIED);
    await alice.mutation(api.todos.copyOpenToDay, {
      fromDay: SOURCE,
      toDay: TARGET,
    });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await todoCount(alice, TARGET)).toBe(COPIED);
    await refusal(alice.mutation(api.todos.create, { day: DAY, text: "x" }));
  });
});

test("a flood of searches is refused with RATE_LIMITED; a search after the wait runs", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  await alice.mutation(api.todos.create, { day: DAY, text: "find me" });
  const { passed, refused } = await flood(
    () => alice.action(api.search.search, { text: "find" }),
    1_000,
  );
  expect(passed).toBe(RATE_LIMITS.searches.capacity);
  vi.advanceTimersByTime(refused.retryAfterMs!);
  const found = await alice.action(api.search.search, { text: "find" });
  expect(found.todos.map((todo) => todo.text)).toEqual(["find me"]);
});

test("an empty search takes no token", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  for (let i = 0; i < RATE_LIMITS.searches.capacity + 5; i++) {
    await alice.action(api.search.search, { text: "  " });
  }
  await alice.action(api.search.search, { text: "anything" });
});
