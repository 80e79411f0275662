/**
 * Whether this tab's sign-in is healthy, shared with the tab's React tree
 * and with the browser's other tabs.
 *
 * - `active`: tokens arrive (or nothing has gone wrong yet).
 * - `retrying`: the sign-in service or the site's sign-in functions cannot
 *   be reached, or answer with a transient error. The person stays signed
 *   in; token requests wait and retry.
 * - `ended`: the session is definitely over (the refresh was refused). Every
 *   tab of the same person learns it at once through a BroadcastChannel.
 */
export type SessionStatus = "active" | "retrying" | "ended";

const CHANNEL_NAME = "daybook-session";

type SessionMessage = { type: "session-ended"; userId: string };

function isSessionMessage(data: unknown): data is SessionMessage {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as SessionMessage).type === "session-ended" &&
    typeof (data as SessionMessage).userId === "string"
  );
}

export class SessionMonitor {
  private status: SessionStatus = "active";
  private userId: string | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Set<() => void>();
  private readonly channel: BroadcastChannel | undefined;
  private tokenFetch: Promise<string> | null = null;

  constructor() {
    this.channel =
      typeof BroadcastChannel === "undefined"
        ? undefined
        : new BroadcastChannel(CHANNEL_NAME);
    this.channel?.addEventListener("message", (event: MessageEvent) => {
      // Another tab's session ending is ours too: they share the cookie.
      if (isSessionMessage(event.data) && event.data.userId === this.userId) {
        this.setStatus("ended");
      }
    });
  }

  getStatus = () => this.status;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Who this tab is signed in as; only their tabs' messages concern it. */
  setUser(userId: string | undefined) {
    this.userId = userId;
  }

  /**
   * One token fetch at a time: Convex (a scheduled refetch, then an
   * expired-token error) and the keep-fresh timer share the one that is
   * waiting out an outage.
   */
  shareTokenFetch(fetch: () => Promise<string>): Promise<string> {
    this.tokenFetch ??= fetch().finally(() => {
      this.tokenFetch = null;
    });
    return this.tokenFetch;
  }

  /** A token arrived: sign-in is reachable again, waiting retries go now. */
  reportReachable() {
    if (this.status === "retrying") this.setStatus("active");
    this.wakeWaiters();
  }

  reportUnreachable() {
    if (this.status === "active") this.setStatus("retrying");
  }

  /** The refresh was refused: tell this tab and every other tab of this person. */
  reportEnded() {
    if (this.status === "ended") return;
    this.setStatus("ended");
    if (this.userId) {
      const message: SessionMessage = {
        type: "session-ended",
        userId: this.userId,
      };
      this.channel?.postMessage(message);
    }
    this.wakeWaiters();
  }

  /**
   * Resolves after `ms`, or sooner when there is reason to try again at
   * once: a token arrived elsewhere in the tab, the browser came back
   * online, or the tab became visible.
   */
  waitBeforeRetry(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        window.removeEventListener("online", done);
        document.removeEventListener("visibilitychange", onVisible);
        resolve();
      };
      const onVisible = () => {
        if (document.visibilityState === "visible") done();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      window.addEventListener("online", done);
      document.addEventListener("visibilitychange", onVisible);
    });
  }

  close() {
    this.channel?.close();
    this.wakeWaiters();
  }

  private wakeWaiters() {
    for (const wake of [...this.waiters]) wake();
  }

  private setStatus(status: SessionStatus) {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
