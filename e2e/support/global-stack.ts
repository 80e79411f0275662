import type { TestProject } from "vitest/node";
import { startDaybookStack } from "../../devtools/stack/daybook-stack";
import {
  startMutationGate,
  type MutationGate,
} from "../../devtools/stack/mutation-gate";
import { ensureChromium } from "./chromium";
import { startStackControl } from "./stack-control";

/** What every browser test gets from the one shared stack. */
export interface SharedStackInfo {
  /** The site, e.g. http://localhost:21234 (the same shape as the demo). */
  origin: string;
  emulatorBaseUrl: string;
  workosClientId: string;
  /** See stack-control.ts. */
  controlUrl: string;
  accessTokenTtlSeconds: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    daybookStack: SharedStackInfo;
  }
}

// authkit-js refreshes 10 s before expiry, so 15 s tokens are refreshed
// about every 5 s: every test also exercises the refresh path, and the
// sign-in scenario can watch a refresh without a long wait. The cost is that
// a refresh is often under way; see refresh-guard.ts for what that means
// for navigating.
const ACCESS_TOKEN_TTL_SECONDS = 15;

/**
 * Vitest globalSetup for the e2e project: one production build and one stack
 * (WorkOS emulator, Convex stand-in behind a mutation gate, netlify dev)
 * shared by every e2e file, the same stack `npm run demo` runs. Everything
 * it binds or writes is its own (random ports, a temporary folder), so two
 * runs can go side by side.
 */
export default async function setup(project: TestProject) {
  // Fail before the build when the browser cannot run (installs it as root).
  ensureChromium();
  let gate: MutationGate | undefined;
  const stack = await startDaybookStack({
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    inFrontOfStandin: async (standinUrl) =>
      (gate = await startMutationGate(standinUrl)),
  });
  const control = await (async () => {
    if (!gate) throw new Error("The stack started without the mutation gate.");
    return startStackControl(gate);
  })().catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  project.provide("daybookStack", {
    origin: stack.origin,
    emulatorBaseUrl: stack.emulator.baseUrl,
    workosClientId: stack.emulator.clientId,
    controlUrl: control.url,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });
  return async () => {
    await control.close();
    await stack.stop();
  };
}
