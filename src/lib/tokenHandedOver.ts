import { createContext } from "react";

/**
 * Whether Convex has been handed the signed-in user's access token fetch
 * (AuthKit knows the user and the session has not ended): provided by the
 * session (features/auth), read by the signed-in queries
 * (signedInQueries.ts); false where there is none. A module of its own, so
 * the session's first-load code does not pull in the queries'.
 */
export const TokenHandedToConvexContext = createContext(false);
