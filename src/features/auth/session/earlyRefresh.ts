/** authkit-js's refresh body with the session in a cookie (no token in it). */
type RefreshBody = {
  client_id: string;
  grant_type: "refresh_token";
  organization_id?: string;
};

/**
 * The start-up refresh index.html sent before any script loaded
 * (vite/earlySignInRefresh.ts): what it asked, its answer, and when
 * (Date.now()).
 */
type EarlyRefresh = {
  body: RefreshBody;
  answer: Promise<Response>;
  sentAt: number;
};

/**
 * How old an early answer may be when authkit-js asks: its start-up
 * refresh comes within a second or two. One that comes later (it waited
 * out another tab's refresh lock, say) asks for itself, so that authkit-js,
 * which dates a token from when it gets it, never takes an old one.
 */
const FRESH_FOR_MS = 10_000;

declare global {
  interface Window {
    __daybookEarlyRefresh?: EarlyRefresh;
  }
}

/** Whether index.html has sent the start-up refresh already. */
export function earlyRefreshSent(page: Window = window): boolean {
  return page.__daybookEarlyRefresh !== undefined;
}

/** authkit-js's POST to the sign-in function, as JSON, if this is one. */
function refreshBodyOf(
  page: Window,
  input: RequestInfo | URL,
  init?: RequestInit,
): Record<string, unknown> | null {
  if (input instanceof Request) return null;
  const url = new URL(String(input), page.location.href);
  if (
    url.origin !== page.location.origin ||
    url.pathname !== "/user_management/authenticate" ||
    (init?.method ?? "GET").toUpperCase() !== "POST" ||
    typeof init?.body !== "string"
  ) {
    return null;
  }
  try {
    const body: unknown = JSON.parse(init.body);
    return body !== null && typeof body === "object"
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const handedOver = new WeakSet<EarlyRefresh>();

/**
 * Hands index.html's start-up refresh to authkit-js: its first refresh that
 * asks the same (client, organization, cookie session) gets that answer
 * instead of a second round trip, if it asks within FRESH_FOR_MS of it.
 * Only a successful answer: after a failure (offline, the function down, a
 * session refused) authkit-js sends its own request and meets the outcome
 * as it always has. Any other call, and every
 * call after the first refresh, passes through; the page's fetch is put
 * back after that first refresh. Call once, before AuthKit starts.
 */
export function handEarlyRefreshToAuthKit(page: Window = window) {
  const early = page.__daybookEarlyRefresh;
  // Once (StrictMode renders twice): an answer can be read only once.
  if (!early || handedOver.has(early)) return;
  handedOver.add(early);
  const pageFetch = page.fetch;
  const send = pageFetch.bind(page);
  const handing: typeof fetch = async (input, init) => {
    const body = refreshBodyOf(page, input, init);
    if (body?.grant_type !== "refresh_token") return send(input, init);
    if (page.fetch === handing) page.fetch = pageFetch;
    const same =
      body.client_id === early.body.client_id &&
      body.organization_id === early.body.organization_id &&
      !("refresh_token" in body);
    if (same && Date.now() - early.sentAt <= FRESH_FOR_MS) {
      const answer = await early.answer.catch(() => null);
      if (answer?.ok) return answer;
    }
    return send(input, init);
  };
  page.fetch = handing;
}
