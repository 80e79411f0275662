import {
  useConvexAuth,
  usePaginatedQuery,
  useQueries,
  useQuery,
  type PaginatedQueryArgs,
  type PaginatedQueryReference,
} from "convex/react";
import { useMemo } from "react";
import {
  getFunctionName,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";

/**
 * Queries that need a signed-in user. Until Convex has accepted the access
 * token (and again whenever it is refreshing it) they are skipped rather
 * than sent anonymously, which would fail with UNAUTHENTICATED.
 */
export function useSignedInQuery<Query extends FunctionReference<"query">>(
  query: Query,
  args: FunctionArgs<Query> | "skip",
): FunctionReturnType<Query> | undefined {
  const { isAuthenticated } = useConvexAuth();
  return useQuery(
    query as FunctionReference<"query">,
    isAuthenticated ? args : "skip",
  ) as FunctionReturnType<Query> | undefined;
}

/** `usePaginatedQuery`, skipped until the user is signed in to Convex. */
export function useSignedInPaginatedQuery<
  Query extends PaginatedQueryReference,
>(
  query: Query,
  args: PaginatedQueryArgs<Query> | "skip",
  options: { initialNumItems: number },
) {
  const { isAuthenticated } = useConvexAuth();
  return usePaginatedQuery(query, isAuthenticated ? args : "skip", options);
}

/**
 * Like `useSignedInQuery`, but a failed query comes back as an `Error` value
 * instead of being thrown to the nearest error boundary, for views that show
 * the failure in place (search).
 */
export function useSignedInQueryOrError<
  Query extends FunctionReference<"query">,
>(
  query: Query,
  args: FunctionArgs<Query> | "skip",
): FunctionReturnType<Query> | Error | undefined {
  const { isAuthenticated } = useConvexAuth();
  const name = getFunctionName(query);
  const key = isAuthenticated && args !== "skip" ? JSON.stringify(args) : null;
  const request = useMemo(
    (): Parameters<typeof useQueries>[0] =>
      key === null
        ? {}
        : {
            result: {
              query,
              args: JSON.parse(key) as FunctionArgs<Query>,
            },
          },
    // The request changes only when the function or its arguments do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [name, key],
  );
  return (useQueries(request) as { result?: FunctionReturnType<Query> | Error })
    .result;
}
