import { PKCE, WorkOS } from "@workos-inc/node";
import { parseSetCookie, type SetCookie } from "cookie";
import { vi } from "vitest";
import {
  startWorkosEmulator,
  type WorkosEmulator,
} from "../../devtools/workos-emulator/emulator";
import authorize from "../functions/authorize/authorize";

/** The site the functions pretend to run on in tests. */
export const SITE = "https://daybook.test";
export const COOKIE_PASSWORD = "test-cookie-password-0123456789-abcdef";

/**
 * Access tokens shorter-lived than the functions' no-rotation threshold
 * (a minute): every refresh of such a session rotates it.
 */
export const ROTATING_TOKEN_TTL_SECONDS = 30;

export async function startTestEmulator(
  options: { accessTokenTtlSeconds?: number } = {},
) {
  return startWorkosEmulator({ autoSignIn: "ada@example.com", ...options });
}

/** The Netlify environment, pointed at the emulator, for a site on SITE. */
export function stubSignInEnv(emulator: WorkosEmulator) {
  vi.stubEnv("URL", SITE);
  vi.stubEnv("DEPLOY_PRIME_URL", undefined);
  vi.stubEnv("SITE_ORIGINS", undefined);
  vi.stubEnv("SITE_NAME", undefined);
  vi.stubEnv("WORKOS_CLIENT_ID", emulator.clientId);
  vi.stubEnv("WORKOS_API_KEY", emulator.apiKey);
  vi.stubEnv("WORKOS_COOKIE_PASSWORD", COOKIE_PASSWORD);
  vi.stubEnv("WORKOS_API_HOSTNAME", emulator.hostname);
  vi.stubEnv("WORKOS_API_PORT", String(emulator.port));
  vi.stubEnv("WORKOS_API_HTTPS", "false");
}

/**
 * The sign-in URL exactly as authkit-js builds it in production mode, where
 * its API host is the site itself.
 */
export async function authorizeUrlOnSite(
  emulator: WorkosEmulator,
  site = SITE,
) {
  const pkce = await new PKCE().generate();
  const siteUrl = new URL(site);
  const browserClient = new WorkOS({
    clientId: emulator.clientId,
    apiHostname: siteUrl.hostname,
    port: siteUrl.port ? Number(siteUrl.port) : undefined,
    https: siteUrl.protocol === "https:",
  });
  const url = browserClient.userManagement.getAuthorizationUrl({
    provider: "authkit",
    clientId: emulator.clientId,
    redirectUri: `${site}/callback`,
    codeChallenge: pkce.codeChallenge,
    codeChallengeMethod: "S256",
    state: JSON.stringify({ returnTo: "/days/2024-05-01" }),
  });
  return { url, codeVerifier: pkce.codeVerifier };
}

/** Authorize function -> emulator (auto sign-in) -> back to /callback?code=… */
export async function obtainCode(emulator: WorkosEmulator, site = SITE) {
  const { url, codeVerifier } = await authorizeUrlOnSite(emulator, site);
  const toWorkos = await authorize(new Request(url));
  const location = toWorkos.headers.get("location");
  if (toWorkos.status !== 302 || !location) {
    throw new Error(`authorize answered ${toWorkos.status}`);
  }
  const toCallback = await fetch(location, { redirect: "manual" });
  const callback = new URL(toCallback.headers.get("location") ?? "");
  const code = callback.searchParams.get("code");
  if (!code) throw new Error("the emulator returned no code");
  return { code, codeVerifier };
}

export function authenticateRequest(
  body: Record<string, unknown>,
  options: { cookie?: string; origin?: string | null; site?: string } = {},
) {
  const site = options.site ?? SITE;
  const headers = new Headers({ "Content-Type": "application/json" });
  const origin = options.origin === undefined ? site : options.origin;
  if (origin !== null) headers.set("Origin", origin);
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`${site}/user_management/authenticate`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
}

export function setCookiesOf(response: Response): SetCookie[] {
  return response.headers
    .getSetCookie()
    .map((header) => parseSetCookie(header));
}

/** What the browser would send back to /user_management/* after `response`. */
export function cookieHeaderAfter(response: Response) {
  return setCookiesOf(response)
    .filter((cookie) => cookie.value)
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");
}

/** Every sign-in cookie (session, marker, cache key) is deleted: empty values that expire at once. */
export function clearsSignInCookies(response: Response) {
  const cookies = setCookiesOf(response);
  return (
    cookies.length === 3 &&
    cookies.every((cookie) => cookie.value === "" && cookie.maxAge === 0)
  );
}
