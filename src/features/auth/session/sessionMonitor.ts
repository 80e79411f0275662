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
 * - `signed-out`: the person signed out in another tab; this one leaves the
 *   signed-in view at once, through the same channel.
 *
 * A transient fault (`retrying`) stays in its tab: only a refused refresh
 * or a real sign-out ever reaches other tabs.
 */
export type SessionStatus = "active" | "retrying" | "ended" | "signed-out";

const CHANNEL_NAME = "daybook-session";

type SessionMessage = {
  type: "session-ended" | "signed-out";
  userId: string;
};

function isSessionMessage(data: unknown): data is SessionMessage {
  const message = data as SessionMessage | null;
  return (
    typeof data === "object" &&
    message !== null &&
    (message.type === "session-ended" || message.type === "signed-out") &&
    typeof message.userId === "string"
  );
}

/** Whether a tab in `status` is done with its session (no more tokens). */
export function sessionIsOver(status: SessionStatus): boolean {
  return status === "ended" || status === "signed-out";
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
      if (!isSessionMessage(event.data) || event.data.userId !== this.userId)
        return;
      if (event.data.type === "signed-out") {
        this.setStatus("signed-out");
        this.wakeWaiters();
      } else if (this.status !== "signed-out") {
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
    // Signed out elsewhere, the refused refresh is expected: nothing to tell.
    if (sessionIsOver(this.status)) return;
    this.setStatus("ended");
    this.tellOtherTabs("session-ended");
    this.wakeWaiters();
  }

  /**
   * This tab is signing out: this person's other tabs leave the signed-in
   * view now, without waiting for their next refresh to be refused. This
   * tab is left as it is; it is about to hand over to sign-out.
   */
  announceSignedOut() {
    this.tellOtherTabs("signed-out");
  }

  private tellOtherTabs(type: SessionMessage["type"]) {
    if (!this.userId) return;
    const message: SessionMessage = { type, userId: this.userId };
    this.channel?.postMessage(message);
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
