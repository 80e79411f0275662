type Env = Record<string, string | undefined>;

export interface SiteOrigins {
  /** Exact origins, e.g. https://daybook.example. */
  origins: string[];
  /**
   * With Netlify's SITE_NAME, this site's own deploy addresses are allowed
   * too: https://<deploy-preview-7 | branch | deploy id>--<name>.netlify.app.
   */
  netlifySiteName?: string;
}

export type SiteOriginsResult =
  ({ ok: true } & SiteOrigins) | { ok: false; problems: string[] };

// A Netlify site name, and a deploy's prefix (deploy-preview-7, a branch's
// slug, a deploy id): DNS labels without a double hyphen, which is the
// separator between the two.
const NETLIFY_LABEL = "[a-z0-9]+(?:-[a-z0-9]+)*";
const NETLIFY_LABEL_PATTERN = new RegExp(`^${NETLIFY_LABEL}$`);

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
 *
 * Netlify gives functions only `URL`, `SITE_NAME` and `SITE_ID` at run time
 * (DEPLOY_PRIME_URL exists during the build, and in netlify dev), so a deploy
 * preview's address is recognised by its shape instead:
 * `https://<prefix>--<SITE_NAME>.netlify.app`, a name only Netlify can route,
 * and only to this site.
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
  const siteName = env.SITE_NAME?.trim().toLowerCase() || undefined;
  if (siteName && !NETLIFY_LABEL_PATTERN.test(siteName)) {
    problems.push("SITE_NAME must be a Netlify site name.");
  }
  if (problems.length === 0 && origins.size === 0) {
    problems.push("URL is not set (nor SITE_ORIGINS).");
  }
  if (problems.length > 0)
    return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, origins: [...origins], netlifySiteName: siteName };
}

function isNetlifyDeployOf(siteName: string, url: URL) {
  const suffix = `--${siteName}.netlify.app`;
  if (url.protocol !== "https:" || url.port !== "") return false;
  if (!url.hostname.endsWith(suffix)) return false;
  return NETLIFY_LABEL_PATTERN.test(url.hostname.slice(0, -suffix.length));
}

/** The allowed origin this request was addressed to, or null for any other host. */
export function allowedOriginOf(
  request: Request,
  allowed: SiteOrigins,
): string | null {
  const url = new URL(request.url);
  if (allowed.origins.includes(url.origin)) return url.origin;
  if (
    allowed.netlifySiteName &&
    isNetlifyDeployOf(allowed.netlifySiteName, url)
  )
    return url.origin;
  return null;
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
