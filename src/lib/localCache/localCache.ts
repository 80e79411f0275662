import { forgetTodayTimeZone } from "../todayTimeZone";
import { cacheKeyOf, currentCacheKey } from "./cacheKey";
import {
  browserCacheStore,
  type CacheEntry,
  type CacheOwner,
  type LocalCacheStore,
} from "./store";

/** The cache keeps the days last viewed, up to this many. */
export const MAX_CACHED_DAYS = 14;

/**
 * The shape of what is saved. A cache saved in another format is wiped at
 * start, never shown: bump this whenever a cached query's result changes
 * shape (or what an entry holds), so a deploy cannot paint a saved value
 * the new code cannot read.
 */
export const CACHE_FORMAT = 1;

/**
 * The queries a day view shows, by Convex function name: only these are
 * kept (day-view data, never tokens or settings). "From earlier days"
 * among them: painted without it, the live answer would push the notes
 * below it down.
 */
const CACHED_QUERIES = new Set([
  "todos:listForDay",
  "notes:listForDay",
  "carryOver:list",
  "days:get",
  "days:list",
]);

export function isCachedQuery(name: string): boolean {
  return CACHED_QUERIES.has(name);
}

/** Where a query's result is kept: its function and arguments. */
export function cacheEntryKey(name: string, args: Record<string, unknown>) {
  return `${name}:${JSON.stringify(args)}`;
}

/**
 * The day a query belongs to ("" for the sidebar's list of days): its
 * `day`, or the `today` that "From earlier days" is shown on, so that it
 * is loaded and evicted with that day.
 */
function dayOfArgs(args: Record<string, unknown>): string {
  if (typeof args.day === "string") return args.day;
  return typeof args.today === "string" ? args.today : "";
}

// Live results change with every edit: each is written once things settle.
// A query's first live result on this page is written at once: the person
// may reload (or close the tab) right after it arrives.
const SAVE_DELAY_MS = 300;

const CHANNEL_NAME = "daybook-local-cache";

/** Every cache of this page, so signing out can empty them all. */
const liveCaches = new Set<LocalCache>();

/**
 * One browser's private cache of what the day view showed, so the last-seen
 * day can be painted before the network answers, and with no network.
 *
 * It belongs to one user at a time. Whose it may show is decided without a
 * server round trip, from the cache key cookie the sign-in functions set
 * beside the session (an opaque hash of the user id): a cache is shown only
 * when its owner's key equals the cookie's, and is wiped, before anything is
 * read from it, when the cookie is absent (signed out, or `npm run dev`,
 * which has no such cookie and so no cache) or names someone else. Once
 * AuthKit knows the user, `confirmUser` checks again against the user id.
 * It keeps the last MAX_CACHED_DAYS days viewed.
 */
export class LocalCache {
  private readonly store: LocalCacheStore;
  private readonly readCookieKey: () => string | undefined;
  private readonly now: () => number;
  /** What is shown from the cache, by entry key, with the day it belongs to. */
  private readonly values = new Map<string, { day: string; value: unknown }>();
  private readonly loadedDays = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private readonly showing = new Set<object>();
  private readonly pending = new Map<string, CacheEntry>();
  /** Entry keys written on this page (their later results wait). */
  private readonly written = new Set<string>();
  private readonly channel: BroadcastChannel | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private owner: CacheOwner | null = null;
  private confirmedUserId: string | null = null;
  private ready = false;
  private started: Promise<void> | null = null;
  /** Bumped by every wipe: work begun for an earlier owner is dropped. */
  private generation = 0;

  constructor(
    options: {
      store?: LocalCacheStore;
      readCookieKey?: () => string | undefined;
      now?: () => number;
    } = {},
  ) {
    this.store = options.store ?? browserCacheStore();
    this.readCookieKey = options.readCookieKey ?? currentCacheKey;
    this.now = options.now ?? Date.now;
    this.channel =
      typeof BroadcastChannel === "undefined"
        ? undefined
        : new BroadcastChannel(CHANNEL_NAME);
    // Another tab wiped the cache (signed out, data deleted): drop ours too.
    this.channel?.addEventListener("message", () => this.forget());
    if (typeof document !== "undefined") {
      document.addEventListener("visibilitychange", this.writeWhenHidden);
    }
    liveCaches.add(this);
  }

  // A hidden tab may be discarded (a phone freeing memory) with no event
  // after this one: what waits for results to settle is written now.
  private readonly writeWhenHidden = () => {
    if (document.visibilityState !== "hidden" || this.pending.size === 0) {
      return;
    }
    clearTimeout(this.saveTimer);
    void this.writePending();
  };

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Checks whose cache this is and loads the sidebar's list and `days`
   * (the day on screen). Safe to call again. The saved copy is offered
   * (savedCopyOwner) once that is done and `showAfter` has settled.
   */
  start(
    days: readonly string[],
    showAfter: Promise<unknown> = Promise.resolve(),
  ): Promise<void> {
    this.started ??= (async () => {
      const generation = this.generation;
      try {
        const stored = this.readCookieKey()
          ? await this.store.readOwner()
          : undefined;
        // Wiped by another tab meanwhile: what was read is gone.
        if (generation !== this.generation) return;
        // Read again: another tab may have signed someone in meanwhile.
        const cookieKey = this.readCookieKey();
        if (
          !cookieKey ||
          (stored &&
            (stored.key !== cookieKey || stored.format !== CACHE_FORMAT))
        ) {
          await this.wipe();
        } else if (stored) {
          this.owner = stored;
          await Promise.all(["", ...days].map((day) => this.loadDay(day)));
        }
      } catch {
        // An unreadable cache shows nothing; the live data still comes.
      } finally {
        await showAfter.catch(() => {});
        this.ready = true;
        this.notify();
      }
    })();
    return this.started;
  }

  /**
   * The user whose saved copy may be shown now, before AuthKit has
   * answered; null when there is none (or the cookie no longer names them).
   */
  readonly savedCopyOwner = (): string | null => {
    if (!this.ready || this.values.size === 0) return null;
    return this.ownerShown()?.userId ?? null;
  };

  /** A query's saved result, if the cache holds one for its owner. */
  read(name: string, args: Record<string, unknown>): unknown {
    return this.ownerShown()
      ? this.values.get(cacheEntryKey(name, args))?.value
      : undefined;
  }

  /** Loads a day's saved results (once), and counts it as viewed. */
  viewDay(day: string) {
    const owner = this.ownerShown();
    if (!owner || this.loadedDays.has(day)) return;
    void this.loadDay(day);
    const generation = this.generation;
    void this.store
      .markViewed(owner.key, { day, viewedAt: this.now() })
      .then(async () => {
        if (generation === this.generation) await this.evict();
      })
      .catch(() => {});
  }

  /** Keeps a live result; written shortly, for the confirmed user only. */
  save(name: string, args: Record<string, unknown>, value: unknown) {
    if (!isCachedQuery(name) || value === undefined) return;
    const key = cacheEntryKey(name, args);
    const entry = { key, day: dayOfArgs(args), value, savedAt: this.now() };
    this.pending.set(key, entry);
    if (this.confirmedUserId) this.values.set(key, entry);
    this.scheduleSave();
  }

  /**
   * AuthKit knows the user: the cache is theirs if the cookie names them and
   * the cache was not someone else's; otherwise it is wiped (and whatever
   * was shown from it goes).
   */
  async confirmUser(userId: string) {
    await this.started;
    const key = await cacheKeyOf(userId);
    if (this.readCookieKey() !== key) {
      // No cookie (signed out, or a development server) or another's.
      if (this.owner || this.values.size > 0) await this.wipe();
      this.confirmedUserId = null;
      return;
    }
    if (this.owner && this.owner.userId !== userId) await this.wipe();
    if (!this.owner) {
      const owner = { key, userId, format: CACHE_FORMAT };
      this.owner = owner;
      const generation = this.generation;
      // Nothing without an owner may be shown as this user's.
      await this.store
        .clear()
        .then(() => this.store.writeOwner(owner))
        .catch(() => {});
      if (generation !== this.generation) return;
    }
    this.confirmedUserId = userId;
    for (const entry of this.pending.values())
      this.values.set(entry.key, entry);
    this.notify();
    this.scheduleSave();
  }

  /** Wipes the cache if the cookie no longer names its owner (signed out). */
  checkCookie() {
    if (this.owner && this.readCookieKey() !== this.owner.key) void this.wipe();
  }

  /**
   * Nobody is signed in and no sign-in is under way: whatever the cache
   * holds goes (once started, so what it is loading goes too).
   */
  async signedOut() {
    await this.started;
    if (this.owner || this.values.size > 0) await this.wipe();
  }

  /** Empties the cache, here and in every tab (signing out, data deleted). */
  async wipe() {
    this.forget();
    this.channel?.postMessage({ type: "wiped" });
    await this.store.clear().catch(() => {});
  }

  /** Whether some part of the page shows a saved result instead of live data. */
  readonly isShowingSavedResult = () => this.showing.size > 0;

  /** `part` shows a saved result (true) or no longer does (false). */
  setShowing(part: object, showing: boolean) {
    const before = this.showing.size;
    if (showing) this.showing.add(part);
    else this.showing.delete(part);
    if (this.showing.size !== before) this.notify();
  }

  close() {
    clearTimeout(this.saveTimer);
    if (typeof document !== "undefined") {
      document.removeEventListener("visibilitychange", this.writeWhenHidden);
    }
    this.channel?.close();
    liveCaches.delete(this);
  }

  /**
   * The owner, while the cookie still names them (and AuthKit, once it
   * has answered, named them too): the cookie can change under the page (a
   * sign-in in another tab) before anything here hears of it.
   */
  private ownerShown(): CacheOwner | null {
    const owner = this.owner;
    if (!owner || this.readCookieKey() !== owner.key) return null;
    if (this.confirmedUserId && this.confirmedUserId !== owner.userId)
      return null;
    return owner;
  }

  /** Drops everything held in memory (the store is cleared by `wipe`). */
  private forget() {
    this.generation += 1;
    this.values.clear();
    this.loadedDays.clear();
    this.pending.clear();
    this.written.clear();
    this.owner = null;
    this.confirmedUserId = null;
    clearTimeout(this.saveTimer);
    this.notify();
  }

  private loadDay(day: string): Promise<void> {
    const generation = this.generation;
    let loaded = this.loadedDays.get(day);
    if (!loaded) {
      loaded = this.store
        .entriesOf(day)
        .then((entries) => {
          if (generation !== this.generation) return;
          // A live result saved meanwhile is newer than the stored one.
          for (const entry of entries)
            if (!this.values.has(entry.key)) this.values.set(entry.key, entry);
          if (entries.length > 0) this.notify();
        })
        .catch(() => {});
      this.loadedDays.set(day, loaded);
    }
    return loaded;
  }

  private scheduleSave() {
    clearTimeout(this.saveTimer);
    const firstResult = [...this.pending.keys()].some(
      (key) => !this.written.has(key),
    );
    this.saveTimer = setTimeout(
      () => void this.writePending(),
      firstResult ? 0 : SAVE_DELAY_MS,
    );
  }

  private async writePending() {
    if (!this.confirmedUserId || !this.owner) return;
    // Signed out in another tab meanwhile: nothing more is written.
    if (this.readCookieKey() !== this.owner.key) {
      await this.wipe();
      return;
    }
    const generation = this.generation;
    const entries = [...this.pending.values()];
    this.pending.clear();
    try {
      // Written only while the stored owner is still ours, checked in the
      // same transaction: another tab's sign-out may have cleared it.
      const written = await this.store.putEntries(this.owner.key, entries);
      if (generation !== this.generation) return;
      if (!written) return this.forget();
      for (const entry of entries) this.written.add(entry.key);
      await this.evict();
    } catch {
      // Not kept this time; the next live result tries again.
    }
  }

  /** Deletes all but the MAX_CACHED_DAYS most recently viewed days. */
  private async evict() {
    const generation = this.generation;
    const views = await this.store.viewedDays();
    const evicted = views
      .sort((a, b) => b.viewedAt - a.viewedAt)
      .slice(MAX_CACHED_DAYS)
      .map((view) => view.day);
    if (evicted.length === 0 || generation !== this.generation) return;
    await this.store.deleteDays(evicted);
    const gone = new Set(evicted);
    for (const [key, entry] of [...this.values])
      if (gone.has(entry.day)) this.values.delete(key);
    for (const day of evicted) this.loadedDays.delete(day);
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}

let pageCache: LocalCache | null = null;

/** The one cache of this page (the app's; tests make their own). */
export function pageLocalCache(): LocalCache {
  return (pageCache ??= new LocalCache());
}

/**
 * Empties the local cache of this browser: every open cache of this page
 * and the stored one (signing out, deleting one's data), and forgets the
 * time zone remembered beside it (lib/todayTimeZone).
 */
export async function clearLocalCache(): Promise<void> {
  forgetTodayTimeZone();
  const live = [...liveCaches];
  if (live.length > 0) await Promise.all(live.map((cache) => cache.wipe()));
  else
    await browserCacheStore()
      .clear()
      .catch(() => {});
}
