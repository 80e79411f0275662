import type { OptimisticLocalStore, OptimisticUpdate } from "convex/browser";
import { useConvex, useConvexAuth } from "convex/react";
import {
  getFunctionName,
  makeFunctionReference,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";
import { convexToJson, type Value } from "convex/values";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { clearKeptDrafts } from "../keptDrafts";
import { useShowingSavedCopy } from "../localCache";
import { notifyError, notifyRateLimited } from "../notify";
import { browserOpenPages, type OpenPages } from "./openPages";
import { Outbox } from "./outbox";
import {
  browserOutboxStore,
  type OutboxEntry,
  type OutboxStore,
} from "./store";

type AnyArgs = Record<string, Value>;

let browserPages: OpenPages | undefined;
/** This page among the app's open tabs: one id, one lock, per page. */
const thisBrowserPages = () => (browserPages ??= browserOpenPages());

/**
 * Each mutation's optimistic update, by function name, so a change sent
 * again after a reload shows on screen as it did when it was made.
 */
const optimisticUpdates = new Map<string, OptimisticUpdate<AnyArgs>>();

/** What to say when a change from an earlier page is refused, by function name. */
const replayRefusals = new Map<
  string,
  (args: AnyArgs, error: unknown) => void
>();

const OutboxContext = createContext<Outbox | null>(null);
const StoreContext = createContext<OutboxStore | null>(null);

/** The outboxes on screen, so signing out can clear the right one. */
const liveOutboxes = new Set<Outbox>();

/** Where the outbox keeps changes (tests give an in-memory store). */
export function OutboxStoreProvider({
  store,
  children,
}: {
  store: OutboxStore;
  children: ReactNode;
}) {
  return (
    <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
  );
}

/**
 * The signed-in user's outbox. Every mutation below it goes through the
 * outbox (`useOutboxMutation`); changes an earlier page left unsent are
 * sent again once Convex has accepted the sign-in, and other users' are
 * discarded.
 */
export function OutboxProvider({
  userId,
  children,
}: {
  userId: string;
  children: ReactNode;
}) {
  const client = useConvex();
  const store = useContext(StoreContext) ?? browserOutboxStore();
  const { isAuthenticated } = useConvexAuth();
  const outbox = useMemo(
    () =>
      new Outbox({
        userId,
        store,
        send: ({ name, args, changeId }) =>
          client.mutation(
            makeFunctionReference<"mutation">(name),
            { ...(args as AnyArgs), changeId },
            { optimisticUpdate: optimisticUpdates.get(name) },
          ),
        onReplayRefused: (entry: OutboxEntry, error) => {
          const explain = replayRefusals.get(entry.name);
          if (explain) explain(entry.args as AnyArgs, error);
          else notifyError(error, "send a change made earlier");
        },
        // The change is kept and goes again by itself: only say to slow down.
        onRateLimited: notifyRateLimited,
        pages: thisBrowserPages(),
      }),
    [client, store, userId],
  );
  useEffect(() => {
    liveOutboxes.add(outbox);
    void outbox.start();
    return () => {
      outbox.stop();
      liveOutboxes.delete(outbox);
    };
  }, [outbox]);
  useEffect(() => {
    outbox.setAuthenticated(isAuthenticated);
  }, [outbox, isAuthenticated]);
  const showingSavedCopy = useShowingSavedCopy();
  // A layout effect: known to the outbox before anyone can type into what
  // was just painted.
  useLayoutEffect(() => {
    outbox.setShowingSavedCopy(showingSavedCopy);
  }, [outbox, showingSavedCopy]);
  return (
    <OutboxContext.Provider value={outbox}>{children}</OutboxContext.Provider>
  );
}

/** A mutation's arguments as callers give them: the outbox adds the change id. */
export type ChangeArgs<Mutation extends FunctionReference<"mutation">> = Omit<
  FunctionArgs<Mutation>,
  "changeId"
>;

/**
 * Sends a change through the outbox. `changeId`: the id to send it with,
 * for a caller that refers to the change later (undo); a new one otherwise.
 */
export type SendChange<Mutation extends FunctionReference<"mutation">> = (
  args: ChangeArgs<Mutation>,
  changeId?: string,
) => Promise<FunctionReturnType<Mutation>>;

/**
 * A mutation sent through the outbox: kept until the server confirms it,
 * sent again after a reload, run once. `optimisticUpdate` works as in
 * Convex's `withOptimisticUpdate` and must depend only on its arguments
 * (it is reused for changes sent again after a reload).
 * `onReplayRefused` explains a refusal of such a change (default: the
 * server's message as a toast).
 * While the page shows the local cache's saved copy, a change is held:
 * shown over the saved copy, and sent once Convex has accepted the sign-in
 * and the page shows live data.
 */
export function useOutboxMutation<
  Mutation extends FunctionReference<"mutation">,
>(
  mutation: Mutation,
  options: {
    optimisticUpdate?: OptimisticUpdate<FunctionArgs<Mutation>>;
    onReplayRefused?: (args: ChangeArgs<Mutation>, error: unknown) => void;
  } = {},
): SendChange<Mutation> {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error("useOutboxMutation needs an <OutboxProvider>.");
  const name = getFunctionName(mutation);
  // The latest definition wins; all of a function's callers give the same.
  if (options.optimisticUpdate)
    optimisticUpdates.set(
      name,
      options.optimisticUpdate as OptimisticUpdate<AnyArgs>,
    );
  if (options.onReplayRefused)
    replayRefusals.set(
      name,
      options.onReplayRefused as (args: AnyArgs, error: unknown) => void,
    );
  return useCallback(
    (args, changeId) =>
      outbox.submit(name, args as Record<string, unknown>, changeId) as Promise<
        FunctionReturnType<Mutation>
      >,
    [outbox, name],
  );
}

const noOutbox = () => () => {};
const nothingHeld: readonly OutboxEntry[] = [];

/**
 * `value`, the result of one query, with the optimistic updates of the
 * changes held (by a RATE_LIMITED pause, or for the sign-in and live data)
 * applied over it (on a store that holds just this query), so what someone
 * just did stays on screen while it waits to be sent.
 */
function withHeldChanges(
  name: string,
  args: AnyArgs,
  value: unknown,
  held: readonly OutboxEntry[],
): unknown {
  const key = JSON.stringify(convexToJson(args));
  const isThisQuery = (
    query: Parameters<typeof getFunctionName>[0],
    queryArgs: unknown,
  ) =>
    getFunctionName(query) === name &&
    JSON.stringify(convexToJson((queryArgs ?? {}) as AnyArgs)) === key;
  let current = value;
  const store: OptimisticLocalStore = {
    getQuery: (query, ...rest) =>
      (isThisQuery(query, rest[0]) ? current : undefined) as never,
    getAllQueries: (query) =>
      getFunctionName(query) === name
        ? [{ args: args as never, value: current as never }]
        : [],
    setQuery: (query, queryArgs, next) => {
      if (isThisQuery(query, queryArgs)) current = next;
    },
  };
  for (const entry of held) {
    optimisticUpdates.get(entry.name)?.(store, {
      ...(entry.args as AnyArgs),
      changeId: entry.changeId,
    });
  }
  return current;
}

/**
 * A query's result as the page should show it (live, or the saved copy):
 * with the changes held back applied, those a RATE_LIMITED pause holds and
 * those held for the sign-in (see `withHeldChanges`).
 */
export function useWithHeldChanges<Query extends FunctionReference<"query">>(
  query: Query,
  args: FunctionArgs<Query> | "skip",
  value: FunctionReturnType<Query> | undefined,
): FunctionReturnType<Query> | undefined {
  const outbox = useContext(OutboxContext);
  const held = useSyncExternalStore(
    outbox?.subscribe ?? noOutbox,
    outbox?.heldChanges ?? (() => nothingHeld),
    () => nothingHeld,
  );
  const name = getFunctionName(query);
  // `args` is compared by value: callers build it on every render.
  const argsKey = args === "skip" ? null : JSON.stringify(args);
  return useMemo(
    () =>
      held.length === 0 || value === undefined || argsKey === null
        ? value
        : (withHeldChanges(
            name,
            JSON.parse(argsKey) as AnyArgs,
            value,
            held,
          ) as FunctionReturnType<Query> | undefined),
    [held, value, name, argsKey],
  );
}

/**
 * Sends again the changes that wait for the session (they also go on their
 * own whenever Convex signs in again); for a session known to be back.
 */
export function useReplayOutbox(): () => void {
  const outbox = useContext(OutboxContext);
  return useCallback(() => outbox?.retry(), [outbox]);
}

/**
 * Runs a callback once the server has confirmed every change and none is
 * left in the outbox's store (Outbox.whenAllSettled): at once when so now.
 * The function returned cancels the wait. For work that must wait for the
 * changes without showing their count: rendering with
 * useUnsentChangeCount re-renders the component when a change is made and
 * again when it is confirmed.
 */
export function useWhenAllConfirmed(): (run: () => void) => () => void {
  const outbox = useContext(OutboxContext);
  return useCallback(
    (run: () => void) => {
      if (!outbox) {
        run();
        return () => {};
      }
      return outbox.whenAllSettled(run);
    },
    [outbox],
  );
}

/** How many changes the server has not confirmed yet (0 outside the app). */
export function useUnsentChangeCount(): number {
  const outbox = useContext(OutboxContext);
  return useSyncExternalStore(
    outbox?.subscribe ?? noOutbox,
    outbox?.unsentCount ?? (() => 0),
    () => 0,
  );
}

/**
 * Forgets everything `userId` left unsent in this browser: changes and the
 * text kept from open fields (signing out: warn first if
 * `useUnsentChangeCount()` is not 0).
 */
export async function clearOutbox(userId: string): Promise<void> {
  clearKeptDrafts(userId);
  const live = [...liveOutboxes].filter((outbox) => outbox.userId === userId);
  if (live.length > 0) await Promise.all(live.map((outbox) => outbox.clear()));
  else await browserOutboxStore().clear(userId);
}
