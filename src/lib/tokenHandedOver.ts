import { useConvexAuth } from "convex/react";
import { createContext, useContext } from "react";

/**
 * Whether Convex has been handed the signed-in user's access token fetch
 * (AuthKit knows the user and the session has not ended): provided by the
 * session (features/auth), read by the signed-in queries
 * (signedInQueries.ts); false where there is none. A module of its own, so
 * the session's first-load code does not pull in the queries'.
 */
export const TokenHandedToConvexContext = createContext(false);

/**
 * Whether signed-in queries may be subscribed now: once Convex has accepted
 * the access token, and already while it is checking it. From the render in
 * which the token fetch is handed over, Convex holds its socket until the
 * token is sent, so a query subscribed then goes after the token on the same
 * socket and runs as the user; waiting for Convex's confirmation would cost
 * a round trip before any query leaves. Never before the token fetch is
 * handed over (an anonymous query fails with UNAUTHENTICATED), and not once
 * Convex has refused it.
 */
export function useMayQuery(): boolean {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const tokenHandedOver = useContext(TokenHandedToConvexContext);
  return isAuthenticated || (isLoading && tokenHandedOver);
}
