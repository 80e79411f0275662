import { parseCookie, stringifySetCookie, type SetCookie } from "cookie";

/** HttpOnly, sealed: holds the refresh token. */
export const SESSION_COOKIE = "workos-session";
/** Readable by authkit-js, which tries a silent refresh on start-up only when it is present. */
export const SESSION_MARKER_COOKIE = "workos-has-session";

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

/** The two Set-Cookie values for a signed-in browser; send each as its own header. */
export function signedInCookies(
  siteUrl: URL,
  sealedSession: string,
  clientId: string,
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
  ];
}

/** Set-Cookie values that delete both cookies (same names, paths and flags). */
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
  ];
}

export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}
