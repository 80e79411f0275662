import type { Config } from "@netlify/functions";
import { defineAuthRoute } from "../../lib/auth-route";
import { oauthErrorResponse, redirectResponse } from "../../lib/responses";
import { isOnSite } from "../../lib/site-origin";

/**
 * GET /user_management/authorize: authkit-js navigates here to sign in. After
 * checking the request is for this app, the browser goes on to the same URL
 * on the WorkOS API host, PKCE challenge and state untouched.
 */
export default defineAuthRoute({
  name: "authorize",
  method: "GET",
  async handle(request, { config, workos, siteUrl }) {
    const query = new URL(request.url).searchParams;
    if (query.get("client_id") !== config.clientId) {
      return oauthErrorResponse(400, "invalid_client", "Unknown client_id.");
    }
    if (!isOnSite(siteUrl.origin, query.get("redirect_uri"))) {
      return oauthErrorResponse(
        400,
        "invalid_request",
        "redirect_uri must be on this site.",
      );
    }
    // The code exchange below always sends a verifier, so insist on PKCE here.
    if (
      !query.get("code_challenge") ||
      query.get("code_challenge_method") !== "S256"
    ) {
      return oauthErrorResponse(
        400,
        "invalid_request",
        "A PKCE S256 code_challenge is required.",
      );
    }
    const target = new URL("/user_management/authorize", workos.baseURL);
    target.search = query.toString();
    return redirectResponse(target.toString());
  },
});

export const config: Config = { path: "/user_management/authorize" };
