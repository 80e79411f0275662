/** The origin this function was reached on, e.g. https://daybook.example. */
export function siteOrigin(request: Request) {
  return new URL(request.url).origin;
}

/** True when `value` is an absolute URL on this site. */
export function isOnThisSite(request: Request, value: string | null) {
  if (!value) return false;
  try {
    return new URL(value).origin === siteOrigin(request);
  } catch {
    return false;
  }
}

/**
 * Browsers send Origin on every POST, including same-origin fetches; a
 * missing or different one means another site (or no browser) is calling.
 */
export function isSameOriginPost(request: Request) {
  return request.headers.get("origin") === siteOrigin(request);
}
