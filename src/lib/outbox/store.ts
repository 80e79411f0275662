import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** A change kept until the server confirms it (or definitely refuses it). */
export type OutboxEntry = {
  /** Sent with the change; the server runs a change id at most once. */
  changeId: string;
  /** The signed-in user who made the change: only they may send it. */
  userId: string;
  /** The Convex function, e.g. "todos:create". */
  name: string;
  /** Its arguments, without the change id. */
  args: Record<string, unknown>;
  createdAt: number;
  /**
   * The page (tab) that made it, while that page is open its own to send
   * (openPages.ts). Absent in changes kept before pages were told apart.
   */
  pageId?: string;
};

/** Where unsent changes are kept: IndexedDB in the app, memory in tests. */
export interface OutboxStore {
  put(entry: OutboxEntry): Promise<void>;
  delete(changeId: string): Promise<void>;
  /** A user's entries, oldest first. */
  entriesOf(userId: string): Promise<OutboxEntry[]>;
  /** Discards every entry that is not `userId`'s. */
  keepOnly(userId: string): Promise<void>;
  /** Discards every entry of `userId`. */
  clear(userId: string): Promise<void>;
}

const oldestFirst = (a: OutboxEntry, b: OutboxEntry) =>
  a.createdAt - b.createdAt;

/** A store in memory: for tests, and where IndexedDB is unavailable. */
export function createMemoryOutboxStore(): OutboxStore & {
  /** Every entry, for assertions. */
  readonly entries: OutboxEntry[];
} {
  const entries = new Map<string, OutboxEntry>();
  // Copies, as IndexedDB's structured clone makes them.
  const copy = (entry: OutboxEntry) =>
    JSON.parse(JSON.stringify(entry)) as OutboxEntry;
  return {
    get entries() {
      return [...entries.values()].map(copy).sort(oldestFirst);
    },
    async put(entry) {
      entries.set(entry.changeId, copy(entry));
    },
    async delete(changeId) {
      entries.delete(changeId);
    },
    async entriesOf(userId) {
      return [...entries.values()]
        .filter((entry) => entry.userId === userId)
        .map(copy)
        .sort(oldestFirst);
    },
    async keepOnly(userId) {
      for (const [id, entry] of entries)
        if (entry.userId !== userId) entries.delete(id);
    },
    async clear(userId) {
      for (const [id, entry] of entries)
        if (entry.userId === userId) entries.delete(id);
    },
  };
}

interface OutboxSchema extends DBSchema {
  changes: {
    key: string;
    value: OutboxEntry;
    indexes: { byUser: string };
  };
}

const DATABASE = "daybook-outbox";

function openOutboxDatabase(): Promise<IDBPDatabase<OutboxSchema>> {
  return openDB<OutboxSchema>(DATABASE, 1, {
    upgrade(db) {
      const changes = db.createObjectStore("changes", { keyPath: "changeId" });
      changes.createIndex("byUser", "userId");
    },
  });
}

/**
 * The browser's store: IndexedDB, so unsent changes survive a reload or a
 * closed tab. Where IndexedDB cannot be opened (some private modes), changes
 * are kept in memory for the life of the page instead.
 */
export function createIndexedDbOutboxStore(): OutboxStore {
  let opened: Promise<OutboxStore> | null = null;
  const store = () =>
    (opened ??= (async (): Promise<OutboxStore> => {
      if (typeof indexedDB === "undefined") return createMemoryOutboxStore();
      try {
        const db = await openOutboxDatabase();
        return {
          async put(entry) {
            await db.put("changes", entry);
          },
          async delete(changeId) {
            await db.delete("changes", changeId);
          },
          async entriesOf(userId) {
            const entries = await db.getAllFromIndex(
              "changes",
              "byUser",
              userId,
            );
            return entries.sort(oldestFirst);
          },
          async keepOnly(userId) {
            const tx = db.transaction("changes", "readwrite");
            for await (const cursor of tx.store) {
              if (cursor.value.userId !== userId) await cursor.delete();
            }
            await tx.done;
          },
          async clear(userId) {
            const tx = db.transaction("changes", "readwrite");
            for await (const cursor of tx.store.index("byUser").iterate(userId))
              await cursor.delete();
            await tx.done;
          },
        };
      } catch {
        return createMemoryOutboxStore();
      }
    })());
  return {
    put: async (entry) => (await store()).put(entry),
    delete: async (changeId) => (await store()).delete(changeId),
    entriesOf: async (userId) => (await store()).entriesOf(userId),
    keepOnly: async (userId) => (await store()).keepOnly(userId),
    clear: async (userId) => (await store()).clear(userId),
  };
}

let browserStore: OutboxStore | null = null;

/** The app's one IndexedDB-backed store, opened on first use. */
export function browserOutboxStore(): OutboxStore {
  return (browserStore ??= createIndexedDbOutboxStore());
}
