import { useSyncExternalStore } from "react";
import { paths } from "@/config/paths";
import { safeReturnPath } from "./returnTo";

/** Where authkit-js keeps, for this tab, the PKCE verifier of a sign-in under way. */
const CODE_VERIFIER_KEY = "workos:code-verifier";

export const SIGN_IN_FAILURES = {
  notStartedHere:
    "This sign-in link was already used, or sign-in was started in another tab or browser.",
  cancelled: "Sign-in was cancelled.",
  refusedByService: "The sign-in service could not sign you in.",
  unreachable:
    "Sign-in could not be reached. Check your connection, then try again.",
  unavailable: "The sign-in service is unavailable; try again shortly.",
  unknown: "Sign-in could not be completed.",
} as const;

/** A sign-in that came back to /callback and did not sign the person in. */
export type SignInFailure = {
  /** Why, in words for the person. */
  reason: string;
  /** Where the sign-in started, to go back to after signing in again. */
  returnTo: string;
};

let attempt: SignInFailure | null = null;
const listeners = new Set<() => void>();

function record(reason: string) {
  if (!attempt) return;
  attempt = { ...attempt, reason };
  for (const listener of listeners) listener();
}

function parseState(state: string | null): unknown {
  try {
    return state ? JSON.parse(state) : undefined;
  } catch {
    return undefined;
  }
}

function urlOf(input: RequestInfo | URL): URL | null {
  try {
    return new URL(input instanceof Request ? input.url : input);
  } catch {
    return null;
  }
}

/** authkit-js's code exchange: a POST of the authorization code. */
function isCodeExchange(input: RequestInfo | URL, init?: RequestInit) {
  const url = urlOf(input);
  if (!url?.pathname.endsWith("/user_management/authenticate")) return false;
  if ((init?.method ?? "GET").toUpperCase() !== "POST") return false;
  try {
    const body = JSON.parse(String(init?.body)) as { grant_type?: unknown };
    return body.grant_type === "authorization_code";
  } catch {
    return false;
  }
}

/** The sign-in function's own words (`error_description`), else by status. */
async function reasonFromAnswer(answer: Response): Promise<string> {
  const fallback =
    answer.status >= 500
      ? SIGN_IN_FAILURES.unavailable
      : SIGN_IN_FAILURES.unknown;
  try {
    const body = (await answer.json()) as { error_description?: unknown };
    const description = body.error_description;
    return typeof description === "string" &&
      description.trim() &&
      description.length <= 300
      ? description
      : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Watches the one code exchange AuthKit makes on /callback, for its answer:
 * authkit-js only logs a refusal to the console, and the person must see why.
 * Everything passes through unchanged; the page's fetch is put back after.
 */
function watchCodeExchange(page: Window) {
  const pageFetch = page.fetch;
  const send = pageFetch.bind(page);
  const watching: typeof fetch = async (input, init) => {
    if (!isCodeExchange(input, init)) return send(input, init);
    if (page.fetch === watching) page.fetch = pageFetch;
    try {
      const answer = await send(input, init);
      if (!answer.ok) record(await reasonFromAnswer(answer.clone()));
      return answer;
    } catch (error) {
      record(SIGN_IN_FAILURES.unreachable);
      throw error;
    }
  };
  page.fetch = watching;
}

/**
 * Reads what came back to /callback before AuthKit takes it from the
 * address, so a failed sign-in can say why. Call once, at start-up, before
 * AuthKit starts. A sign-in that succeeds is never shown as failed: the
 * failure is shown only while nobody is signed in.
 *
 * The `error_description` WorkOS may put in the address is never shown: an
 * address is anyone's to write.
 */
export function watchSignInCallback(page: Window = window) {
  if (attempt) return;
  const url = new URL(page.location.href);
  if (url.pathname !== paths.callback) return;
  const code = url.searchParams.get("code");
  const error = url.searchParams.get("error");
  if (!code && !error) return;
  attempt = {
    reason: SIGN_IN_FAILURES.unknown,
    returnTo: safeReturnPath(parseState(url.searchParams.get("state"))),
  };
  if (!code) {
    record(
      error === "access_denied"
        ? SIGN_IN_FAILURES.cancelled
        : SIGN_IN_FAILURES.refusedByService,
    );
  } else if (!page.sessionStorage.getItem(CODE_VERIFIER_KEY)) {
    // AuthKit will not even try: nothing in this tab asked for this code.
    record(SIGN_IN_FAILURES.notStartedHere);
  } else {
    watchCodeExchange(page);
  }
}

/** A new page (tests): nothing came back to /callback yet. */
export function forgetSignInCallback() {
  attempt = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The sign-in that came back to this page and why it failed, if it did. */
export function useSignInFailure(): SignInFailure | null {
  return useSyncExternalStore(subscribe, () => attempt);
}
