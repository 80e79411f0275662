import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AuthConfig } from "convex/server";

export type AuthProvider = AuthConfig["providers"][number];

let loadCount = 0;

/**
 * Evaluates convex/auth.config.ts the way a deployment would, with these
 * deployment variables set. The file reads `process.env` at import time, so
 * the variables are set only around a fresh import (a query string defeats
 * the module cache) and then put back.
 */
export async function loadAuthProviders(
  convexDirectory: string,
  deploymentEnv: Record<string, string>,
): Promise<AuthProvider[]> {
  const saved = Object.fromEntries(
    Object.keys(deploymentEnv).map((name) => [name, process.env[name]]),
  );
  Object.assign(process.env, deploymentEnv);
  try {
    const url = pathToFileURL(join(convexDirectory, "auth.config.ts"));
    url.search = `standin=${++loadCount}`;
    const config = (await import(url.href)) as { default: AuthConfig };
    return [...config.default.providers];
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
