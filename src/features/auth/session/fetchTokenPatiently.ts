import { getClaims, LoginRequiredError } from "@workos-inc/authkit-react";
import { sessionIsOver, type SessionMonitor } from "./sessionMonitor";

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
 * A token is due for a refresh in its last quarter of life, at most its
 * last minute (the 5-minute WorkOS tokens: 60 s). Not sooner: a token fresh
 * from a rotation must never count as due, or each refresh would rotate
 * twice.
 */
const LONGEST_REFRESH_MARGIN_SECONDS = 60;

/** When `token` is due for a refresh (ms since the epoch), if it says. */
export function refreshDueAt(token: string): number | undefined {
  try {
    const { iat, exp } = getClaims(token);
    if (iat === undefined || exp === undefined) return undefined;
    const margin = Math.min(LONGEST_REFRESH_MARGIN_SECONDS, (exp - iat) / 4);
    return (exp - margin) * 1000;
  } catch {
    return undefined;
  }
}

async function currentToken(getAccessToken: GetAccessToken) {
  const token = await getAccessToken();
  const dueAt = refreshDueAt(token);
  if (dueAt === undefined || Date.now() < dueAt) return token;
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
    if (sessionIsOver(monitor.getStatus())) throw new LoginRequiredError();
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
