/** Server-side settings of the sign-in functions, from the Netlify environment. */
export interface AuthConfig {
  clientId: string;
  apiKey: string;
  cookiePassword: string;
  /** Only set to point the functions at a local WorkOS emulator. */
  apiHostname?: string;
  apiPort?: number;
  apiHttps: boolean;
}

export type AuthConfigResult =
  { ok: true; config: AuthConfig } | { ok: false; problems: string[] };

// The sealed-cookie library refuses shorter passwords.
export const MIN_COOKIE_PASSWORD_LENGTH = 32;

type Env = Record<string, string | undefined>;

function readPort(value: string | undefined, problems: string[]) {
  if (!value) return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port > 0 && port < 65536) return port;
  problems.push("WORKOS_API_PORT must be a port number.");
  return undefined;
}

function readHttps(value: string | undefined, problems: string[]) {
  if (value === undefined || value === "" || value === "true") return true;
  if (value === "false") return false;
  problems.push("WORKOS_API_HTTPS must be true or false.");
  return true;
}

/**
 * Reads the configuration on every request, so a fix in the Netlify UI
 * applies without a redeploy and a missing value never breaks at import
 * time. Each problem names the variable to set.
 */
export function readAuthConfig(env: Env = process.env): AuthConfigResult {
  const problems: string[] = [];
  const clientId = env.WORKOS_CLIENT_ID?.trim() ?? "";
  const apiKey = env.WORKOS_API_KEY?.trim() ?? "";
  const cookiePassword = env.WORKOS_COOKIE_PASSWORD ?? "";
  if (!clientId) problems.push("WORKOS_CLIENT_ID is not set.");
  if (!apiKey) problems.push("WORKOS_API_KEY is not set.");
  if (cookiePassword.length < MIN_COOKIE_PASSWORD_LENGTH) {
    problems.push(
      `WORKOS_COOKIE_PASSWORD must be at least ${MIN_COOKIE_PASSWORD_LENGTH} characters.`,
    );
  }
  const apiPort = readPort(env.WORKOS_API_PORT?.trim(), problems);
  const apiHttps = readHttps(
    env.WORKOS_API_HTTPS?.trim().toLowerCase(),
    problems,
  );
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      clientId,
      apiKey,
      cookiePassword,
      apiHostname: env.WORKOS_API_HOSTNAME?.trim() || undefined,
      apiPort,
      apiHttps,
    },
  };
}
