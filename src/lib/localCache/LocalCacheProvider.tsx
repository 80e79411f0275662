import { useConvexAuth } from "convex/react";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useState,
  useSyncExternalStore,
} from "react";
import { isCachedQuery, type LocalCache } from "./localCache";

const LocalCacheContext = createContext<LocalCache | null>(null);

const noCache = () => () => {};

/** The page's local cache (none in tests that do not give one). */
export function LocalCacheProvider({
  cache,
  children,
}: {
  cache: LocalCache;
  children: ReactNode;
}) {
  return (
    <LocalCacheContext.Provider value={cache}>
      {children}
    </LocalCacheContext.Provider>
  );
}

export function useLocalCache(): LocalCache | null {
  return useContext(LocalCacheContext);
}

/** Runs `save` now, or later once it may (returns a cancel); see useCachedResult. */
type WhenConfirmed = (save: () => void) => () => void;

const atOnce: WhenConfirmed = (save) => {
  save();
  return () => {};
};

/**
 * A query's result as the page shows it: `live` once it has arrived (and it
 * is saved for next time), the saved copy while it has not. The same value
 * goes to the same components, so the swap moves nothing that did not change.
 *
 * `fromServer` is what is saved, and `whenConfirmed` says when: only a
 * result with every change confirmed, and gone from the outbox's store,
 * may be saved. Before that, Convex's result carries the changes'
 * optimistic rows (or the server's rows of changes still in the store),
 * and the outbox replays the stored changes over the saved copy after a
 * reload: saved too, they would show twice.
 */
export function useCachedResult<Value>(
  name: string,
  args: Record<string, unknown> | "skip",
  live: Value | undefined,
  fromServer: unknown,
  whenConfirmed: WhenConfirmed = atOnce,
): Value | undefined {
  const cache = useLocalCache();
  const cached = args !== "skip" && isCachedQuery(name);
  // `args` is compared by value: callers build it on every render.
  const argsKey = args === "skip" ? null : JSON.stringify(args);
  const saved = useSyncExternalStore(
    cache && cached ? cache.subscribe : noCache,
    () =>
      cache && cached && argsKey !== null
        ? (cache.read(name, JSON.parse(argsKey)) as Value | undefined)
        : undefined,
  );
  useEffect(() => {
    if (!cache || !cached || argsKey === null) return;
    const parsed = JSON.parse(argsKey) as Record<string, unknown>;
    let saved = false;
    const cancel =
      fromServer === undefined
        ? undefined
        : whenConfirmed(() => {
            saved = true;
            cache.save(name, parsed, fromServer);
          });
    if (!saved && typeof parsed.day === "string") cache.viewDay(parsed.day);
    return cancel;
  }, [cache, cached, name, argsKey, fromServer, whenConfirmed]);

  const showingSaved = live === undefined && saved !== undefined;
  const [part] = useState(() => ({}));
  // A layout effect: the status shows in the same frame as the saved rows,
  // never a frame after them.
  useLayoutEffect(() => {
    if (!cache || !showingSaved) return;
    cache.setShowing(part, true);
    return () => cache.setShowing(part, false);
  }, [cache, showingSaved, part]);

  return live === undefined ? saved : live;
}

/**
 * Whether the page shows the saved copy rather than live data: the one
 * answer for its status (SavedCopyIndicator) and for the outbox, which
 * holds changes meanwhile (OutboxProvider).
 */
export function useShowingSavedCopy(): boolean {
  const cache = useLocalCache();
  const showingSavedResult = useSyncExternalStore(
    cache?.subscribe ?? noCache,
    () => cache?.isShowingSavedResult() ?? false,
  );
  // Until Convex has accepted the sign-in, every query is skipped, so what
  // the page shows is the saved copy. Known while rendering, so the status
  // appears in the same frame as the saved rows (a query's own report comes
  // from its effect, after the frame).
  const { isAuthenticated } = useConvexAuth();
  const painting = useSavedCopyOwner() !== null && !isAuthenticated;
  return showingSavedResult || painting;
}

/** The user whose saved copy may be painted before AuthKit answers, or null. */
export function useSavedCopyOwner(): string | null {
  const cache = useLocalCache();
  return useSyncExternalStore(
    cache?.subscribe ?? noCache,
    () => cache?.savedCopyOwner() ?? null,
  );
}

/**
 * Keeps the cache private as the session goes: it becomes the signed-in
 * user's once AuthKit names them (wiped if it was another's), and it is
 * wiped when the session ends, the sign-in cookies are gone, or AuthKit
 * has answered with nobody and no sign-in is under way (`signInUnderWay`:
 * a session may still be restored, see App.tsx).
 */
export function useKeepLocalCachePrivate(session: {
  isLoading: boolean;
  userId: string | undefined;
  ended: boolean;
  signInUnderWay: boolean;
}) {
  const cache = useLocalCache();
  const { isLoading, userId, ended, signInUnderWay } = session;
  useEffect(() => {
    if (!cache) return;
    if (ended) void cache.wipe();
    else if (userId) void cache.confirmUser(userId);
    else if (isLoading) return;
    else if (signInUnderWay) cache.checkCookie();
    else void cache.signedOut();
  }, [cache, isLoading, userId, ended, signInUnderWay]);
}
