import { expect } from "vitest";

/**
 * How long one step may wait for the page (an element, a navigation, a
 * response) before it counts as broken. Sized for a busy two-core CI machine,
 * not for a fast laptop: netlify dev takes 0.5-1.7 s per function call when
 * idle and several times that under load, and one step can span a sign-in
 * (two function calls and two page loads). Tests never sleep; they wait for
 * what they need, so a generous bound costs nothing when things go well.
 */
export const STEP_TIMEOUT_MS = 45_000;

/** For a test that signs in and takes several steps; Vitest's per-test bound. */
export const TEST_TIMEOUT_MS = 180_000;

/**
 * `expect.poll` with the step timeout: Vitest's default gives up after one
 * second, far too soon for anything that goes through the server on a
 * loaded machine.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: STEP_TIMEOUT_MS, interval: 100 });
}
