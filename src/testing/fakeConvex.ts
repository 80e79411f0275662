/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { ConvexReactClient, type ConvexReactClientOptions } from "convex/react";
import type { OptimisticLocalStore, OptimisticUpdate } from "convex/browser";
import {
  getFunctionName,
  makeFunctionReference,
  type UserIdentity,
} from "convex/server";
import { convexToJson, type Value } from "convex/values";
import schema from "@convex/schema";

/**
 * A Convex client for component tests that runs the REAL functions in
 * convex/ through convex-test, in memory.
 *
 * It is a stand-in for Convex's internal BaseConvexClient, handed to a real
 * ConvexReactClient (its `baseClient` option), so useQuery, usePaginatedQuery,
 * useMutation(...).withOptimisticUpdate and useConvexConnectionState run
 * their production code. What it does itself: subscriptions re-run after
 * every mutation, optimistic updates layered over server results (and
 * dropped when the mutation's results arrive, as the real client does), auth
 * through setAuth's token fetcher, and a settable connection state.
 */

// Every module Convex would deploy (names with one dot), as convex/test.setup.ts.
const modules = import.meta.glob([
  "../../convex/**/*.{ts,js}",
  "!../../convex/**/*.*.*",
]);

type Result = { ok: true; value: Value } | { ok: false; error: Error };

type Subscription = {
  name: string;
  args: Record<string, Value>;
  count: number;
};

type Transition = {
  queries: {
    token: string;
    modification: { kind: "Updated"; result: undefined };
  }[];
  reflectedMutations: never[];
  timestamp: bigint;
};

type ConnectionState = ReturnType<ConvexReactClient["connectionState"]>;

export const TEST_USER: Partial<UserIdentity> = {
  subject: "user_test",
  issuer: "https://api.workos.com/user_management/client_test",
  name: "Ada Lovelace",
  email: "ada@example.com",
};

function tokenOf(name: string, args: Record<string, Value>): string {
  return JSON.stringify({ name, args: convexToJson(args) });
}

/** Equal for our purposes: same JSON (Convex values are JSON-like here). */
function sameResult(a: Result | undefined, b: Result | undefined) {
  if (a === b) return true;
  if (!a || !b || a.ok !== b.ok) return false;
  if (!a.ok || !b.ok) return false;
  return (
    JSON.stringify(convexToJson(a.value)) ===
    JSON.stringify(convexToJson(b.value))
  );
}

export class FakeConvexBackend {
  readonly url = "https://fake.convex.cloud";
  identity: Partial<UserIdentity> = TEST_USER;

  /** `t`: the deployment's data, shared with the page before a reload. */
  constructor(readonly t = convexTest({ schema, modules })) {}

  /**
   * The same deployment as a reloaded page meets it: the same data, but a
   * new connection (no subscriptions, nothing optimistic, nothing held).
   */
  reload(): FakeConvexBackend {
    const next = new FakeConvexBackend(this.t);
    next.identity = this.identity;
    return next;
  }

  private authenticated = false;
  /**
   * A token fetch handed over by setAuth has not settled: like the real
   * client, which holds its socket meanwhile, no query runs until it has
   * (then each runs with the token, or without one if there is none).
   */
  private awaitingToken = false;
  /** Like the real client's paused socket: mutations wait for the token. */
  private tokenFetch: Promise<unknown> = Promise.resolve();
  private subscriptions = new Map<string, Subscription>();
  private server = new Map<string, Result>();
  private visible = new Map<string, Result>();
  private optimistic: {
    id: number;
    update: OptimisticUpdate<Record<string, Value>>;
    args: Record<string, Value>;
  }[] = [];
  private nextMutationId = 1;
  private inflight = 0;
  private handlers = new Set<(transition: Transition) => void>();
  private connectionListeners = new Set<(state: ConnectionState) => void>();
  private connected = true;
  /** Serializes backend work, as one deployment would. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by tests to hold a mutation until they release it. */
  gate: ((name: string, args: Record<string, Value>) => Promise<void>) | null =
    null;
  /** Set by tests to hold a query's result until they release it. */
  queryGate:
    ((name: string, args: Record<string, Value>) => Promise<void>) | null =
    null;
  /** Every mutation sent, for assertions. */
  readonly mutations: { name: string; args: Record<string, Value> }[] = [];
  /** Every action called, for assertions. */
  readonly actions: { name: string; args: Record<string, Value> }[] = [];
  /** How many actions have answered (or failed). */
  answeredActions = 0;
  /** Set by tests to hold or refuse an action (throwing refuses it). */
  actionGate:
    ((name: string, args: Record<string, Value>) => Promise<void>) | null =
    null;
  /**
   * Set by tests: the server no longer accepts the session (its token
   * expired or was revoked), while the client still thinks it is signed in.
   */
  sessionEnded = false;
  /** Every query subscribed, for assertions ("no query while signed out"). */
  readonly subscribedQueries: string[] = [];

  // ---- Direct access for test setup and assertions -------------------------

  /** The backend as the signed-in test user (seeding, reading back). */
  get asUser() {
    return this.t.withIdentity(this.identity);
  }

  /** Re-runs every subscription (after seeding data directly). */
  async refresh() {
    await this.rerunAll();
    this.recompute();
  }

  setConnected(connected: boolean) {
    this.connected = connected;
    const state = this.connectionState();
    for (const listener of this.connectionListeners) listener(state);
  }

  // ---- BaseConvexClientInterface -------------------------------------------

  addOnTransitionHandler(fn: (transition: Transition) => void) {
    this.handlers.add(fn);
    return () => this.handlers.delete(fn);
  }

  setAuth(
    fetchToken: (args: {
      forceRefreshToken: boolean;
    }) => Promise<string | null | undefined>,
    onChange: (isAuthenticated: boolean) => void,
  ) {
    this.awaitingToken = true;
    this.tokenFetch = fetchToken({ forceRefreshToken: false }).then(
      async (token) => {
        this.authenticated = Boolean(token);
        this.awaitingToken = false;
        await this.rerunAll();
        this.recompute();
        onChange(this.authenticated);
      },
    );
  }

  setAdminAuth() {}

  clearAuth() {
    this.authenticated = false;
    void this.rerunAll().then(() => this.recompute());
  }

  subscribe(name: string, args: Record<string, Value> = {}) {
    const token = tokenOf(name, args);
    const existing = this.subscriptions.get(token);
    if (existing) existing.count++;
    else {
      this.subscriptions.set(token, { name, args, count: 1 });
      this.subscribedQueries.push(name);
      // Held until the token fetch settles; it then runs every query.
      if (!this.awaitingToken)
        void this.run(token).then(() => this.recompute());
    }
    return {
      queryToken: token,
      unsubscribe: () => {
        const sub = this.subscriptions.get(token);
        if (!sub) return;
        sub.count--;
        if (sub.count === 0) {
          // Like the real client, the last result stays readable until the
          // next transition (ConvexReactClient.query reads it right after
          // unsubscribing).
          this.subscriptions.delete(token);
          this.server.delete(token);
        }
      },
    };
  }

  localQueryResult(name: string, args: Record<string, Value> = {}) {
    return this.localQueryResultByToken(tokenOf(name, args));
  }

  localQueryResultByToken(token: string) {
    const result = this.visible.get(token);
    if (!result) return undefined;
    if (!result.ok) throw result.error;
    return result.value;
  }

  hasLocalQueryResultByToken(token: string) {
    return this.visible.has(token);
  }

  localQueryLogs() {
    return undefined;
  }

  queryJournal() {
    return undefined;
  }

  connectionState(): ConnectionState {
    return {
      hasInflightRequests: this.inflight > 0,
      isWebSocketConnected: this.connected,
      timeOfOldestInflightRequest: null,
      hasEverConnected: true,
      connectionCount: 1,
      connectionRetries: 0,
      inflightMutations: this.inflight,
      inflightActions: 0,
    };
  }

  subscribeToConnectionState(cb: (state: ConnectionState) => void) {
    this.connectionListeners.add(cb);
    return () => this.connectionListeners.delete(cb);
  }

  async mutation(
    name: string,
    args: Record<string, Value> = {},
    options?: { optimisticUpdate?: OptimisticUpdate<Record<string, Value>> },
  ) {
    const id = this.nextMutationId++;
    this.mutations.push({ name, args });
    this.inflight++;
    if (options?.optimisticUpdate) {
      this.optimistic.push({ id, update: options.optimisticUpdate, args });
      this.recompute();
    }
    try {
      await this.tokenFetch;
      if (this.gate) await this.gate(name, args);
      const result = await this.serial(() =>
        (this.sessionEnded ? this.t : this.caller()).mutation(
          makeFunctionReference<"mutation">(name),
          args,
        ),
      );
      await this.rerunAll();
      return result;
    } finally {
      // Like the real client: the optimistic layer goes with the server's answer.
      this.inflight--;
      this.optimistic = this.optimistic.filter((entry) => entry.id !== id);
      this.recompute();
    }
  }

  async action(name: string, args: Record<string, Value> = {}) {
    this.actions.push({ name, args });
    try {
      await this.tokenFetch;
      if (this.actionGate) await this.actionGate(name, args);
      // One at a time with everything else, as convex-test runs one deployment.
      return await this.serial(() =>
        (this.sessionEnded ? this.t : this.caller()).action(
          makeFunctionReference<"action">(name),
          args,
        ),
      );
    } finally {
      this.answeredActions++;
    }
  }

  async close() {}

  // ---- Internals ---------------------------------------------------------------

  private caller() {
    return this.authenticated ? this.t.withIdentity(this.identity) : this.t;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(token: string) {
    const sub = this.subscriptions.get(token);
    if (!sub) return;
    let result: Result;
    if (this.queryGate) await this.queryGate(sub.name, sub.args);
    try {
      const value = await this.serial(() =>
        this.caller().query(makeFunctionReference<"query">(sub.name), sub.args),
      );
      result = { ok: true, value: value as Value };
    } catch (error) {
      result = { ok: false, error: error as Error };
    }
    if (this.subscriptions.has(token)) this.server.set(token, result);
  }

  private async rerunAll() {
    await Promise.all(
      [...this.subscriptions.keys()].map((token) => this.run(token)),
    );
  }

  /** Server results with the pending optimistic updates applied, in order. */
  private recompute() {
    const next = new Map(this.server);
    const store: OptimisticLocalStore = {
      getQuery: (query, ...rest) => {
        const result = next.get(
          tokenOf(
            getFunctionName(query),
            (rest[0] ?? {}) as Record<string, Value>,
          ),
        );
        return result?.ok ? (result.value as never) : undefined;
      },
      getAllQueries: (query) => {
        const name = getFunctionName(query);
        return [...this.subscriptions.entries()]
          .filter(([, sub]) => sub.name === name)
          .map(([token, sub]) => {
            const result = next.get(token);
            return {
              args: sub.args as never,
              value: result?.ok ? (result.value as never) : undefined,
            };
          });
      },
      setQuery: (query, args, value) => {
        const token = tokenOf(
          getFunctionName(query),
          args as Record<string, Value>,
        );
        if (!this.subscriptions.has(token)) return;
        if (value === undefined) next.delete(token);
        else next.set(token, { ok: true, value: value as Value });
      },
    };
    for (const entry of this.optimistic) entry.update(store, entry.args);

    const changed = new Set<string>();
    for (const token of new Set([...this.visible.keys(), ...next.keys()])) {
      if (!sameResult(this.visible.get(token), next.get(token)))
        changed.add(token);
    }
    this.visible = next;
    if (changed.size === 0) return;
    const transition: Transition = {
      queries: [...changed].map((token) => ({
        token,
        modification: { kind: "Updated", result: undefined },
      })),
      reflectedMutations: [],
      timestamp: 0n,
    };
    for (const handler of this.handlers) handler(transition);
  }
}

/**
 * A real ConvexReactClient over the fake backend (a new one, or `backend`
 * again: a reloaded page meeting the same server).
 */
export function createFakeConvex(backend = new FakeConvexBackend()) {
  const client = new ConvexReactClient(backend.url, {
    // Internal option of ConvexReactClient: the sync client to use.
    baseClient: backend,
    logger: false,
  } as unknown as ConvexReactClientOptions);
  return { backend, client };
}

/**
 * Mutations the app sends by itself, not a change a person made, so never
 * held: at sign-in, the profile and the browser's time zone
 * (features/auth/useProfileSync), which on a busy machine can come after a
 * test's first step; and as a day is shown, its repeating todos
 * (features/repeat).
 */
const isBackgroundMutation = (name: string, args: Record<string, Value>) =>
  name === "users:syncProfile" ||
  name === "series:showDay" ||
  (name === "settings:setTimeZone" && args.source === "browser");

/** Holds mutations until `release()`; for asserting optimistic updates. */
export function holdMutations(backend: FakeConvexBackend) {
  const waiting: (() => void)[] = [];
  backend.gate = (name, args) =>
    isBackgroundMutation(name, args)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.push(resolve));
  return {
    get pending() {
      return waiting.length;
    },
    release() {
      backend.gate = null;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/** Holds the results of the queries named `name` until `release()`. */
export function holdQueries(backend: FakeConvexBackend, name: string) {
  const waiting: (() => void)[] = [];
  backend.queryGate = (queryName) =>
    queryName === name
      ? new Promise<void>((resolve) => waiting.push(resolve))
      : Promise.resolve();
  return {
    get pending() {
      return waiting.length;
    },
    release() {
      backend.queryGate = null;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/**
 * Holds the functions the server schedules (a big delete's later batches)
 * until `release()`, so a test can see a job half done. convex-test starts
 * each one with the global setTimeout; only its calls are held, told apart
 * by where they come from.
 */
export function holdScheduledFunctions() {
  const held: (() => void)[] = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((...call: Parameters<typeof setTimeout>) => {
    if (!new Error().stack?.includes("convex-test")) {
      return realSetTimeout(...call);
    }
    held.push(() => realSetTimeout(...call));
    return 0;
  }) as typeof setTimeout;
  return {
    get pending() {
      return held.length;
    },
    release() {
      globalThis.setTimeout = realSetTimeout;
      for (const start of held.splice(0)) start();
    },
  };
}
