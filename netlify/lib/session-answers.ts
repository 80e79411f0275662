import type { SessionCookieData } from "@workos-inc/node";
import { logAuthProblem } from "./auth-log";
import type { AuthRouteContext } from "./auth-route";
import { toBrowserAuthenticationResponse } from "./browser-authentication-response";
import { jsonResponse, oauthErrorResponse } from "./responses";
import {
  BROWSER_COOKIE_LIMIT_BYTES,
  cookiesUnlessCacheKeySet,
  signedInCookies,
  signedOutCookies,
} from "./session-cookies";
import { describeWorkosFailure } from "./workos-failure";

/**
 * 200 with the session in the shape authkit-js expects. With
 * `newSealedSession` the cookies are set to it; without, the browser keeps
 * the ones it has (`request`'s), all set again if it lacks the cache key.
 */
export function sessionAnswer(
  { config, siteUrl }: AuthRouteContext,
  session: SessionCookieData,
  update: { newSealedSession: string } | { request: Request },
) {
  const cookies =
    "newSealedSession" in update
      ? signedInCookies(
          siteUrl,
          update.newSealedSession,
          config.clientId,
          session.user.id,
        )
      : cookiesUnlessCacheKeySet(
          update.request,
          siteUrl,
          config.clientId,
          session.user.id,
        );
  if (cookies.some((cookie) => cookie.length > BROWSER_COOKIE_LIMIT_BYTES)) {
    // Browsers drop such a cookie silently; say so instead of failing mysteriously.
    logAuthProblem(
      "authenticate",
      "session cookie exceeds the 4096-byte browser limit",
    );
  }
  return jsonResponse(200, toBrowserAuthenticationResponse(session), cookies);
}

/** 400 invalid_grant with both cookies cleared: authkit-js signs out cleanly. */
export function sessionEndedAnswer(siteUrl: URL, description: string) {
  return oauthErrorResponse(
    400,
    "invalid_grant",
    description,
    signedOutCookies(siteUrl),
  );
}

/** A failed WorkOS call, mapped onto what authkit-js acts on. */
export function workosFailureAnswer(
  grant: string,
  siteUrl: URL,
  error: unknown,
) {
  const failure = describeWorkosFailure(error);
  logAuthProblem("authenticate", `${grant} failed: ${failure.logReason}`);
  return oauthErrorResponse(
    failure.status,
    failure.error,
    failure.description,
    failure.endsSession ? signedOutCookies(siteUrl) : [],
    failure.retryAfterSeconds
      ? { "Retry-After": String(failure.retryAfterSeconds) }
      : {},
  );
}

/** 503, cookies kept: authkit-js retries. */
export function stillWaitingAnswer() {
  return oauthErrorResponse(
    503,
    "temporarily_unavailable",
    "The sign-in service is slow to answer; try again shortly.",
    [],
    { "Retry-After": "1" },
  );
}
