import { createHash } from "node:crypto";
import { parseCookie, stringifySetCookie, type SetCookie } from "cookie";

/** HttpOnly, sealed: holds the refresh token. */
export const SESSION_COOKIE = "workos-session";
/** Readable by authkit-js, which tries a silent refresh on start-up only when it is present. */
export const SESSION_MARKER_COOKIE = "workos-has-session";
/**
 * Readable by the app: whose local cache this browser may show before the
 * network answers (src/lib/localCache). An opaque key, not the user id.
 */
export const CACHE_KEY_COOKIE = "daybook-cache-key";

// Only the sign-in functions ever need the session cookie.
const SESSION_COOKIE_PATH = "/user_management";
// As long as browsers allow (400 days); the WorkOS session decides the real
// end, and a refresh after it fails with invalid_grant and clears both.
const SESSION_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** RFC 6265's minimum that every browser honours, name and attributes included. */
export const BROWSER_COOKIE_LIMIT_BYTES = 4096;

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Secure everywhere except plain-http local development and tests. */
function isSecureSite(siteUrl: URL) {
  return !(
    siteUrl.protocol === "http:" && LOCAL_HOSTNAMES.has(siteUrl.hostname)
  );
}

function sessionCookieAttributes(siteUrl: URL, maxAge: number) {
  return {
    secure: isSecureSite(siteUrl),
    sameSite: "strict",
    maxAge,
  } satisfies Partial<SetCookie>;
}

/**
 * The local cache key of a user: base64url SHA-256 of the WorkOS user id
 * with a prefix of its own, so the cookie does not carry the id itself.
 * The app computes the same (src/lib/localCache/cacheKey.ts) to check the
 * signed-in user against it.
 */
export function cacheKeyOf(userId: string): string {
  return createHash("sha256")
    .update(`daybook-cache:${userId}`)
    .digest("base64url");
}

function cacheKeyCookie(siteUrl: URL, userId: string) {
  return stringifySetCookie({
    name: CACHE_KEY_COOKIE,
    value: cacheKeyOf(userId),
    path: "/",
    ...sessionCookieAttributes(siteUrl, SESSION_MAX_AGE_SECONDS),
  });
}

/** The Set-Cookie values for a signed-in browser; send each as its own header. */
export function signedInCookies(
  siteUrl: URL,
  sealedSession: string,
  clientId: string,
  userId: string,
): string[] {
  const attributes = sessionCookieAttributes(siteUrl, SESSION_MAX_AGE_SECONDS);
  return [
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: sealedSession,
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      ...attributes,
    }),
    // authkit-js matches the client id in this value; it is not a secret.
    stringifySetCookie({
      name: SESSION_MARKER_COOKIE,
      value: clientId,
      path: "/",
      ...attributes,
    }),
    cacheKeyCookie(siteUrl, userId),
  ];
}

/**
 * When the browser's cache key cookie is not `userId`'s (a session from
 * before the cookie existed): the cache key cookie, with the session
 * (`request`'s, unchanged) and marker cookies set again beside it, so all
 * three end together and the key never outlives the session. Empty when
 * the key is already set (or there is no session cookie to keep it with).
 */
export function cookiesUnlessCacheKeySet(
  request: Request,
  siteUrl: URL,
  clientId: string,
  userId: string,
): string[] {
  const header = request.headers.get("cookie");
  const current = header ? parseCookie(header)[CACHE_KEY_COOKIE] : undefined;
  const sealedSession = readSessionCookie(request);
  return current === cacheKeyOf(userId) || !sealedSession
    ? []
    : signedInCookies(siteUrl, sealedSession, clientId, userId);
}

/** Set-Cookie values that delete every sign-in cookie (same names, paths and flags). */
export function signedOutCookies(siteUrl: URL): string[] {
  const attributes = sessionCookieAttributes(siteUrl, 0);
  const expires = new Date(0);
  return [
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: "",
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      expires,
      ...attributes,
    }),
    stringifySetCookie({
      name: SESSION_MARKER_COOKIE,
      value: "",
      path: "/",
      expires,
      ...attributes,
    }),
    stringifySetCookie({
      name: CACHE_KEY_COOKIE,
      value: "",
      path: "/",
      expires,
      ...attributes,
    }),
  ];
}

export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}
