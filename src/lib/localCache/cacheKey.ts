/**
 * Set by the site's sign-in functions next to the session cookie and
 * cleared with it (netlify/lib/session-cookies.ts): whose local cache this
 * browser may show, known before the network answers.
 */
export const CACHE_KEY_COOKIE = "daybook-cache-key";

/** The cache key cookie's value, or undefined when there is none. */
export function readCacheKeyCookie(
  cookie: string = document.cookie,
): string | undefined {
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CACHE_KEY_COOKIE) return value.join("=") || undefined;
  }
  return undefined;
}

let keyThisTask: { value: string | undefined } | null = null;

/**
 * The cache key cookie's value, read once per run of script (until its
 * microtasks): every query hook asks
 * whose cache this is on every render and every cache change, and reading
 * `document.cookie` is slow enough (a copy of the whole cookie jar, then
 * parsed) to be a fifth of a render on a phone. A cookie changed by another
 * tab is seen from the next task, as it would be from the next render.
 */
export function currentCacheKey(): string | undefined {
  if (keyThisTask === null) {
    keyThisTask = { value: readCacheKeyCookie() };
    queueMicrotask(() => (keyThisTask = null));
  }
  return keyThisTask.value;
}

function base64url(bytes: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The key the sign-in functions give `userId` (the same hash, computed here). */
export async function cacheKeyOf(userId: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`daybook-cache:${userId}`),
  );
  return base64url(digest);
}
