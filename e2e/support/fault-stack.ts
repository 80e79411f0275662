import { startDaybookStack } from "../../devtools/stack/daybook-stack";
import {
  startMutationGate,
  type MutationGate,
} from "../../devtools/stack/mutation-gate";
import {
  startWorkosFaultProxy,
  type WorkosFaultProxy,
} from "../../devtools/stack/workos-fault-proxy";
import type { ConvexStandin } from "../../devtools/convex-standin/standin";
import type { WorkosEmulator } from "../../devtools/workos-emulator/emulator";
import { launchChromium, type BrowserSession } from "./chromium";

/** WorkOS's own default; tests of expiry set less with emulator.setAccessTokenTtlSeconds. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 300;

/**
 * A stack of one test file's own, with every fault within reach of the
 * test: WorkOS behind a proxy that can be slow, lose answers, fail or be
 * down (`workos`), the stand-in behind a gate that can be taken down and
 * brought back with its data (`gate`), and the emulator's token lifetime.
 *
 * Why not the shared stack: these faults hit everyone on the stack (WorkOS
 * down signs nobody in), so they would break the other files' tests running
 * beside them. Here the file's tests run one after another and
 * `resetFaults` puts everything back between them. The stack runs in the
 * test's own process, so the test drives it directly.
 */
export interface FaultStack {
  origin: string;
  emulator: WorkosEmulator;
  standin: ConvexStandin;
  workos: WorkosFaultProxy;
  gate: MutationGate;
  browser: BrowserSession;
  /** WorkOS up and fast, the stand-in up, tokens of the default lifetime. */
  resetFaults(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  let workos: WorkosFaultProxy | undefined;
  let gate: MutationGate | undefined;
  const stack = await startDaybookStack({
    accessTokenTtlSeconds: DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    inFrontOfWorkos: async (emulatorBaseUrl) =>
      (workos = await startWorkosFaultProxy(emulatorBaseUrl)),
    inFrontOfStandin: async (standinUrl) =>
      (gate = await startMutationGate(standinUrl)),
  });
  try {
    if (!workos || !gate) {
      throw new Error("The stack started without its fault points.");
    }
    const browser = await launchChromium();
    const proxy = workos;
    const standinGate = gate;
    return {
      origin: stack.origin,
      emulator: stack.emulator,
      standin: stack.standin,
      workos: proxy,
      gate: standinGate,
      browser,
      async resetFaults() {
        proxy.clearFaults();
        await proxy.comeBack();
        standinGate.release();
        await standinGate.bringBack();
        stack.emulator.setAccessTokenTtlSeconds(
          DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
        );
      },
      async stop() {
        await browser.close().catch(() => undefined);
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
