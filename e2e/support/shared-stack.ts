import { inject } from "vitest";
import type { HeldMutation } from "../../devtools/stack/mutation-gate";
import { launchChromium, type BrowserSession } from "./chromium";
import type { SharedStackInfo } from "./global-stack";
import {
  heldMutations,
  holdMutations,
  releaseMutations,
} from "./stack-control";

export interface SharedStack extends SharedStackInfo {
  browser: BrowserSession;
  /** Every later mutation waits, unrun, at the gate in front of the stand-in. */
  holdMutations(): Promise<void>;
  /** The held mutations go on to the stand-in, in order; no more holding. */
  releaseMutations(): Promise<void>;
  heldMutations(): Promise<HeldMutation[]>;
  stop(): Promise<void>;
}

/**
 * For one e2e file: the stack that globalSetup started, and a headless
 * Chromium of the file's own (closed by stop()).
 */
export async function useSharedStack(): Promise<SharedStack> {
  const info = inject("daybookStack");
  const browser = await launchChromium();
  return {
    ...info,
    browser,
    holdMutations: () => holdMutations(info.controlUrl),
    releaseMutations: () => releaseMutations(info.controlUrl),
    heldMutations: () => heldMutations(info.controlUrl),
    stop: () => browser.close(),
  };
}
