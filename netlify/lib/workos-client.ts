import { WorkOS } from "@workos-inc/node";
import type { AuthConfig } from "./auth-config";

// Fail fast and let authkit-js retry: it treats 502/503 as transient and
// keeps the session. A server-side retry could also replay a refresh token
// that WorkOS already consumed, and would eat into the function's time limit.
const WORKOS_TIMEOUT_MS = 8_000;
const WORKOS_MAX_RETRIES = 0;

export function createWorkosClient(config: AuthConfig) {
  return new WorkOS({
    apiKey: config.apiKey,
    clientId: config.clientId,
    apiHostname: config.apiHostname,
    port: config.apiPort,
    https: config.apiHttps,
    timeout: WORKOS_TIMEOUT_MS,
    maxRetries: WORKOS_MAX_RETRIES,
  });
}
