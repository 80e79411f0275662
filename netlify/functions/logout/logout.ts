import type { Config } from "@netlify/functions";
import type { WorkOS } from "@workos-inc/node";
import { logAuthProblem } from "../../lib/auth-log";
import { defineAuthRoute } from "../../lib/auth-route";
import { redirectResponse } from "../../lib/responses";
import { sessionIdOf, unsealSession } from "../../lib/sealed-session";
import { readSessionCookie, signedOutCookies } from "../../lib/session-cookies";
import { isOnSite } from "../../lib/site-origin";
import { describeWorkosFailure } from "../../lib/workos-failure";

// Signing out must not hang on a slow WorkOS: past this, the browser is
// signed out here anyway and the session ends when its refresh token does.
const REVOKE_TIMEOUT_MS = 5_000;

/**
 * Ends the session at WorkOS from the server, so a copy of the cookie taken
 * before logout cannot refresh even if the browser never follows the
 * redirect below. A failure is logged and signing out goes on.
 */
async function revokeSession(workos: WorkOS, sessionId: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), REVOKE_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([
      workos.userManagement.revokeSession({ sessionId }),
      timedOut,
    ]);
    if (outcome === "timed out") {
      logAuthProblem("logout", "revoking the session timed out");
    }
  } catch (error) {
    logAuthProblem(
      "logout",
      `could not revoke the session (${describeWorkosFailure(error).logReason})`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /user_management/sessions/logout: authkit-js's signOut navigates here.
 * The session is revoked at WorkOS and both cookies are cleared; then WorkOS
 * ends its own browser session and sends the browser back, to this site only.
 */
export default defineAuthRoute({
  name: "logout",
  method: "GET",
  async handle(request, { config, workos, siteUrl }) {
    const query = new URL(request.url).searchParams;
    const requestedReturnTo = query.get("return_to");
    const returnTo = isOnSite(siteUrl.origin, requestedReturnTo)
      ? (requestedReturnTo as string)
      : `${siteUrl.origin}/`;
    const session = await unsealSession(
      workos,
      config,
      readSessionCookie(request),
    );
    const cookieSessionId = sessionIdOf(session);
    // Only the cookie's own session is revoked: the query is anyone's to
    // write, and must not end someone else's session.
    if (cookieSessionId) await revokeSession(workos, cookieSessionId);
    // The cookie's own session wins over the query.
    const sessionId = cookieSessionId ?? query.get("session_id");
    const location = sessionId
      ? workos.userManagement.getLogoutUrl({ sessionId, returnTo })
      : returnTo;
    return redirectResponse(location, signedOutCookies(siteUrl));
  },
});

export const config: Config = { path: "/user_management/sessions/logout" };
