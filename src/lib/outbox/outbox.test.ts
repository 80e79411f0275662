import { ConvexError } from "convex/values";
import { expect, test, vi } from "vitest";
import { Outbox } from "./outbox";
import { createMemoryOutboxStore, type OutboxEntry } from "./store";

/** A server whose answers the test gives, one call at a time. */
function controlledServer() {
  const calls: {
    entry: OutboxEntry;
    answer: (value: unknown) => void;
    refuse: (error: unknown) => void;
  }[] = [];
  const send = vi.fn(
    (entry: OutboxEntry) =>
      new Promise((answer, refuse) => calls.push({ entry, answer, refuse })),
  );
  return { calls, send };
}

const refusal = (code: string) =>
  new ConvexError({ code, message: `Refused: ${code}` });

const rateLimited = (retryAfterMs: number) =>
  new ConvexError({
    code: "RATE_LIMITED",
    message: `Slow down — try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    retryAfterMs,
  });

/** A clock the test moves by hand: `schedule` for the outbox. */
function manualClock() {
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    timers,
    schedule: (run: () => void, ms: number) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    /** Runs the timers that are due (not cancelled), as time passing would. */
    elapse() {
      for (const timer of timers.splice(0)) if (!timer.cancelled) timer.run();
    },
    get pending() {
      return timers.filter((timer) => !timer.cancelled).map((t) => t.ms);
    },
  };
}

/** Lets the promise callbacks already due run (no waiting on a clock). */
async function settled() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function outboxFor(
  userId: string,
  store = createMemoryOutboxStore(),
  server = controlledServer(),
  clock = manualClock(),
) {
  const refused: [OutboxEntry, unknown][] = [];
  const slowDowns: number[] = [];
  const outbox = new Outbox({
    userId,
    store,
    send: server.send,
    onReplayRefused: (entry, error) => refused.push([entry, error]),
    onRateLimited: (wait) => slowDowns.push(wait),
    schedule: clock.schedule,
  });
  return { outbox, store, server, refused, slowDowns, clock };
}

test("a change is kept until the server confirms it, with a change id the server accepts", async () => {
  const { outbox, store, server } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  const result = outbox.submit("todos:create", {
    day: "2025-01-01",
    text: "A",
  });
  await settled();
  expect(outbox.unsentCount()).toBe(1);
  expect(store.entries).toEqual([
    expect.objectContaining({
      userId: "ada",
      name: "todos:create",
      args: { day: "2025-01-01", text: "A" },
    }),
  ]);
  expect(store.entries[0]!.changeId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  expect(server.calls[0]!.entry.changeId).toBe(store.entries[0]!.changeId);

  server.calls[0]!.answer("todo-id");
  await expect(result).resolves.toBe("todo-id");
  await settled();
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("whenAllSettled runs once every change is confirmed and removed from the store, not when the server answers", async () => {
  // A store whose removals finish when the test says, as IndexedDB's
  // transactions finish later than the server's answer.
  const memory = createMemoryOutboxStore();
  const removals: (() => void)[] = [];
  const store = {
    ...memory,
    get entries() {
      return memory.entries;
    },
    delete: (changeId: string) =>
      new Promise<void>((done) =>
        removals.push(() => void memory.delete(changeId).then(done)),
      ),
  };
  const { outbox, server } = outboxFor("ada", store);
  await outbox.start();
  outbox.setAuthenticated(true);
  const ranNow = vi.fn();
  outbox.whenAllSettled(ranNow);
  expect(ranNow).toHaveBeenCalledOnce();

  void outbox.submit("todos:create", { day: "2025-01-01", text: "A" });
  await settled();
  const ranLater = vi.fn();
  const cancelled = vi.fn();
  outbox.whenAllSettled(ranLater);
  outbox.whenAllSettled(cancelled)();

  server.calls[0]!.answer("todo-id");
  await settled();
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toHaveLength(1);
  expect(ranLater).not.toHaveBeenCalled();

  removals[0]!();
  await settled();
  expect(store.entries).toEqual([]);
  expect(ranLater).toHaveBeenCalledOnce();
  expect(cancelled).not.toHaveBeenCalled();
});

test("a change submitted with the caller's change id (undo names it later) is kept and sent with that id", async () => {
  const { outbox, store, server } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  const result = outbox.submit(
    "todos:setDone",
    { id: "t1", done: true },
    "named-change",
  );
  await settled();
  expect(store.entries.map((entry) => entry.changeId)).toEqual([
    "named-change",
  ]);
  expect(server.calls[0]!.entry.changeId).toBe("named-change");
  server.calls[0]!.answer(null);
  await expect(result).resolves.toBeNull();
});

test("a definite refusal drops the change and reaches the caller", async () => {
  const { outbox, store, server } = outboxFor("ada");
  await outbox.start();
  const result = outbox.submit("todos:create", { day: "x", text: "" });
  await settled();
  server.calls[0]!.refuse(refusal("INVALID_ARGUMENT"));
  await expect(result).rejects.toThrow();
  await settled();
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("a refusal as signed out keeps the change, and it is sent again when signed in", async () => {
  const { outbox, store, server } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  const result = outbox.submit("todos:create", { day: "d", text: "kept" });
  await settled();
  server.calls[0]!.refuse(refusal("UNAUTHENTICATED"));
  await settled();
  expect(outbox.unsentCount()).toBe(1);
  expect(store.entries).toHaveLength(1);

  outbox.setAuthenticated(false);
  outbox.setAuthenticated(true);
  expect(server.calls).toHaveLength(2);
  expect(server.calls[1]!.entry.changeId).toBe(server.calls[0]!.entry.changeId);
  // Refused again; the session is known to be back without a new sign-in.
  server.calls[1]!.refuse(refusal("UNAUTHENTICATED"));
  await settled();
  outbox.retry();
  expect(server.calls).toHaveLength(3);
  server.calls[2]!.answer("id");
  await expect(result).resolves.toBe("id");
  await settled();
  expect(store.entries).toEqual([]);
});

test("after a reload, the changes left are sent again once each, oldest first, with the same ids", async () => {
  const store = createMemoryOutboxStore();
  const first = outboxFor("ada", store);
  await first.outbox.start();
  first.outbox.setAuthenticated(true);
  void first.outbox.submit("todos:create", { day: "d", text: "one" });
  void first.outbox.submit("todos:setDone", { id: "t", done: true });
  await settled();
  const ids = first.server.calls.map((call) => call.entry.changeId);
  first.outbox.stop(); // the page goes away before any answer

  const second = outboxFor("ada", store);
  second.outbox.setAuthenticated(true);
  await second.outbox.start();
  expect(second.server.calls.map((call) => call.entry.changeId)).toEqual(ids);
  expect(second.outbox.unsentCount()).toBe(2);
  // Signing in again does not send them a second time while they are on their way.
  second.outbox.setAuthenticated(false);
  second.outbox.setAuthenticated(true);
  expect(second.server.calls).toHaveLength(2);
  for (const call of second.server.calls) call.answer(null);
  await settled();
  expect(second.outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("a page starting up leaves another open tab's changes to that tab until it closes, and replays a closed page's and its own earlier outbox's", async () => {
  const store = createMemoryOutboxStore();
  const pageOfOutbox = (pageId: string) =>
    new Outbox({
      userId: "ada",
      store,
      send: controlledServer().send,
      onReplayRefused: () => {},
      pages: {
        thisPageId: pageId,
        openPageIds: () => Promise.resolve(open),
        whenClosed: (id) => closing.get(id)!.promise,
      },
    });
  // Each other tab's close, when the test says.
  const closing = new Map<
    string,
    { promise: Promise<void>; resolve: () => void }
  >();
  for (const id of ["open-tab", "closed-tab"]) {
    let resolve = () => {};
    const promise = new Promise<void>((done) => (resolve = done));
    closing.set(id, { promise, resolve });
  }
  let open = new Set(["open-tab", "closed-tab", "this-page"]);
  const openTab = pageOfOutbox("open-tab");
  const closedTab = pageOfOutbox("closed-tab");
  const earlierOutbox = pageOfOutbox("this-page");
  for (const outbox of [openTab, closedTab, earlierOutbox]) {
    await outbox.start();
    outbox.setAuthenticated(true);
  }
  void openTab.submit("todos:create", { day: "d", text: "open tab's" });
  void closedTab.submit("todos:create", { day: "d", text: "closed tab's" });
  void earlierOutbox.submit("todos:create", { day: "d", text: "this page's" });
  await settled();
  expect(store.entries.map((entry) => entry.pageId)).toEqual([
    "open-tab",
    "closed-tab",
    "this-page",
  ]);
  closedTab.stop();
  earlierOutbox.stop();
  open = new Set(["open-tab", "this-page"]);

  const starting = pageOfOutbox("this-page");
  await starting.start();
  expect(starting.heldChanges().map((entry) => entry.args.text)).toEqual([
    "closed tab's",
    "this page's",
  ]);
  expect(starting.unsentCount()).toBe(2);

  // The open tab closes with its change unanswered: this page takes it up.
  closing.get("open-tab")!.resolve();
  await settled();
  expect(starting.heldChanges().map((entry) => entry.args.text)).toEqual([
    "closed tab's",
    "this page's",
    "open tab's",
  ]);
});

test("changes left by a page are replayed when which pages are open is not known", async () => {
  const store = createMemoryOutboxStore();
  await store.put({
    changeId: "left",
    userId: "ada",
    name: "todos:create",
    args: { day: "d", text: "left" },
    createdAt: 1,
    pageId: "maybe-open",
  });
  const { outbox } = outboxFor("ada", store);
  await outbox.start();
  expect(outbox.unsentCount()).toBe(1);
});

test("changes left are not sent before Convex accepts the sign-in", async () => {
  const store = createMemoryOutboxStore();
  await store.put({
    changeId: "c1",
    userId: "ada",
    name: "todos:create",
    args: {},
    createdAt: 1,
  });
  const { outbox, server } = outboxFor("ada", store);
  await outbox.start();
  expect(server.calls).toHaveLength(0);
  expect(outbox.unsentCount()).toBe(1);
  outbox.setAuthenticated(true);
  expect(server.calls.map((call) => call.entry.changeId)).toEqual(["c1"]);
});

test("a refused change from an earlier page is explained, then dropped", async () => {
  const store = createMemoryOutboxStore();
  await store.put({
    changeId: "c1",
    userId: "ada",
    name: "todos:updateText",
    args: { text: "mine" },
    createdAt: 1,
  });
  const { outbox, server, refused } = outboxFor("ada", store);
  outbox.setAuthenticated(true);
  await outbox.start();
  server.calls[0]!.refuse(refusal("CONFLICT"));
  await settled();
  expect(refused.map(([entry]) => entry.changeId)).toEqual(["c1"]);
  expect(store.entries).toEqual([]);
});

test("another user's changes are discarded, never sent", async () => {
  const store = createMemoryOutboxStore();
  await store.put({
    changeId: "theirs",
    userId: "grace",
    name: "todos:create",
    args: { text: "private" },
    createdAt: 1,
  });
  const { outbox, server } = outboxFor("ada", store);
  outbox.setAuthenticated(true);
  await outbox.start();
  expect(server.calls).toHaveLength(0);
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("clear forgets this user's changes", async () => {
  const { outbox, store } = outboxFor("ada");
  await outbox.start();
  void outbox.submit("todos:create", { text: "x" });
  await settled();
  await outbox.clear();
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("a refusal for going too fast keeps the change, its caller waiting, and sends it again after the wait the server named", async () => {
  const { outbox, store, server, slowDowns, clock } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  let outcome: unknown = "pending";
  const result = outbox.submit("todos:create", { day: "d", text: "kept" });
  result.then(
    (value) => (outcome = value),
    () => (outcome = "rejected"),
  );
  await settled();
  server.calls[0]!.refuse(rateLimited(2500));
  await settled();
  expect(slowDowns).toEqual([2500]);
  expect(outcome).toBe("pending");
  expect(outbox.unsentCount()).toBe(1);
  expect(store.entries).toHaveLength(1);
  expect(clock.pending).toEqual([2500]);
  expect(server.calls).toHaveLength(1);
  // Held: the app shows it meanwhile (Convex dropped its optimistic update).
  expect(outbox.heldChanges().map((entry) => entry.args)).toEqual([
    { day: "d", text: "kept" },
  ]);

  clock.elapse();
  expect(outbox.heldChanges()).toEqual([]);
  expect(server.calls).toHaveLength(2);
  expect(server.calls[1]!.entry.changeId).toBe(server.calls[0]!.entry.changeId);
  server.calls[1]!.answer("todo-id");
  await expect(result).resolves.toBe("todo-id");
  await settled();
  expect(outbox.unsentCount()).toBe(0);
  expect(store.entries).toEqual([]);
});

test("while paused for going too fast, new changes and other answers send nothing; then all go, oldest first", async () => {
  const { outbox, server, clock } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  const first = outbox.submit("todos:create", { day: "d", text: "one" });
  const second = outbox.submit("todos:create", { day: "d", text: "two" });
  await settled();
  server.calls[0]!.refuse(rateLimited(1000));
  await settled();
  // An answer to a change already on its way does not end the pause.
  server.calls[1]!.answer("id-2");
  await expect(second).resolves.toBe("id-2");
  const third = outbox.submit("todos:setDone", { id: "t", done: true });
  // Held too, though never sent: it is shown from the start.
  expect(outbox.heldChanges().map((entry) => entry.name)).toEqual([
    "todos:create",
    "todos:setDone",
  ]);
  const snapshot = outbox.heldChanges();
  expect(outbox.heldChanges()).toBe(snapshot);
  outbox.retry();
  outbox.setAuthenticated(false);
  outbox.setAuthenticated(true);
  await settled();
  expect(server.calls).toHaveLength(2);
  expect(outbox.unsentCount()).toBe(2);

  clock.elapse();
  expect(server.calls.slice(2).map((call) => call.entry.args)).toEqual([
    { day: "d", text: "one" },
    { id: "t", done: true },
  ]);
  server.calls[2]!.answer("id-1");
  server.calls[3]!.answer(null);
  await expect(first).resolves.toBe("id-1");
  await expect(third).resolves.toBe(null);
});

test("a second refusal for going too fast waits again, as long as the latest refusal says", async () => {
  const { outbox, server, slowDowns, clock } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  const result = outbox.submit("todos:create", { day: "d", text: "x" });
  await settled();
  server.calls[0]!.refuse(rateLimited(1000));
  await settled();
  clock.elapse();
  server.calls[1]!.refuse(rateLimited(4000));
  await settled();
  expect(slowDowns).toEqual([1000, 4000]);
  expect(clock.pending).toEqual([4000]);
  clock.elapse();
  server.calls[2]!.answer("id");
  await expect(result).resolves.toBe("id");
});

test("a pause that ends while signed out sends when signed in again", async () => {
  const { outbox, server, clock } = outboxFor("ada");
  await outbox.start();
  outbox.setAuthenticated(true);
  void outbox.submit("todos:create", { day: "d", text: "x" });
  await settled();
  server.calls[0]!.refuse(rateLimited(1000));
  await settled();
  outbox.setAuthenticated(false);
  clock.elapse();
  expect(server.calls).toHaveLength(1);
  outbox.setAuthenticated(true);
  expect(server.calls).toHaveLength(2);
});

test("changes left by an earlier page are shown (held) until they can be sent", async () => {
  const store = createMemoryOutboxStore();
  await store.put({
    changeId: "c1",
    userId: "ada",
    name: "todos:create",
    args: { day: "d", text: "typed offline" },
    createdAt: 1,
  });
  const { outbox, server } = outboxFor("ada", store);
  await outbox.start();
  // Reloaded offline: not signed in, so nothing is sent, but it shows.
  expect(server.calls).toHaveLength(0);
  expect(outbox.heldChanges().map((entry) => entry.changeId)).toEqual(["c1"]);
  outbox.setAuthenticated(true);
  expect(server.calls.map((call) => call.entry.changeId)).toEqual(["c1"]);
  expect(outbox.heldChanges()).toEqual([]);
});

test("while the page shows the saved copy, changes are held even once signed in, and sent when live data shows", async () => {
  const { outbox, server } = outboxFor("ada");
  outbox.setShowingSavedCopy(true);
  await outbox.start();
  void outbox.submit("todos:create", { day: "d", text: "typed early" });
  expect(outbox.heldChanges().map((entry) => entry.args)).toEqual([
    { day: "d", text: "typed early" },
  ]);
  // Convex accepts the sign-in, but the day's live result has not come:
  // sent now, Convex's optimistic update would find no list to add it to.
  outbox.setAuthenticated(true);
  void outbox.submit("todos:create", { day: "d", text: "typed later" });
  await settled();
  expect(server.calls).toHaveLength(0);
  expect(outbox.heldChanges()).toHaveLength(2);

  outbox.setShowingSavedCopy(false);
  expect(server.calls.map((call) => call.entry.args)).toEqual([
    { day: "d", text: "typed early" },
    { day: "d", text: "typed later" },
  ]);
  expect(outbox.heldChanges()).toEqual([]);
});
