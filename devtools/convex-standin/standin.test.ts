import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import {
  connectClient,
  firstResult,
  signIn,
  startStack,
  stopStack,
  type Stack,
} from "./test-helpers";
import { seedSampleAccount } from "./sample-account";

let stack: Stack;
let adaToken: string;
let graceToken: string;
const openClients: ConvexClient[] = [];

beforeAll(async () => {
  stack = await startStack();
  adaToken = (await signIn(stack.emulator, "ada@example.com")).accessToken;
  graceToken = (await signIn(stack.emulator, "grace@example.com")).accessToken;
});

afterEach(async () => {
  stack.standin.setMutationDelayMs(0);
  await Promise.all(openClients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await stopStack(stack);
});

/** A client signed in with `token`, once the stand-in has confirmed it. */
async function clientWithToken(token: string, standin = stack.standin) {
  const client = connectClient(standin);
  openClients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.setAuth(
      async () => token,
      (isAuthenticated) =>
        isAuthenticated ? resolve() : reject(new Error("auth refused")),
    );
  });
  return client;
}

function anonymousClient() {
  const client = connectClient(stack.standin);
  openClients.push(client);
  return client;
}

describe("queries and mutations", () => {
  it("runs a mutation and a query as the signed-in user", async () => {
    const ada = await clientWithToken(adaToken);
    await ada.mutation(api.todos.create, {
      day: "2025-03-01",
      text: "Buy tea",
    });
    const todos = await ada.query(api.todos.listForDay, { day: "2025-03-01" });
    expect(todos.map((todo) => todo.text)).toEqual(["Buy tea"]);
  });

  it("keeps users apart", async () => {
    const ada = await clientWithToken(adaToken);
    const grace = await clientWithToken(graceToken);
    await ada.mutation(api.todos.create, { day: "2025-03-02", text: "Mine" });
    expect(
      await grace.query(api.todos.listForDay, { day: "2025-03-02" }),
    ).toEqual([]);
  });

  it("gives a query without a token the app's UNAUTHENTICATED error", async () => {
    const error = await anonymousClient()
      .query(api.todos.listForDay, { day: "2025-03-01" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data.code).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("passes a mutation's ConvexError data through as error.data", async () => {
    const ada = await clientWithToken(adaToken);
    const error = await ada
      .mutation(api.todos.create, { day: "not a day", text: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("reports other failures as a bare Server Error and hides internal functions", async () => {
    const ada = await clientWithToken(adaToken);
    const internalBatch = makeFunctionReference<"mutation">(
      "todos:continueDayBatch",
    );
    const error = await ada
      .mutation(internalBatch, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConvexError);
    expect((error as Error).message).toContain("Server Error");
  });
});

describe("live updates", () => {
  it("pushes one client's mutation to another client's subscription", async () => {
    const firstTab = await clientWithToken(adaToken);
    const secondTab = await clientWithToken(adaToken);
    const day = "2025-04-01";
    await firstResult(firstTab, api.todos.listForDay, { day });
    const seen = firstResult(
      firstTab,
      api.todos.listForDay,
      { day },
      (todos) => todos.length === 1,
    );
    await secondTab.mutation(api.todos.create, { day, text: "From tab two" });
    expect((await seen)[0]?.text).toBe("From tab two");
  });

  it("pushes the results of scheduled batches as they finish", async () => {
    const ada = await clientWithToken(adaToken);
    const day = "2025-04-02";
    const lines = Array.from({ length: 300 }, (_, i) => `Item ${i}`);
    await ada.mutation(api.todos.createMany, { day, lines });
    const emptied = firstResult(
      ada,
      api.todos.listForDay,
      { day },
      (todos) => todos.length === 0,
    );
    // 250 go now; the rest in a batch the mutation schedules with runAfter(0).
    await ada.mutation(api.todos.deleteAllOpen, { day });
    expect(await emptied).toEqual([]);
    // The last batch also dropped the now-empty day's summary row.
    expect(await ada.query(api.days.get, { day })).toBeNull();
  });
});

describe("issue 9: exactly-once changes, conflicts and deletions", () => {
  it("runs a change sent twice with one changeId once, over the wire", async () => {
    const ada = await clientWithToken(adaToken);
    const day = "2025-04-10";
    const change = { day, text: "Sent twice", changeId: "standin-change-1" };
    const first = await ada.mutation(api.todos.create, change);
    expect(await ada.mutation(api.todos.create, change)).toBe(first);
    expect(await ada.query(api.todos.listForDay, { day })).toHaveLength(1);
  });

  it("passes a CONFLICT's current note through as error.data", async () => {
    const ada = await clientWithToken(adaToken);
    const id = await ada.mutation(api.notes.create, {
      day: "2025-04-11",
      body: "base",
    });
    await ada.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "theirs",
    });
    const error = await ada
      .mutation(api.notes.update, { id, baseVersion: 0, body: "mine" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toMatchObject({
      code: "CONFLICT",
      current: { title: "", body: "theirs", version: 1 },
    });
  });

  it("finishes a day removal's scheduled batches and keeps a todo added after it", async () => {
    const ada = await clientWithToken(adaToken);
    const day = "2025-04-12";
    const lines = Array.from({ length: 300 }, (_, i) => `Item ${i}`);
    await ada.mutation(api.todos.createMany, { day, lines });
    const onlyTheNewOne = firstResult(
      ada,
      api.todos.listForDay,
      { day },
      (todos) => todos.length === 1,
    );
    await ada.mutation(api.days.remove, { day });
    await ada.mutation(api.todos.create, { day, text: "Added afterwards" });
    expect((await onlyTheNewOne).map((todo) => todo.text)).toEqual([
      "Added afterwards",
    ]);
  });

  it("restores a deleted day from Recently deleted across scheduled batches, and runs the purge cron on demand", async () => {
    const ada = await clientWithToken(adaToken);
    const day = "2025-04-14";
    const lines = Array.from({ length: 300 }, (_, i) => `Item ${i}`);
    await ada.mutation(api.todos.createMany, { day, lines });
    const groupId = await ada.mutation(api.days.remove, { day });
    await stack.standin.scheduledWorkIdle();
    expect(await ada.query(api.todos.listForDay, { day })).toEqual([]);
    const allBack = firstResult(
      ada,
      api.todos.listForDay,
      { day },
      (todos) => todos.length === 300,
    );
    await ada.mutation(api.trash.restoreGroup, { groupId: groupId! });
    expect((await allBack).map((todo) => todo.text)).toEqual(lines);

    // A fresh deletion outlives the purge, which runs as the deployment.
    const id = await ada.mutation(api.todos.create, { day, text: "Fresh" });
    const fresh = await ada.mutation(api.todos.remove, { id });
    await stack.standin.runCron("purge Recently deleted");
    const trash = await ada.query(api.trash.list, {
      paginationOpts: { numItems: 10, cursor: null },
    });
    // (Ada's earlier deletions in this file are fresh too.)
    expect(trash.page.map((group) => group._id)).toContain(fresh);
  });

  it("runs delete-my-data's scheduled batches to done, leaving nothing", async () => {
    const { accessToken } = await signIn(stack.emulator, "mary@example.com");
    const mary = await clientWithToken(accessToken);
    const day = "2025-04-13";
    const lines = Array.from({ length: 300 }, (_, i) => `Item ${i}`);
    await mary.mutation(api.todos.createMany, { day, lines });
    await mary.mutation(api.todos.create, {
      day,
      text: "with a receipt",
      changeId: "mary-1",
    });
    const done = firstResult(
      mary,
      api.account.deletionStatus,
      {},
      (status) => status?.status === "done",
    );
    await mary.mutation(api.account.deleteMyData, {});
    // 301 todos, their day, one change receipt and the usage row.
    expect(await done).toMatchObject({ total: 304, deleted: 304 });
    expect(await mary.query(api.todos.listForDay, { day })).toEqual([]);
    expect(await mary.query(api.days.get, { day })).toBeNull();
  });
});

describe("pagination", () => {
  const days = ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"];

  it("pages through results and keeps a live first page gapless", async () => {
    const grace = await clientWithToken(graceToken);
    for (const day of days) {
      await grace.mutation(api.todos.create, { day, text: `On ${day}` });
    }
    const firstPageArgs = {
      archived: false,
      paginationOpts: { numItems: 2, cursor: null, id: 1 },
    };
    const first = await grace.query(api.days.list, firstPageArgs);
    expect(first.page.map((row) => row.day)).toEqual(days.slice(2).reverse());
    expect(first.isDone).toBe(false);
    const second = await grace.query(api.days.list, {
      archived: false,
      paginationOpts: { numItems: 2, cursor: first.continueCursor, id: 1 },
    });
    expect(second.page.map((row) => row.day)).toEqual(
      days.slice(0, 2).reverse(),
    );

    // A newer day lands on the live first page, which grows rather than
    // pushing its last row onto the second page.
    const grown = firstResult(
      grace,
      api.days.list,
      firstPageArgs,
      (result) => result.page.length === 3,
    );
    await grace.mutation(api.todos.create, { day: "2025-05-05", text: "New" });
    expect((await grown).page.map((row) => row.day)).toEqual([
      "2025-05-05",
      "2025-05-04",
      "2025-05-03",
    ]);
  });
});

describe("mutationDelayMs", () => {
  it("holds mutations back while queries are still answered", async () => {
    const ada = await clientWithToken(adaToken);
    const day = "2025-06-01";
    stack.standin.setMutationDelayMs(500);
    const started = Date.now();
    const slowCreate = ada.mutation(api.todos.create, { day, text: "Slow" });
    const meanwhile = await ada.query(api.todos.listForDay, { day });
    expect(meanwhile).toEqual([]);
    await slowCreate;
    // Loose on purpose: timers may fire a millisecond early.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    const after = await ada.query(api.todos.listForDay, { day });
    expect(after.map((todo) => todo.text)).toEqual(["Slow"]);
  });
});

describe("seeding", () => {
  it("fills an account once, before its first sign-in is confirmed", async () => {
    const seededSubjects: string[] = [];
    const seeded = await startStack({
      seed: async (user) => {
        seededSubjects.push(user.subject);
        await user.mutation("todos:create", { day: "2025-08-01", text: "Hi" });
      },
    });
    try {
      const { emulator, standin } = seeded;
      const firstToken = (await signIn(emulator, "ada@example.com"))
        .accessToken;
      const first = await clientWithToken(firstToken, standin);
      const todos = await first.query(api.todos.listForDay, {
        day: "2025-08-01",
      });
      expect(todos.map((todo) => todo.text)).toEqual(["Hi"]);
      const againToken = (await signIn(emulator, "ada@example.com"))
        .accessToken;
      const again = await clientWithToken(againToken, standin);
      expect(
        await again.query(api.todos.listForDay, { day: "2025-08-01" }),
      ).toHaveLength(1);
      expect(seededSubjects).toHaveLength(1);
    } finally {
      await Promise.all(openClients.splice(0).map((client) => client.close()));
      await stopStack(seeded);
    }
  });

  it("writes the sample account through the app's own mutations", async () => {
    const seeded = await startStack({ seed: seedSampleAccount });
    try {
      const token = (await signIn(seeded.emulator, "grace@example.com"))
        .accessToken;
      const grace = await clientWithToken(token, seeded.standin);
      const days = await grace.query(api.days.list, {
        archived: false,
        paginationOpts: { numItems: 10, cursor: null },
      });
      expect(days.page).toHaveLength(3);
      expect(days.page.some((day) => day.label === "Errands")).toBe(true);
    } finally {
      await Promise.all(openClients.splice(0).map((client) => client.close()));
      await stopStack(seeded);
    }
  });
});
