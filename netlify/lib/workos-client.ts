import { WorkOS } from "@workos-inc/node";
import type { AuthConfig } from "./auth-config";

/**
 * How long a function waits for WorkOS before it answers 503 and lets
 * authkit-js retry (it treats 502/503 as transient and keeps the session).
 */
export const WORKOS_ANSWER_DEADLINE_MS = 8_000;

/**
 * How long a refresh keeps waiting for WorkOS after its function has
 * answered: WorkOS may already have rotated the refresh token, and its answer
 * carries the only copy of the new one (see rotation-grace.ts). Below
 * Netlify's 30 s limit for a synchronous function, background work included.
 */
export const WORKOS_REFRESH_PATIENCE_MS = 25_000;

// A server-side retry could replay a refresh token that WorkOS already
// consumed, and would eat into the function's time limit.
const WORKOS_MAX_RETRIES = 0;

export function createWorkosClient(
  config: AuthConfig,
  timeoutMs = WORKOS_ANSWER_DEADLINE_MS,
) {
  return new WorkOS({
    apiKey: config.apiKey,
    clientId: config.clientId,
    apiHostname: config.apiHostname,
    port: config.apiPort,
    https: config.apiHttps,
    timeout: timeoutMs,
    maxRetries: WORKOS_MAX_RETRIES,
  });
}

/** Lets WorkOS record the browser's address and agent on the session, not Netlify's. */
export function clientDetails(request: Request) {
  return {
    ipAddress: request.headers.get("x-nf-client-connection-ip") ?? undefined,
    userAgent: request.headers.get("user-agent") ?? undefined,
  };
}
