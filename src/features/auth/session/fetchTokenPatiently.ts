import { LoginRequiredError } from "@workos-inc/authkit-react";
import { decodeJwt } from "jose";
import type { SessionMonitor } from "./sessionMonitor";

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;

/** Exponential backoff with ±20% jitter, so tabs do not retry in step. */
export function retryDelayMs(attempt: number, random = Math.random) {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

type GetAccessToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

/**
 * The site's sign-in function hands back the session's current token, not
 * a new one, while it has more than a minute left (a page load must not
 * rotate the refresh token). AuthKit dates a token's expiry from when it
 * received it, so it can think such a token fresh after it has run out;
 * the token's own `iat` and `exp` say how much of it is really left.
 *
 * A token is refreshed by force once less than a minute is left, or less
 * than 80% of its life for tokens that live under 75 s (a token fresh from
 * a rotation must not count as stale, or each refresh would rotate twice).
 * Convex asks again 10 s before expiry, always past that point.
 */
const ROTATES_WITH_SECONDS_LEFT = 60;
const STALE_SHARE_OF_LIFE = 0.8;

function isStale(token: string) {
  try {
    const { iat, exp } = decodeJwt(token);
    if (iat === undefined || exp === undefined) return false;
    const left = exp - Date.now() / 1000;
    return (
      left <=
      Math.min(ROTATES_WITH_SECONDS_LEFT, STALE_SHARE_OF_LIFE * (exp - iat))
    );
  } catch {
    return false;
  }
}

async function currentToken(getAccessToken: GetAccessToken) {
  const token = await getAccessToken();
  if (!isStale(token)) return token;
  return await getAccessToken({ forceRefresh: true });
}

/**
 * An access token, however long sign-in takes to answer.
 *
 * AuthKit throws `LoginRequiredError` only when the refresh was refused
 * (the session is over); anything else (WorkOS down or slow, a 5xx from the
 * site's function, no network, another tab holding the refresh lock) is
 * transient. Convex is handed this promise and waits on it with its
 * mutations queued, instead of being told "no token", which would make it
 * stop asking until a reload.
 */
export async function fetchTokenPatiently(
  getAccessToken: GetAccessToken,
  monitor: SessionMonitor,
  signal?: AbortSignal,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    if (monitor.getStatus() === "ended") throw new LoginRequiredError();
    try {
      const token = await currentToken(getAccessToken);
      monitor.reportReachable();
      return token;
    } catch (error) {
      if (error instanceof LoginRequiredError) {
        monitor.reportEnded();
        throw error;
      }
      monitor.reportUnreachable();
      await monitor.waitBeforeRetry(retryDelayMs(attempt));
    }
  }
}
