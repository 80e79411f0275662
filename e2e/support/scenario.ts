import { it } from "vitest";
import { TEST_TIMEOUT_MS } from "./waiting";

/** Thrown by a step whose earlier steps did not all pass in this run. */
export class ScenarioStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioStepError";
  }
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

/**
 * Steps of one scenario: each step continues where the one before left off
 * (the same tab, the same session), so a step cannot run alone. A step whose
 * earlier steps did not all pass in this run, because `-t` left them out or
 * because one failed, fails at once and names them, instead of timing out
 * on a page that is not where it expects.
 *
 * `file` is for the message: how to run the whole scenario.
 */
export function scenarioSteps(file: string) {
  const names: string[] = [];
  const started = new Set<string>();
  const passed = new Set<string>();

  function check(name: string, earlier: string[]) {
    const failed = earlier.filter((n) => started.has(n) && !passed.has(n));
    const notRun = earlier.filter((n) => !started.has(n));
    if (failed.length === 0 && notRun.length === 0) return;
    const reasons = [
      failed.length > 0 && `failed: ${quoted(failed)}`,
      notRun.length > 0 && `did not run (left out by -t?): ${quoted(notRun)}`,
    ].filter(Boolean);
    throw new ScenarioStepError(
      `"${name}" is one step of a scenario and continues from the steps ` +
        `before it, which must pass first. Of those, ${reasons.join("; ")}. ` +
        `Run the whole scenario: npx vitest run --project e2e ${file}`,
    );
  }

  /** Declares the next step; it runs only after all earlier ones passed. */
  return function step(name: string, body: () => Promise<void> | void) {
    const earlier = [...names];
    names.push(name);
    it(
      name,
      async () => {
        started.add(name);
        check(name, earlier);
        await body();
        passed.add(name);
      },
      TEST_TIMEOUT_MS,
    );
  };
}
