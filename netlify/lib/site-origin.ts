type Env = Record<string, string | undefined>;

export type SiteOriginsResult =
  { ok: true; origins: string[] } | { ok: false; problems: string[] };

/** `https://daybook.example` for any absolute http(s) URL on it, else null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The origins this site answers on, from configuration and never from the
 * request: Netlify's `URL` (the main address) and `DEPLOY_PRIME_URL` (the
 * branch or deploy preview address), plus `SITE_ORIGINS`, a comma-separated
 * list for custom domains Netlify does not name (and local stacks). A
 * request's Host header is the caller's to write, so it only ever selects
 * one of these.
 */
export function readSiteOrigins(env: Env = process.env): SiteOriginsResult {
  const problems: string[] = [];
  const origins = new Set<string>();
  for (const variable of ["URL", "DEPLOY_PRIME_URL"] as const) {
    const value = env[variable]?.trim();
    if (!value) continue;
    const origin = originOf(value);
    if (origin) origins.add(origin);
    else problems.push(`${variable} must be an http(s) URL.`);
  }
  for (const entry of (env.SITE_ORIGINS ?? "").split(",")) {
    const value = entry.trim();
    if (!value) continue;
    const origin = originOf(value);
    if (origin) origins.add(origin);
    else
      problems.push(
        "SITE_ORIGINS must be a comma-separated list of http(s) origins.",
      );
  }
  if (problems.length === 0 && origins.size === 0) {
    problems.push("URL is not set (nor SITE_ORIGINS).");
  }
  if (problems.length > 0)
    return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, origins: [...origins] };
}

/** The allowed origin this request was addressed to, or null for any other host. */
export function allowedOriginOf(
  request: Request,
  allowedOrigins: readonly string[],
): string | null {
  const origin = new URL(request.url).origin;
  return allowedOrigins.includes(origin) ? origin : null;
}

/** True when `value` is an absolute URL on `siteOrigin`. */
export function isOnSite(siteOrigin: string, value: string | null) {
  if (!value) return false;
  return originOf(value) === siteOrigin;
}

/**
 * Browsers send Origin on every POST, including same-origin fetches; a
 * missing or different one means another site (or no browser) is calling.
 */
export function isSameOriginPost(request: Request, siteOrigin: string) {
  return request.headers.get("origin") === siteOrigin;
}
