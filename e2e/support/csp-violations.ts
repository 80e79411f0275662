import type { BrowserContext } from "playwright-core";

/** One `securitypolicyviolation` event, as the page saw it. */
export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  page: string;
}

const BINDING = "daybookReportCspViolation";

/**
 * Every Content-Security-Policy and Trusted Types violation in a browser
 * context, in every tab and across navigations: each document reports its
 * `securitypolicyviolation` events to the test through a binding. Browsers
 * also log them as console errors; this says which directive refused what.
 */
export class CspViolations {
  readonly seen: CspViolation[] = [];

  async watch(context: BrowserContext) {
    await context.exposeBinding(
      BINDING,
      ({ page }, violation: Omit<CspViolation, "page">) => {
        this.seen.push({ ...violation, page: page.url() });
      },
    );
    await context.addInitScript((binding: string) => {
      document.addEventListener(
        "securitypolicyviolation",
        (event) => {
          const report = (window as unknown as Record<string, unknown>)[
            binding
          ] as (violation: Omit<CspViolation, "page">) => void;
          report({
            directive: event.effectiveDirective,
            blocked: event.blockedURI,
            sample: event.sample,
            source: `${event.sourceFile}:${event.lineNumber}`,
          });
        },
        true,
      );
    }, BINDING);
    return context;
  }
}
