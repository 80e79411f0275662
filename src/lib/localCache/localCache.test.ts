import { afterEach, describe, expect, test, vi } from "vitest";
import { cacheKeyOf, readCacheKeyCookie } from "./cacheKey";
import { CACHE_FORMAT, LocalCache, MAX_CACHED_DAYS } from "./localCache";
import { createMemoryCacheStore } from "./store";

const ADA = "user_ada";
const BOB = "user_bob";
const TODAY = "2026-11-30";
const todos = (day: string) => ({ name: "todos:listForDay", args: { day } });

const caches: LocalCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
});

/** A cache over `store`, with the cookie as `cookie()` says at each read. */
function cacheOver(
  store: ReturnType<typeof createMemoryCacheStore>,
  cookie: () => string | undefined,
  now: () => number = Date.now,
) {
  const cache = new LocalCache({ store, readCookieKey: cookie, now });
  caches.push(cache);
  return cache;
}

/** A store holding Ada's cache of today, as a visit leaves it. */
async function adasStore() {
  const store = createMemoryCacheStore();
  const key = await cacheKeyOf(ADA);
  const cache = cacheOver(store, () => key);
  await cache.start([TODAY]);
  await cache.confirmUser(ADA);
  cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "Ada's todo" }]);
  cache.save("days:list", { archived: false }, [{ day: TODAY }]);
  await vi.waitFor(() => expect(store.keys).toHaveLength(2));
  cache.close();
  return { store, key };
}

describe("the cache key", () => {
  test("is read from the cookie the sign-in functions set", () => {
    expect(readCacheKeyCookie("a=1; daybook-cache-key=abc_-9; b=2")).toBe(
      "abc_-9",
    );
    expect(readCacheKeyCookie("workos-has-session=client")).toBeUndefined();
  });

  test("is the same hash the functions compute (netlify/lib/session-cookies.test.ts)", async () => {
    const { createHash } = await import("node:crypto");
    expect(await cacheKeyOf(ADA)).toBe(
      createHash("sha256").update(`daybook-cache:${ADA}`).digest("base64url"),
    );
  });
});

describe("whose cache is shown", () => {
  test("the owner's, when the cookie names them: readable before anyone signs in", async () => {
    const { store, key } = await adasStore();
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    expect(cache.savedCopyOwner()).toBe(ADA);
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toEqual([
      { text: "Ada's todo" },
    ]);
    expect(cache.read("days:list", { archived: false })).toEqual([
      { day: TODAY },
    ]);
  });

  test("nobody's, and wiped before anything is read, when the cookie names another user", async () => {
    const { store } = await adasStore();
    const bobsKey = await cacheKeyOf(BOB);
    const cache = cacheOver(store, () => bobsKey);
    await cache.start([TODAY]);
    expect(cache.savedCopyOwner()).toBeNull();
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
    expect(store.keys).toEqual([]);
    expect(await store.readOwner()).toBeUndefined();
  });

  test("nobody's, and wiped, when there is no cookie (signed out, or a development server)", async () => {
    const { store } = await adasStore();
    const cache = cacheOver(store, () => undefined);
    await cache.start([TODAY]);
    expect(cache.savedCopyOwner()).toBeNull();
    expect(store.keys).toEqual([]);
    // Nor is anything kept without the cookie.
    await cache.confirmUser(ADA);
    cache.save(todos(TODAY).name, todos(TODAY).args, []);
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
  });

  test("dropped at once when AuthKit names a user who is not its owner", async () => {
    const { store, key } = await adasStore();
    // A cookie that still names Ada, with Bob signed in: Bob sees nothing of hers.
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    const changed = vi.fn();
    cache.subscribe(changed);
    await cache.confirmUser(BOB);
    expect(changed).toHaveBeenCalled();
    expect(cache.savedCopyOwner()).toBeNull();
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
    expect(store.keys).toEqual([]);
  });

  test("wiped once the cookie is gone (signed out in another tab)", async () => {
    const { store, key } = await adasStore();
    let cookie: string | undefined = key;
    const cache = cacheOver(store, () => cookie);
    await cache.start([TODAY]);
    await cache.confirmUser(ADA);
    cookie = undefined;
    expect(cache.savedCopyOwner()).toBeNull();
    // The next live result is not written: the cache is wiped instead.
    cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "later" }]);
    await vi.waitFor(() => expect(store.keys).toEqual([]));
    expect(await store.readOwner()).toBeUndefined();
  });

  test("a cache wiped in one tab is dropped by the others", async () => {
    const { store, key } = await adasStore();
    const here = cacheOver(store, () => key);
    const there = cacheOver(store, () => key);
    await Promise.all([here.start([TODAY]), there.start([TODAY])]);
    expect(there.read(todos(TODAY).name, todos(TODAY).args)).toBeDefined();
    await here.wipe();
    await vi.waitFor(() =>
      expect(there.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined(),
    );
  });
});

describe("never another's, whatever the timing", () => {
  test("nothing is read while the cookie names someone else, even before AuthKit answers", async () => {
    const { store, key } = await adasStore();
    let cookie: string | undefined = key;
    const cache = cacheOver(store, () => cookie);
    await cache.start([TODAY]);
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeDefined();
    // Bob signed in through /callback in another tab: the cookie is his now.
    cookie = await cacheKeyOf(BOB);
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
    expect(cache.read("days:list", { archived: false })).toBeUndefined();
    // Nor is another day of Ada's loaded for him.
    const loads = vi.spyOn(store, "entriesOf");
    cache.viewDay("2026-11-29");
    expect(loads).not.toHaveBeenCalled();
  });

  test("a wipe from another tab while the cache starts is not undone", async () => {
    const { store, key } = await adasStore();
    let releaseOwner = () => {};
    const ownerRead = new Promise<void>((resolve) => (releaseOwner = resolve));
    const readOwner = store.readOwner.bind(store);
    const slowStore = Object.assign(Object.create(store) as typeof store, {
      async readOwner() {
        const owner = await readOwner();
        await ownerRead;
        return owner;
      },
    });
    const cache = cacheOver(slowStore, () => key);
    const changed = vi.fn();
    cache.subscribe(changed);
    const starting = cache.start([TODAY]);
    // Another tab signs out while the owner is being read.
    const otherTab = cacheOver(createMemoryCacheStore(), () => key);
    await otherTab.wipe();
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    releaseOwner();
    await starting;
    expect(cache.savedCopyOwner()).toBeNull();
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
  });

  test("a write that lands after another tab's sign-out cleared the store is refused", async () => {
    const store = createMemoryCacheStore();
    const key = await cacheKeyOf(ADA);
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    await cache.confirmUser(ADA);
    cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "late" }]);
    // The other tab's clear, before its message (or the cookie's removal)
    // reaches this one.
    await store.clear();
    await vi.waitFor(() =>
      expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined(),
    );
    expect(store.keys).toEqual([]);
  });

  test("a cache saved in an older format is wiped, not shown", async () => {
    const { store, key } = await adasStore();
    const owner = await store.readOwner();
    await store.writeOwner({ ...owner!, format: 0 });
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    expect(cache.savedCopyOwner()).toBeNull();
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
    expect(store.keys).toEqual([]);
  });
});

describe("when the saved copy is offered", () => {
  test("only once what it waits for has settled (AuthKit's refresh has left), though it is read already", async () => {
    const { store, key } = await adasStore();
    const cache = cacheOver(store, () => key);
    let refreshLeft = () => {};
    const starting = cache.start(
      [TODAY],
      new Promise<void>((resolve) => (refreshLeft = resolve)),
    );
    await vi.waitFor(() =>
      expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toEqual([
        { text: "Ada's todo" },
      ]),
    );
    expect(cache.savedCopyOwner()).toBeNull();
    refreshLeft();
    await starting;
    expect(cache.savedCopyOwner()).toBe(ADA);
  });
});

describe("what is kept", () => {
  /** Ada's cache of today, hers, over a store of its own. */
  async function adasConfirmedCache() {
    const store = createMemoryCacheStore();
    const key = await cacheKeyOf(ADA);
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    await cache.confirmUser(ADA);
    return { store, key, cache };
  }

  /**
   * With fake timers: a first live result of today's todos, written, and a
   * second, waiting for results to settle. `stored()` reads today's values.
   */
  async function secondResultWaiting() {
    const { store, cache } = await adasConfirmedCache();
    const stored = async () =>
      (await store.entriesOf(TODAY)).map((entry) => entry.value);
    cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "one" }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await stored()).toEqual([[{ text: "one" }]]);
    cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "two" }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await stored()).toEqual([[{ text: "one" }]]);
    return stored;
  }

  test("a query's first live result on the page is written at once; later ones once results settle", async () => {
    vi.useFakeTimers();
    try {
      const stored = await secondResultWaiting();
      await vi.advanceTimersByTimeAsync(300);
      expect(await stored()).toEqual([[{ text: "two" }]]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("what waits for results to settle is written at once when the tab is hidden", async () => {
    vi.useFakeTimers();
    const visibility = vi.spyOn(document, "visibilityState", "get");
    try {
      const stored = await secondResultWaiting();
      visibility.mockReturnValue("hidden");
      document.dispatchEvent(new Event("visibilitychange"));
      await vi.advanceTimersByTimeAsync(0);
      expect(await stored()).toEqual([[{ text: "two" }]]);
    } finally {
      visibility.mockRestore();
      vi.useRealTimers();
    }
  });

  test("only the day view's queries, and only once the user is confirmed", async () => {
    const store = createMemoryCacheStore();
    const key = await cacheKeyOf(ADA);
    const cache = cacheOver(store, () => key);
    await cache.start([TODAY]);
    cache.save("account:deletionStatus", {}, { status: "done" });
    cache.save(todos(TODAY).name, todos(TODAY).args, [{ text: "one" }]);
    // Not yet: AuthKit has not named the user.
    expect(cache.read(todos(TODAY).name, todos(TODAY).args)).toBeUndefined();
    await cache.confirmUser(ADA);
    await vi.waitFor(() =>
      expect(store.keys).toEqual([`todos:listForDay:{"day":"${TODAY}"}`]),
    );
    expect(await store.readOwner()).toEqual({
      key,
      userId: ADA,
      format: CACHE_FORMAT,
    });
  });

  test("“From earlier days” is kept under the day it is shown on (so it goes when that day is evicted), and read back with that day", async () => {
    const { store, key, cache } = await adasConfirmedCache();
    const carryOver = {
      name: "carryOver:list",
      args: { today: TODAY, limit: 20 },
    };
    const answer = { days: [], count: 1, countCapped: false };
    cache.save(carryOver.name, carryOver.args, answer);
    await vi.waitFor(async () =>
      expect((await store.entriesOf(TODAY)).map((entry) => entry.key)).toEqual([
        `carryOver:list:{"today":"${TODAY}","limit":20}`,
      ]),
    );
    cache.close();

    const next = cacheOver(store, () => key);
    await next.start([TODAY]);
    expect(next.read(carryOver.name, carryOver.args)).toEqual(answer);
  });

  test(`the ${MAX_CACHED_DAYS} days viewed last: the least recently viewed go first`, async () => {
    const store = createMemoryCacheStore();
    const key = await cacheKeyOf(ADA);
    let clock = 1_000;
    const cache = cacheOver(
      store,
      () => key,
      () => clock,
    );
    await cache.start([]);
    await cache.confirmUser(ADA);
    const day = (n: number) => `2026-10-${String(n).padStart(2, "0")}`;
    const saveDay = async (n: number) => {
      clock += 1;
      cache.save(todos(day(n)).name, todos(day(n)).args, [{ text: day(n) }]);
      await vi.waitFor(() =>
        expect(store.keys).toContain(`todos:listForDay:{"day":"${day(n)}"}`),
      );
    };
    for (let n = 1; n <= MAX_CACHED_DAYS; n++) await saveDay(n);
    // Day 1 is viewed again: now day 2 is the least recently viewed.
    clock += 1;
    cache.viewDay(day(1));
    await vi.waitFor(async () =>
      expect(
        (await store.viewedDays()).find((view) => view.day === day(1))
          ?.viewedAt,
      ).toBe(clock),
    );
    await saveDay(MAX_CACHED_DAYS + 1);
    await vi.waitFor(async () =>
      expect(await store.viewedDays()).toHaveLength(MAX_CACHED_DAYS),
    );
    const kept = (await store.viewedDays()).map((view) => view.day).sort();
    expect(kept).toContain(day(1));
    expect(kept).not.toContain(day(2));
    expect(store.keys).not.toContain(`todos:listForDay:{"day":"${day(2)}"}`);
    expect(cache.read(todos(day(2)).name, todos(day(2)).args)).toBeUndefined();
  });
});
