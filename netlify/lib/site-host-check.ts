import { oauthErrorResponse } from "./responses";
import { allowedOriginOf, readSiteOrigins } from "./site-origin";

export type SiteHostCheck =
  { ok: true; siteOrigin: string } | { ok: false; response: Response };

/**
 * Every function's first look at a request: is it addressed to one of this
 * site's configured origins? Anything else gets a 421 (the request reached
 * a server that does not answer for that host), never a redirect or a
 * cookie, so a forged Host cannot steer where the browser goes next.
 */
export function checkSiteHost(
  request: Request,
  /** Where the function logs (fixed wording only, never the request's text). */
  logProblem: (what: string) => void,
): SiteHostCheck {
  const origins = readSiteOrigins();
  if (!origins.ok) {
    logProblem(`misconfigured: ${origins.problems.join(" ")}`);
    return {
      ok: false,
      response: oauthErrorResponse(
        500,
        "server_error",
        `The site's origins are not configured: ${origins.problems.join(" ")}`,
      ),
    };
  }
  const siteOrigin = allowedOriginOf(request, origins);
  if (siteOrigin) return { ok: true, siteOrigin };
  // The host itself stays out of the log: it is the caller's text.
  logProblem("refused a request for a host not configured");
  return {
    ok: false,
    response: oauthErrorResponse(
      421,
      "misdirected_request",
      "This site does not answer for that host.",
    ),
  };
}
