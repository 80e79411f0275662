import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/**
 * Whose cache this is: the cookie's opaque key and the WorkOS user id, and
 * the format its entries were saved in (localCache.ts's CACHE_FORMAT).
 */
export type CacheOwner = { key: string; userId: string; format: number };

/** One query's last live result. `day` is "" for what belongs to no day. */
export type CacheEntry = {
  key: string;
  day: string;
  value: unknown;
  savedAt: number;
};

/** When a day was last viewed: the least recently viewed are evicted. */
export type DayView = { day: string; viewedAt: number };

/**
 * Where the local cache lives: IndexedDB in the app, memory in tests. It
 * holds one user's entries at a time (the owner); `clear` empties all of it.
 */
export interface LocalCacheStore {
  readOwner(): Promise<CacheOwner | undefined>;
  writeOwner(owner: CacheOwner): Promise<void>;
  /** The entries of `day` ("" for those of no day). */
  entriesOf(day: string): Promise<CacheEntry[]>;
  /**
   * Writes the entries, each marking its day (if any) as viewed at
   * `savedAt`, if and only if the stored owner's key is `ownerKey` (checked
   * in the same transaction). Resolves with whether they were written.
   */
  putEntries(ownerKey: string, entries: CacheEntry[]): Promise<boolean>;
  /** Marks a day as viewed, on the same condition as `putEntries`. */
  markViewed(ownerKey: string, view: DayView): Promise<void>;
  viewedDays(): Promise<DayView[]>;
  /** Deletes these days' entries and views. */
  deleteDays(days: string[]): Promise<void>;
  clear(): Promise<void>;
}

/** A store in memory: for tests, and where IndexedDB cannot be opened. */
export function createMemoryCacheStore(): LocalCacheStore & {
  /** Every entry's key, for assertions. */
  readonly keys: string[];
} {
  let owner: CacheOwner | undefined;
  const entries = new Map<string, CacheEntry>();
  const views = new Map<string, DayView>();
  // Copies, as IndexedDB's structured clone makes them.
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    get keys() {
      return [...entries.keys()].sort();
    },
    async readOwner() {
      return owner && copy(owner);
    },
    async writeOwner(next) {
      owner = copy(next);
    },
    async entriesOf(day) {
      return [...entries.values()].filter((e) => e.day === day).map(copy);
    },
    async putEntries(ownerKey, written) {
      if (owner?.key !== ownerKey) return false;
      for (const entry of written) {
        entries.set(entry.key, copy(entry));
        if (entry.day)
          views.set(entry.day, { day: entry.day, viewedAt: entry.savedAt });
      }
      return true;
    },
    async markViewed(ownerKey, view) {
      if (owner?.key === ownerKey) views.set(view.day, copy(view));
    },
    async viewedDays() {
      return [...views.values()].map(copy);
    },
    async deleteDays(days) {
      const gone = new Set(days);
      for (const [key, entry] of entries)
        if (gone.has(entry.day)) entries.delete(key);
      for (const day of days) views.delete(day);
    },
    async clear() {
      owner = undefined;
      entries.clear();
      views.clear();
    },
  };
}

interface CacheSchema extends DBSchema {
  owner: { key: "owner"; value: CacheOwner };
  entries: { key: string; value: CacheEntry; indexes: { byDay: string } };
  views: { key: string; value: DayView };
}

const DATABASE = "daybook-local-cache";
const OWNER_KEY = "owner";

function openCacheDatabase(): Promise<IDBPDatabase<CacheSchema>> {
  return openDB<CacheSchema>(DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore("owner");
      const entries = db.createObjectStore("entries", { keyPath: "key" });
      entries.createIndex("byDay", "day");
      db.createObjectStore("views", { keyPath: "day" });
    },
  });
}

function indexedDbStore(db: IDBPDatabase<CacheSchema>): LocalCacheStore {
  return {
    readOwner: () => db.get("owner", OWNER_KEY),
    async writeOwner(owner) {
      await db.put("owner", owner, OWNER_KEY);
    },
    entriesOf: (day) => db.getAllFromIndex("entries", "byDay", day),
    async putEntries(ownerKey, entries) {
      const tx = db.transaction(["owner", "entries", "views"], "readwrite");
      const owner = await tx.objectStore("owner").get(OWNER_KEY);
      if (owner?.key !== ownerKey) {
        await tx.done;
        return false;
      }
      for (const entry of entries) {
        await tx.objectStore("entries").put(entry);
        if (entry.day)
          await tx
            .objectStore("views")
            .put({ day: entry.day, viewedAt: entry.savedAt });
      }
      await tx.done;
      return true;
    },
    async markViewed(ownerKey, view) {
      const tx = db.transaction(["owner", "views"], "readwrite");
      const owner = await tx.objectStore("owner").get(OWNER_KEY);
      if (owner?.key === ownerKey) await tx.objectStore("views").put(view);
      await tx.done;
    },
    viewedDays: () => db.getAll("views"),
    async deleteDays(days) {
      const tx = db.transaction(["entries", "views"], "readwrite");
      const byDay = tx.objectStore("entries").index("byDay");
      for (const day of days) {
        for (const key of await byDay.getAllKeys(day))
          await tx.objectStore("entries").delete(key);
        await tx.objectStore("views").delete(day);
      }
      await tx.done;
    },
    async clear() {
      const tx = db.transaction(["owner", "entries", "views"], "readwrite");
      await Promise.all([
        tx.objectStore("owner").clear(),
        tx.objectStore("entries").clear(),
        tx.objectStore("views").clear(),
        tx.done,
      ]);
    },
  };
}

/**
 * The browser's store: IndexedDB, so the cache is there with no network at
 * all. Where IndexedDB cannot be opened (some private modes) the cache
 * lives in memory for the life of the page, which is as private.
 */
export function createIndexedDbCacheStore(): LocalCacheStore {
  let opened: Promise<LocalCacheStore> | null = null;
  const store = () =>
    (opened ??= (async () => {
      if (typeof indexedDB === "undefined") return createMemoryCacheStore();
      try {
        return indexedDbStore(await openCacheDatabase());
      } catch {
        return createMemoryCacheStore();
      }
    })());
  return {
    readOwner: async () => (await store()).readOwner(),
    writeOwner: async (owner) => (await store()).writeOwner(owner),
    entriesOf: async (day) => (await store()).entriesOf(day),
    putEntries: async (ownerKey, entries) =>
      (await store()).putEntries(ownerKey, entries),
    markViewed: async (ownerKey, view) =>
      (await store()).markViewed(ownerKey, view),
    viewedDays: async () => (await store()).viewedDays(),
    deleteDays: async (days) => (await store()).deleteDays(days),
    clear: async () => (await store()).clear(),
  };
}

let browserStore: LocalCacheStore | null = null;

/** The one IndexedDB-backed store of this page. */
export function browserCacheStore(): LocalCacheStore {
  return (browserStore ??= createIndexedDbCacheStore());
}
