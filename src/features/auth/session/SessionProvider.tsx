import { ConvexProviderWithAuthKit } from "@convex-dev/workos";
import { useAuth } from "@workos-inc/authkit-react";
import type { ConvexReactClient } from "convex/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { TokenHandedToConvexContext } from "@/lib/tokenHandedOver";
import { fetchTokenPatiently, refreshDueAt } from "./fetchTokenPatiently";
import { sessionIsOver, type SessionMonitor } from "./sessionMonitor";
import { startupRefreshLeft, useMarkProvidersStarted } from "./startupRefresh";

const MonitorContext = createContext<SessionMonitor | null>(null);

function useSessionMonitor() {
  const monitor = useContext(MonitorContext);
  if (!monitor) throw new Error("useSession needs a SessionProvider");
  return monitor;
}

function useSessionStatus(monitor: SessionMonitor) {
  return useSyncExternalStore(monitor.subscribe, monitor.getStatus);
}

/**
 * authkit-js decides to restore a session on start-up from the marker
 * cookie (production) or the stored refresh token (devMode); both are gone
 * once a refresh was refused, so while either is present a missing user
 * means the start-up refresh failed on its way, not that nobody is signed in.
 */
export function mayHaveSession() {
  return (
    /(?:^|;\s*)workos-has-session=/.test(document.cookie) ||
    Object.keys(localStorage).some((key) =>
      key.startsWith("workos:refresh-token"),
    )
  );
}

/**
 * The session as the app sees it: AuthKit's user and loading flag, plus
 * whether sign-in is reachable (`retrying`) or the session is over (`ended`,
 * or `signed-out` in another tab, which shows no user here either).
 * With no user and `retrying`, a session is being restored.
 */
export function useSession() {
  const { isLoading, user } = useAuth();
  const status = useSessionStatus(useSessionMonitor());
  if (status === "signed-out") return { isLoading: false, user: null, status };
  return { isLoading, user, status };
}

/** Tells this person's other tabs that they are signing out (see UserMenu). */
export function useAnnounceSignOut() {
  const monitor = useSessionMonitor();
  return useCallback(() => monitor.announceSignedOut(), [monitor]);
}

/**
 * What ConvexProviderWithAuthKit asks for: AuthKit's state with a token
 * fetch that waits out transient failures (fetchTokenPatiently). An ended
 * session (or one signed out in another tab) reads as signed out, so Convex drops the token at once rather than
 * at its expiry.
 */
function useAuthForConvex() {
  const { isLoading, user, getAccessToken } = useAuth();
  const monitor = useSessionMonitor();
  const over = sessionIsOver(useSessionStatus(monitor));
  const getToken = useTokenFetch(getAccessToken, monitor);
  // AuthKit sets its user from the first refresh a moment before its client
  // is ready (until then getAccessToken says "log in"): Convex must not ask
  // before AuthKit has finished loading.
  const signedIn = !isLoading && !over;
  return {
    isLoading,
    user: signedIn ? user : null,
    getAccessToken: getToken,
  };
}

function useTokenFetch(
  getAccessToken: Parameters<typeof fetchTokenPatiently>[0],
  monitor: SessionMonitor,
) {
  return useCallback(
    () =>
      monitor.shareTokenFetch(() =>
        fetchTokenPatiently(getAccessToken, monitor),
      ),
    [getAccessToken, monitor],
  );
}

/**
 * Refreshes the token when it is due, whether or not Convex asks: Convex
 * stops asking once a refetch hands it the token it already has, and would
 * learn of an outage only when its token had run out. This way an outage
 * shows (`retrying`) while the person can still work, and a token handed
 * back unrotated is replaced before it ends.
 */
function useKeepTokenFresh(monitor: SessionMonitor) {
  const { isLoading, user, getAccessToken } = useAuth();
  const getToken = useTokenFetch(getAccessToken, monitor);
  const signedIn = !isLoading && user !== null;
  useEffect(() => {
    if (!signedIn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refreshWhenDue = async () => {
      const token = await getToken().catch(() => undefined);
      const dueAt = token === undefined ? undefined : refreshDueAt(token);
      if (stopped || dueAt === undefined) return;
      // At least a second apart, whatever a token says.
      timer = setTimeout(refreshWhenDue, Math.max(1_000, dueAt - Date.now()));
    };
    void refreshWhenDue();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [signedIn, getToken]);
}

/** Restores a session whose start-up refresh failed, retrying with backoff. */
function useRestoreSession(monitor: SessionMonitor) {
  const { isLoading, user, getAccessToken } = useAuth();
  const userId = user?.id;
  useEffect(() => monitor.setUser(userId), [monitor, userId]);

  const restoring = !isLoading && !user && mayHaveSession();
  useEffect(() => {
    if (!restoring) return;
    // A token arriving also sets AuthKit's user (its onRefresh), which
    // ends this effect; a refused refresh clears the marker.
    const stop = new AbortController();
    fetchTokenPatiently(getAccessToken, monitor, stop.signal).catch(() => {});
    return () => stop.abort();
  }, [restoring, getAccessToken, monitor]);
}

/**
 * Convex authenticated by AuthKit, with sessions that survive transient
 * faults. Sits inside AuthKitProvider; the monitor also receives AuthKit's
 * onRefresh / onRefreshFailure (see AppProviders).
 */
export function SessionProvider({
  monitor,
  client,
  children,
}: {
  monitor: SessionMonitor;
  client: ConvexReactClient;
  children: ReactNode;
}) {
  useConnectEarly(client);
  useMarkProvidersStarted();
  const { isLoading, user } = useAuth();
  const over = sessionIsOver(useSessionStatus(monitor));
  // As useAuthForConvex tells Convex: a user, loaded, session not over.
  const tokenHandedOver = !isLoading && !over && user !== null;
  return (
    <MonitorContext.Provider value={monitor}>
      <SessionUpkeep monitor={monitor} />
      <TokenHandedToConvexContext.Provider value={tokenHandedOver}>
        <ConvexProviderWithAuthKit client={client} useAuth={useAuthForConvex}>
          {children}
        </ConvexProviderWithAuthKit>
      </TokenHandedToConvexContext.Provider>
    </MonitorContext.Provider>
  );
}

/**
 * Opens Convex's WebSocket at start-up when a session is likely, so that it
 * connects while AuthKit's start-up refresh is on its way rather than after
 * it (ConvexReactClient connects on first use, which would otherwise be the
 * token handed over after the refresh). Not in this effect itself: it runs
 * before AuthKitProvider's, which starts the refresh (child effects run
 * first), and the socket's setup held the refresh back by 100–200 ms on the
 * phone profile (bench:web). So it waits for `startupRefreshLeft`, the
 * refresh's round trip being the longer wait of the two. That is a close
 * guess at when the request has left (see startupRefresh.ts); where it is
 * early (another tab holds AuthKit's lock), the socket simply opens first.
 * In a production build index.html has sent the refresh before any script
 * ran (earlyRefresh.ts): then the socket opens at once.
 */
function useConnectEarly(client: ConvexReactClient) {
  useEffect(() => {
    if (!mayHaveSession()) return;
    let cancelled = false;
    void startupRefreshLeft.then(() => {
      // Reading the connection state is the client's first use.
      if (!cancelled) client.connectionState();
    });
    return () => {
      cancelled = true;
    };
  }, [client]);
}

/** Restores a session after a failed start-up, and keeps its token fresh. */
function SessionUpkeep({ monitor }: { monitor: SessionMonitor }) {
  useRestoreSession(monitor);
  useKeepTokenFresh(monitor);
  return null;
}
