/**
 * The app's open pages (tabs), so that a page starting up replays only the
 * changes a closed or reloaded page left, never those another open tab is
 * still sending. Replayed here as well, such a change showed twice on this
 * page (held, over the server's copy of it) until the replay's answer came.
 * What an open tab leaves when it closes is taken up then.
 *
 * Each page holds a Web Lock named after its id while it is open; the
 * browser releases it when the page goes (a reload, a closed tab, a crash).
 */
export type OpenPages = {
  /** This page's id, kept with each change it makes (OutboxEntry.pageId). */
  thisPageId: string | undefined;
  /** The ids of the pages open now (this one too); null when not known. */
  openPageIds(): Promise<ReadonlySet<string> | null>;
  /** Settles once that page has gone. */
  whenClosed(pageId: string): Promise<void>;
};

/** Where pages are not told apart: every change left is replayed. */
export const noOpenPagesKnown: OpenPages = {
  thisPageId: undefined,
  openPageIds: () => Promise.resolve(null),
  whenClosed: () => new Promise<void>(() => {}),
};

const LOCK_PREFIX = "daybook-page:";

/**
 * The browser's pages, through Web Locks; where those are missing no page
 * is known to be open, and every change left is replayed, which the
 * server's change ids make safe.
 */
export function browserOpenPages(): OpenPages {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (!locks) return noOpenPagesKnown;
  const thisPageId = crypto.randomUUID();
  // Held until the page goes: the callback's promise never settles.
  locks
    .request(`${LOCK_PREFIX}${thisPageId}`, () => new Promise<never>(() => {}))
    .catch(() => {
      // Without the lock, other pages take this one's changes for left:
      // they replay them, and the server runs each change id once.
    });
  return {
    thisPageId,
    async openPageIds() {
      try {
        const { held = [], pending = [] } = await locks.query();
        const ids = new Set<string>();
        for (const { name } of [...held, ...pending]) {
          if (name?.startsWith(LOCK_PREFIX))
            ids.add(name.slice(LOCK_PREFIX.length));
        }
        return ids;
      } catch {
        return null;
      }
    },
    // Granted once the page that held it has gone; released at once.
    whenClosed: (pageId) =>
      locks.request(`${LOCK_PREFIX}${pageId}`, () => undefined),
  };
}
