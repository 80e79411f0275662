import type { BrowserContext, BrowserContextOptions } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { ConsoleErrors } from "./console-errors";
import { useSharedStack, type SharedStack } from "./shared-stack";
import { STEP_TIMEOUT_MS } from "./waiting";

/**
 * What a file of standalone browser tests on the shared stack needs, with
 * its hooks registered (call it inside the file's `describe`): the stack,
 * and browsers opened per test. At each test's end its browsers close, and
 * the test answers for its own console errors and warnings, not for what
 * closing them may add. A test that held mutations (`holdMutations` here)
 * has them released then too, so failing while holding them never stalls
 * the next test; a file that never holds them never releases another
 * file's.
 */
export function useBrowserTests() {
  let stack: SharedStack | undefined;
  // Fresh per test, so that each test answers for its own errors.
  let consoleErrors = new ConsoleErrors();
  const contexts: BrowserContext[] = [];
  let holding = false;

  beforeAll(async () => {
    stack = await useSharedStack();
  }, STEP_TIMEOUT_MS);

  afterEach(async () => {
    const errors = [...consoleErrors.messages];
    consoleErrors = new ConsoleErrors();
    if (holding) {
      holding = false;
      await stack?.releaseMutations();
    }
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(errors, "console errors or warnings in this test").toEqual([]);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const started = () => {
    if (!stack) throw new Error("The shared stack is used before beforeAll.");
    return stack;
  };

  return {
    get stack() {
      return started();
    },
    /** A new browser (cookies, storage) for this test, watched for console errors. */
    async newBrowser(options?: BrowserContextOptions) {
      const context = consoleErrors.watch(
        await started().browser.newContext(options),
      );
      contexts.push(context);
      return context;
    },
    /** Every later mutation waits at the gate, until released or the test ends. */
    async holdMutations() {
      holding = true;
      await started().holdMutations();
    },
    /** The held mutations go on, in order; no more holding. */
    async releaseMutations() {
      holding = false;
      await started().releaseMutations();
    },
  };
}
