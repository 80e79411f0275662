import {
  usePaginatedQuery,
  useQuery,
  type PaginatedQueryArgs,
  type PaginatedQueryReference,
} from "convex/react";
import {
  getFunctionName,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";
import { useMemo } from "react";
import { useCachedResult } from "./localCache";
import { useWhenAllConfirmed, useWithHeldChanges } from "./outbox";
import { useMayQuery } from "./tokenHandedOver";

/**
 * Queries that need a signed-in user. Until Convex has the access token
 * (see useMayQuery) they are skipped rather than sent anonymously, which
 * would fail with UNAUTHENTICATED.
 * A day view's queries show the local cache's saved copy until their live
 * result arrives (src/lib/localCache). Changes held back (waiting out a
 * rate limit, or for the sign-in) are shown in the result, as if on their
 * way.
 */

export function useSignedInQuery<Query extends FunctionReference<"query">>(
  query: Query,
  args: FunctionArgs<Query> | "skip",
): FunctionReturnType<Query> | undefined {
  const mayQuery = useMayQuery();
  const value = useQuery(
    query as FunctionReference<"query">,
    mayQuery ? args : "skip",
  ) as FunctionReturnType<Query> | undefined;
  const shown = useCachedResult(
    getFunctionName(query),
    args as Record<string, unknown> | "skip",
    value,
    value,
    useWhenAllConfirmed(),
  );
  // Changes held back (by a rate limit, or until the sign-in while the
  // saved copy is shown) stay on screen until they are sent.
  return useWithHeldChanges(query, args, shown);
}

/**
 * `usePaginatedQuery`, skipped until the user is signed in to Convex, with
 * the held changes shown as in `useSignedInQuery`.
 */
export function useSignedInPaginatedQuery<
  Query extends PaginatedQueryReference,
>(
  query: Query,
  args: PaginatedQueryArgs<Query> | "skip",
  options: { initialNumItems: number },
) {
  const mayQuery = useMayQuery();
  const result = usePaginatedQuery(query, mayQuery ? args : "skip", options);
  // The loaded items as one page: the optimistic updates rewrite `page`.
  const loaded = useMemo(
    () => ({ page: result.results, isDone: false, continueCursor: "" }),
    [result.results],
  );
  const shown = useWithHeldChanges(
    query,
    (args === "skip"
      ? args
      : { ...args, paginationOpts: { numItems: 0, cursor: null } }) as
      FunctionArgs<Query> | "skip",
    loaded as FunctionReturnType<Query>,
  ) as typeof loaded;
  const live = useMemo(
    () => (shown === loaded ? result : { ...result, results: shown.page }),
    [shown, loaded, result],
  );
  // The pages loaded are kept in the local cache; until the first loads,
  // the saved ones are shown as all there is (no "load more" button that
  // could not load anything yet).
  const firstPage =
    result.status === "LoadingFirstPage" ? undefined : result.results;
  const page = useCachedResult(
    getFunctionName(query),
    args as Record<string, unknown> | "skip",
    firstPage === undefined ? undefined : live.results,
    firstPage,
    useWhenAllConfirmed(),
  );
  return useMemo(
    () =>
      live.status === "LoadingFirstPage" && page !== undefined
        ? { ...live, results: page, status: "Exhausted" as const }
        : live,
    [live, page],
  );
}
