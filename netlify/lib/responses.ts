// Netlify's [[headers]] rules cover static files only, so every function
// response carries its own. None of these responses may be cached: they set
// or clear the session.
/** The same features netlify.toml denies to the pages: none of them is used. */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

export const FUNCTION_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": PERMISSIONS_POLICY,
  "Cross-Origin-Opener-Policy": "same-origin",
};

function baseHeaders(setCookies: readonly string[]) {
  const headers = new Headers(FUNCTION_RESPONSE_HEADERS);
  // One header per cookie: a comma-joined list loses all but one.
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return headers;
}

export function jsonResponse(
  status: number,
  body: unknown,
  setCookies: readonly string[] = [],
  extraHeaders: Record<string, string> = {},
) {
  const headers = baseHeaders(setCookies);
  headers.set("Content-Type", "application/json");
  for (const [name, value] of Object.entries(extraHeaders))
    headers.set(name, value);
  return new Response(JSON.stringify(body), { status, headers });
}

/** The `{error, error_description}` shape WorkOS and authkit-js use. */
export function oauthErrorResponse(
  status: number,
  error: string,
  description: string,
  setCookies: readonly string[] = [],
  extraHeaders: Record<string, string> = {},
) {
  return jsonResponse(
    status,
    { error, error_description: description },
    setCookies,
    extraHeaders,
  );
}

export function redirectResponse(
  location: string,
  setCookies: readonly string[] = [],
) {
  const headers = baseHeaders(setCookies);
  headers.set("Location", location);
  return new Response(null, { status: 302, headers });
}

/** A body-less answer (e.g. 204 to a report). */
export function emptyResponse(
  status: number,
  extraHeaders: Record<string, string> = {},
) {
  const headers = baseHeaders([]);
  for (const [name, value] of Object.entries(extraHeaders))
    headers.set(name, value);
  return new Response(null, { status, headers });
}
