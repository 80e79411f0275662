/**
 * The SPA's configuration, read and checked once. A missing value is
 * reported (the app shows a setup page) instead of failing deep inside a
 * provider.
 */
export type AuthKitOptions = {
  clientId: string;
  redirectUri: string;
  devMode: boolean;
  apiHostname?: string;
  port?: number;
  https?: boolean;
};

export type AppConfig = { convexUrl: string; authKit: AuthKitOptions };

export type ConfigResult =
  { ok: true; config: AppConfig } | { ok: false; missing: string[] };

type Env = Record<string, string | boolean | undefined>;
type PageLocation = Pick<Location, "origin" | "hostname" | "port" | "protocol">;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/**
 * Where AuthKit sends its API calls:
 * - production build: this page's own origin, where Netlify functions keep
 *   the refresh token in an HttpOnly cookie, never devMode (devMode keeps
 *   the refresh token in localStorage). `VITE_WORKOS_API_HOSTNAME` is
 *   ignored here; the build itself refuses it (vite.config.ts);
 * - development server with `VITE_WORKOS_API_HOSTNAME`: that host (the local
 *   WorkOS emulator), in devMode because the emulator is not this origin;
 * - development server: api.workos.com in devMode.
 */
function authKitHost(
  env: Env,
  page: PageLocation,
): Pick<AuthKitOptions, "apiHostname" | "port" | "https" | "devMode"> {
  if (env.PROD === true) {
    return {
      apiHostname: page.hostname,
      port: page.port ? Number(page.port) : undefined,
      https: page.protocol === "https:",
      devMode: false,
    };
  }
  const hostname = text(env, "VITE_WORKOS_API_HOSTNAME");
  if (hostname) {
    const port = text(env, "VITE_WORKOS_API_PORT");
    return {
      apiHostname: hostname,
      port: port ? Number(port) : undefined,
      https: text(env, "VITE_WORKOS_API_HTTPS") !== "false",
      devMode: true,
    };
  }
  return { devMode: true };
}

export function readAppConfig(
  env: Env = import.meta.env,
  page: PageLocation = window.location,
): ConfigResult {
  const convexUrl = text(env, "VITE_CONVEX_URL");
  const clientId = text(env, "VITE_WORKOS_CLIENT_ID");
  const missing = [
    ...(convexUrl ? [] : ["VITE_CONVEX_URL"]),
    ...(clientId ? [] : ["VITE_WORKOS_CLIENT_ID"]),
  ];
  if (!convexUrl || !clientId) return { ok: false, missing };
  return {
    ok: true,
    config: {
      convexUrl,
      authKit: {
        clientId,
        redirectUri:
          text(env, "VITE_WORKOS_REDIRECT_URI") ?? `${page.origin}/callback`,
        ...authKitHost(env, page),
      },
    },
  };
}
