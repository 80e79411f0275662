import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  /** Each offending element: its selector, markup and what axe measured. */
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * Runs axe-core in the page and returns every violation it finds, of any
 * impact (critical, serious, moderate and minor), with every rule axe runs
 * by default. The script is evaluated over the DevTools protocol, which the
 * page's CSP (script-src 'self') does not govern, so the policy under test
 * stays on.
 *
 * It first lets every finite animation and transition end: a toast fading
 * in, or an older toast's text fading behind a new one, measures as low
 * contrast mid-way, which is not what anyone reads once it settles.
 * Endless ones (spinners) are not waited for.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const source = await axeSource;
  await page.evaluate(source);
  return page.evaluate(async () => {
    type AxeResult = {
      violations: {
        id: string;
        impact?: string | null;
        help: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (
      window as unknown as {
        axe: { run(context: Document): Promise<AxeResult> };
      }
    ).axe;
    const settling = () =>
      document
        .getAnimations()
        .filter(
          (animation) =>
            animation.playState === "running" &&
            animation.effect?.getComputedTiming().endTime !== Infinity,
        );
    // One animation ending can start another (a toast leaving moves the
    // rest), so wait until a round finds none.
    for (let running = settling(); running.length > 0; running = settling()) {
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
    const { violations } = await axe.run(document);
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((node) => ({
        target: node.target.join(" "),
        html: node.html,
        summary: node.failureSummary ?? "",
      })),
    }));
  });
}

/** As axeViolations, only the serious and critical ones. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const violations = await axeViolations(page);
  return violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
}
