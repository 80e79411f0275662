import { useAction, useConvexAuth } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useEffect, useState } from "react";
import { api } from "@convex/_generated/api";

export type SearchResults = FunctionReturnType<typeof api.search.search>;

/**
 * What the search for `query` has come to: `undefined` while it runs (or
 * before Convex has accepted the sign-in), the results, or the Error it
 * failed with (shown in place, never thrown to the page). Search is an
 * action (each search spends from a rate-limit bucket), so it runs once
 * per query; an answer for a query that is no longer current is ignored.
 */
export function useSearch(query: string): SearchResults | Error | undefined {
  const search = useAction(api.search.search);
  const { isAuthenticated } = useConvexAuth();
  const [answer, setAnswer] = useState<{
    query: string;
    result: SearchResults | Error;
  } | null>(null);

  useEffect(() => {
    if (query === "" || !isAuthenticated) return;
    let current = true;
    search({ text: query }).then(
      (result) => {
        if (current) setAnswer({ query, result });
      },
      (error: unknown) => {
        if (current)
          setAnswer({
            query,
            result: error instanceof Error ? error : new Error(String(error)),
          });
      },
    );
    return () => {
      current = false;
    };
  }, [query, isAuthenticated, search]);

  if (query === "") return undefined;
  return answer?.query === query ? answer.result : undefined;
}
