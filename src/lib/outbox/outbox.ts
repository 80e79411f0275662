import { errorCode, retryAfterMs } from "../errors";
import { noOpenPagesKnown, type OpenPages } from "./openPages";
import type { OutboxEntry, OutboxStore } from "./store";

/** Sends one change to the server; resolves with its result. */
export type SendChange = (entry: OutboxEntry) => Promise<unknown>;

type Change = {
  entry: OutboxEntry;
  /**
   * "waiting": not on its way (loaded at start, held for the sign-in, or
   * refused as signed out).
   */
  state: "sending" | "waiting";
  /**
   * Waiting out a RATE_LIMITED pause, or held for the sign-in: until Convex
   * has accepted it and the page shows live data, not the local cache's
   * saved copy (loaded at start, too). Convex dropped (or could not apply)
   * its optimistic update, so the app shows it from `heldChanges()`.
   */
  held?: boolean;
  /** The caller's promise, for changes made in this page (not replayed). */
  settle?: { resolve: (value: unknown) => void; reject: (e: unknown) => void };
  /** The write to the store; removing waits for it. */
  written: Promise<void>;
};

/** Runs `run` after `ms`; returns what cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

const scheduleWithTimer: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** A change id: random, within the server's [A-Za-z0-9_-]{1,64}. */
export function newChangeId(): string {
  return crypto.randomUUID();
}

/**
 * One signed-in user's unsent changes. Each change is written to the store
 * and sent at once; it is removed when the server confirms it or refuses it
 * for good (the refusal goes to whoever made the change, as before). A
 * refusal because the session ended (UNAUTHENTICATED) keeps it, and its
 * caller keeps waiting: it is sent again when Convex is signed in again.
 * A refusal for going too fast (RATE_LIMITED) keeps it too, and its caller
 * keeps waiting: nothing is sent until the wait the server asked for has
 * passed, then every waiting change goes again, oldest first.
 * Changes left by an earlier page (a reload, a closed tab) are sent again
 * once each, with the same change id, so the server runs each only once.
 * While the page shows the local cache's saved copy, nothing is sent: a
 * change is held, and shown over the saved copy, until Convex has accepted
 * the sign-in and the page shows live data, so Convex's optimistic update
 * has a loaded query to apply to when it is sent.
 */
export class Outbox {
  readonly userId: string;
  private readonly store: OutboxStore;
  private readonly send: SendChange;
  private readonly onReplayRefused: (
    entry: OutboxEntry,
    error: unknown,
  ) => void;
  private readonly onRateLimited: (retryAfterMs: number) => void;
  private readonly schedule: Schedule;
  private readonly pages: OpenPages;
  /** Cancels the resend after a RATE_LIMITED refusal; null when not paused. */
  private cancelPause: (() => void) | null = null;
  private readonly changes = new Map<string, Change>();
  private readonly listeners = new Set<() => void>();
  /** Removals from the store not finished yet (see whenAllSettled). */
  private removalsUnderway = 0;
  private readonly settledListeners = new Set<() => void>();
  private heldSnapshot: readonly OutboxEntry[] = [];
  private authenticated = false;
  private showingSavedCopy = false;
  private started: Promise<void> | null = null;
  private closed = false;

  constructor(options: {
    userId: string;
    store: OutboxStore;
    send: SendChange;
    /** A change from an earlier page was refused: nobody is waiting to hear it. */
    onReplayRefused: (entry: OutboxEntry, error: unknown) => void;
    /** The server asked to slow down; the changes go again after this wait. */
    onRateLimited?: (retryAfterMs: number) => void;
    /** The clock for that wait (tests drive it). */
    schedule?: Schedule;
    /** The app's open pages (tabs); see openPages.ts. */
    pages?: OpenPages;
  }) {
    this.userId = options.userId;
    this.store = options.store;
    this.send = options.send;
    this.onReplayRefused = options.onReplayRefused;
    this.onRateLimited = options.onRateLimited ?? (() => {});
    this.schedule = options.schedule ?? scheduleWithTimer;
    this.pages = options.pages ?? noOpenPagesKnown;
  }

  /** How many changes the server has not confirmed yet. */
  readonly unsentCount = () => this.changes.size;

  /**
   * The changes held (by a RATE_LIMITED pause, or for the sign-in and live
   * data), oldest first (the same array until that changes), for showing
   * them as if they were on their way.
   */
  readonly heldChanges = (): readonly OutboxEntry[] => {
    const held = [...this.changes.values()]
      .filter((change) => change.held)
      .map((change) => change.entry);
    const last = this.heldSnapshot;
    if (
      last.length !== held.length ||
      held.some((entry, index) => entry !== last[index])
    )
      this.heldSnapshot = held;
    return this.heldSnapshot;
  };

  /**
   * Runs `run` once the server has confirmed every change and the store no
   * longer holds any of them: at once if so now. Returns what cancels the
   * wait. The local cache saves a result only then. Saved while a
   * confirmed change was still in the store, a reload in that moment would
   * find the change in the saved copy and in the store, which shows it
   * again (held) over that copy: twice.
   */
  whenAllSettled(run: () => void): () => void {
    if (this.allSettled()) {
      run();
      return () => {};
    }
    const listener = () => {
      if (!this.allSettled()) return;
      this.settledListeners.delete(listener);
      run();
    };
    this.settledListeners.add(listener);
    return () => {
      this.settledListeners.delete(listener);
    };
  }

  private allSettled() {
    return this.changes.size === 0 && this.removalsUnderway === 0;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Discards other users' changes and loads this user's, held (shown) until
   * they are sent, once Convex has accepted the sign-in. Safe to call again.
   */
  start(): Promise<void> {
    this.closed = false;
    this.started ??= (async () => {
      // No user known (never discard anyone's changes on a guess).
      if (!this.userId) return;
      try {
        await this.store.keepOnly(this.userId);
        const [entries, openPages] = await Promise.all([
          this.store.entriesOf(this.userId),
          this.pages.openPageIds(),
        ]);
        const othersOpen = new Set<string>();
        for (const entry of entries) {
          // Another open tab's: it is sending it, and what it leaves when
          // it goes is taken up then. (This page's own, from an outbox
          // before this one, are this one's to send.)
          const pageId = entry.pageId;
          if (
            pageId !== undefined &&
            pageId !== this.pages.thisPageId &&
            openPages?.has(pageId)
          ) {
            othersOpen.add(pageId);
            continue;
          }
          this.hold(entry);
        }
        for (const pageId of othersOpen) {
          void this.pages
            .whenClosed(pageId)
            .then(() => this.takeUpLeftBy(pageId))
            .catch(() => {
              // Left in the store: the next page to start sends it.
            });
        }
      } catch {
        // An unreadable store only loses what an earlier page left.
      }
      this.notify();
      if (this.authenticated) this.sendWaiting();
    })();
    return this.started;
  }

  /** Keeps a change an earlier page left, held (shown) until it is sent. */
  private hold(entry: OutboxEntry) {
    if (this.changes.has(entry.changeId)) return;
    this.changes.set(entry.changeId, {
      entry,
      state: "waiting",
      held: true,
      written: Promise.resolve(),
    });
  }

  /** Sends what a tab that was open at the start left when it closed. */
  private async takeUpLeftBy(pageId: string) {
    const left = (await this.store.entriesOf(this.userId)).filter(
      (entry) => entry.pageId === pageId,
    );
    if (left.length === 0) return;
    for (const entry of left) this.hold(entry);
    this.notify();
    if (this.authenticated) this.sendWaiting();
  }

  /** Stops sending (the user is leaving); what is stored stays. */
  stop() {
    this.closed = true;
    this.cancelPause?.();
    this.cancelPause = null;
  }

  /** Convex's sign-in state: signing in sends whatever is waiting. */
  setAuthenticated(authenticated: boolean) {
    const signedInNow = authenticated && !this.authenticated;
    this.authenticated = authenticated;
    if (signedInNow && this.started) this.sendWaiting();
  }

  /**
   * Whether some part of the page shows the local cache's saved copy
   * (LocalCacheProvider's `useShowingSavedCopy`): changes are held until it
   * does not, then sent if Convex has accepted the sign-in.
   */
  setShowingSavedCopy(showing: boolean) {
    const liveNow = !showing && this.showingSavedCopy;
    this.showingSavedCopy = showing;
    if (liveNow && this.authenticated && this.started) this.sendWaiting();
  }

  /**
   * Keeps and sends a change; resolves with the server's result. While the
   * page shows the saved copy the change is held (shown from
   * `heldChanges()`: Convex's optimistic update has no loaded query to
   * apply to) and sent, in order, once live data shows.
   */
  submit(
    name: string,
    args: Record<string, unknown>,
    /** Given by a caller that names the change later (undo, lib/undo). */
    changeId = newChangeId(),
  ): Promise<unknown> {
    const entry: OutboxEntry = {
      changeId,
      userId: this.userId,
      name,
      args,
      createdAt: Date.now(),
      ...(this.pages.thisPageId === undefined
        ? {}
        : { pageId: this.pages.thisPageId }),
    };
    return new Promise((resolve, reject) => {
      const change: Change = {
        entry,
        state: "waiting",
        settle: { resolve, reject },
        written: this.userId
          ? this.store.put(entry).catch(() => {
              // Not kept across a reload, but still sent now.
            })
          : Promise.resolve(),
      };
      this.changes.set(entry.changeId, change);
      this.notify();
      if (this.showingSavedCopy) {
        this.setHeld(change, true);
        return;
      }
      this.dispatch(change);
    });
  }

  /** Forgets every unsent change of this user (signing out). */
  async clear() {
    this.changes.clear();
    this.notify();
    if (this.userId) await this.store.clear(this.userId);
  }

  /**
   * Sends again every change that waits (refused as signed out, or left by
   * an earlier page), e.g. once a session that had ended is back.
   */
  retry() {
    if (this.started) this.sendWaiting();
  }

  private sendWaiting() {
    // Sent once live data shows (setShowingSavedCopy).
    if (this.showingSavedCopy) return;
    for (const change of [...this.changes.values()]) {
      if (change.state === "waiting") this.dispatch(change);
    }
  }

  private dispatch(change: Change) {
    if (this.closed) return;
    // Sent, in order, when the pause ends.
    if (this.cancelPause) {
      change.state = "waiting";
      this.setHeld(change, true);
      return;
    }
    change.state = "sending";
    const { entry } = change;
    // Sent first, so Convex's own optimistic update replaces the held one
    // in the same moment.
    const sent = this.send(entry);
    this.setHeld(change, false);
    sent.then(
      (result) => {
        this.forget(change);
        change.settle?.resolve(result);
        // The session works: whatever waited for it can go now.
        if (!this.closed && this.authenticated) this.sendWaiting();
      },
      (error: unknown) => {
        if (errorCode(error) === "UNAUTHENTICATED") {
          change.state = "waiting";
          return;
        }
        const wait = retryAfterMs(error);
        if (wait !== null) {
          change.state = "waiting";
          this.setHeld(change, true);
          this.pause(wait);
          this.onRateLimited(wait);
          return;
        }
        this.forget(change);
        if (change.settle) change.settle.reject(error);
        else this.onReplayRefused(entry, error);
      },
    );
  }

  /** Holds every change for `ms`, then sends what waits (if signed in). */
  private pause(ms: number) {
    // The latest refusal knows the server's latest wait.
    this.cancelPause?.();
    this.cancelPause = this.schedule(() => {
      this.cancelPause = null;
      if (!this.closed && this.authenticated && this.started)
        this.sendWaiting();
    }, ms);
  }

  private setHeld(change: Change, held: boolean) {
    if (Boolean(change.held) === held) return;
    change.held = held;
    this.notify();
  }

  private forget(change: Change) {
    const { changeId } = change.entry;
    // Counted first: the notification below must not find all settled.
    this.removalsUnderway += 1;
    if (this.changes.get(changeId) === change) {
      this.changes.delete(changeId);
      this.notify();
    }
    void change.written
      .then(() => this.store.delete(changeId))
      .catch(() => {
        // Left in the store: sent again next time, and the server skips it.
      })
      .finally(() => {
        this.removalsUnderway -= 1;
        this.notifySettled();
      });
  }

  private notify() {
    for (const listener of this.listeners) listener();
    this.notifySettled();
  }

  private notifySettled() {
    for (const listener of [...this.settledListeners]) listener();
  }
}
