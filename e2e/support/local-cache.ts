/**
 * The app's local cache (src/lib/localCache) as a browser test sees it: the
 * IndexedDB database the page's origin holds, and the status shown while
 * the saved copy is on screen.
 */
import type { Page } from "playwright-core";

export const SAVED_COPY_TEXT = "Showing your saved copy — connecting…";

/** The status that says the page shows its saved copy. */
export function savedCopyStatus(page: Page) {
  return page.getByRole("status").filter({ hasText: SAVED_COPY_TEXT });
}

export type CacheContents = {
  owners: { key: string; userId: string }[];
  entries: { key: string; day: string; json: string }[];
  views: { day: string; viewedAt: number }[];
};

/**
 * The cache database as the page's origin holds it. Never creates it: an
 * empty database made here would stop the app from creating its stores.
 */
export function readCache(page: Page): Promise<CacheContents> {
  return page.evaluate(async () => {
    const empty = { owners: [], entries: [], views: [] };
    const names = (await indexedDB.databases()).map(({ name }) => name);
    if (!names.includes("daybook-local-cache")) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("daybook-local-cache");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!db.objectStoreNames.contains("entries")) {
      db.close();
      return empty;
    }
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db
          .transaction(store)
          .objectStore(store)
          .getAll() as IDBRequest<T[]>;
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const contents = {
      owners: await all<{ key: string; userId: string }>("owner"),
      entries: (
        await all<{ key: string; day: string; value: unknown }>("entries")
      ).map(({ key, day, value }) => ({
        key,
        day,
        json: JSON.stringify(value),
      })),
      views: await all<{ day: string; viewedAt: number }>("views"),
    };
    db.close();
    return contents;
  });
}

/** Whether any cached entry holds `text`. */
export async function cacheHolds(page: Page, text: string) {
  return (await readCache(page)).entries.some((entry) =>
    entry.json.includes(text),
  );
}
