import type { Config } from "@netlify/functions";
import { defineAuthRoute } from "../../lib/auth-route";
import { redirectResponse } from "../../lib/responses";
import { sessionIdOf, unsealSession } from "../../lib/sealed-session";
import { readSessionCookie, signedOutCookies } from "../../lib/session-cookies";
import { isOnThisSite, siteOrigin } from "../../lib/site-origin";

/**
 * GET /user_management/sessions/logout: authkit-js's signOut navigates here.
 * Both cookies are cleared first; then WorkOS ends its session and sends the
 * browser back, to this site only.
 */
export default defineAuthRoute({
  name: "logout",
  method: "GET",
  async handle(request, { config, workos, siteUrl }) {
    const query = new URL(request.url).searchParams;
    const requestedReturnTo = query.get("return_to");
    const returnTo = isOnThisSite(request, requestedReturnTo)
      ? (requestedReturnTo as string)
      : `${siteOrigin(request)}/`;
    const session = await unsealSession(
      workos,
      config,
      readSessionCookie(request),
    );
    // The cookie's own session wins over the query, which anyone can write.
    const sessionId = sessionIdOf(session) ?? query.get("session_id");
    const location = sessionId
      ? workos.userManagement.getLogoutUrl({ sessionId, returnTo })
      : returnTo;
    return redirectResponse(location, signedOutCookies(siteUrl));
  },
});

export const config: Config = { path: "/user_management/sessions/logout" };
