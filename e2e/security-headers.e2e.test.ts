/**
 * The page's security headers, proved in the browser: each header arrives on
 * the page and on a function response, the browser enforces Trusted Types,
 * and normal use (signing in, todos, menus, toasts, dialogs, a note's
 * markdown preview) meets no CSP or Trusted Types violation at all.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from "vitest";
import { ConsoleErrors } from "./support/console-errors";
import { CspViolations } from "./support/csp-violations";
import { DaybookPage } from "./support/daybook-page";
import { useSharedStack, type SharedStack } from "./support/shared-stack";
import {
  eventually,
  STEP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from "./support/waiting";

const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** Directives the page's policy must hold, each exactly as written. */
const PAGE_CSP_DIRECTIVES = [
  "default-src 'self'",
  "style-src 'self'",
  "style-src-elem 'self' 'unsafe-inline'",
  "style-src-attr 'none'",
  // Images from this site, or remote ones a note loads on a click; no data:.
  "img-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types default",
  "report-uri /csp-report",
  "report-to csp",
];

function directivesOf(policy: string | null) {
  return (policy ?? "").split(";").map((directive) => directive.trim());
}

/** A response's headers as the page's own script reads them. */
async function fetchFromPage(
  page: Page,
  path: string,
  init: { method?: string; contentType?: string; body?: string } = {},
) {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init.method ?? "GET",
        headers: init.contentType ? { "Content-Type": init.contentType } : {},
        body: init.body,
      });
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: await response.text(),
      };
    },
    { path, init },
  );
}

describe(
  "security headers and the Content Security Policy, in Chromium",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    let stack: SharedStack;
    let consoleErrors: ConsoleErrors;
    let violations: CspViolations;
    const contexts: BrowserContext[] = [];

    async function newBrowser() {
      const context = await stack.browser.newContext({
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      consoleErrors.watch(context);
      await violations.watch(context);
      return context;
    }

    beforeAll(async () => {
      stack = await useSharedStack();
    }, STEP_TIMEOUT_MS);

    beforeEach(() => {
      consoleErrors = new ConsoleErrors();
      violations = new CspViolations();
    });

    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it("the page arrives with each security header", async () => {
      const context = await newBrowser();
      const page = await context.newPage();
      const response = await page.goto(stack.origin);
      if (!response) throw new Error("no response for the page");
      const csp = await response.headerValue("content-security-policy");
      expect(directivesOf(csp)).toEqual(
        expect.arrayContaining(PAGE_CSP_DIRECTIVES),
      );
      expect(await response.headerValue("reporting-endpoints")).toBe(
        'csp="/csp-report"',
      );
      expect(await response.headerValue("cross-origin-opener-policy")).toBe(
        "same-origin",
      );
      expect(await response.headerValue("permissions-policy")).toBe(
        PERMISSIONS_POLICY,
      );
      expect(await response.headerValue("x-content-type-options")).toBe(
        "nosniff",
      );
      expect(await response.headerValue("x-frame-options")).toBe("DENY");
      expect(await response.headerValue("referrer-policy")).toBe("no-referrer");
      expect(await response.headerValue("strict-transport-security")).toMatch(
        /^max-age=\d+/,
      );
      const directives = directivesOf(csp);
      // Scripts from this site, and the inline start-up scripts by hash only.
      expect(directives).toContainEqual(
        expect.stringMatching(
          /^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+$/,
        ),
      );
      // The build's own Convex deployment (here the stand-in behind this
      // site) and nothing else: AuthKit calls this origin in production
      // builds, never WorkOS directly.
      const connect = directives.find((entry) =>
        entry.startsWith("connect-src "),
      );
      expect(connect).toMatch(
        /^connect-src 'self'( (https?|wss?):\/\/[^\s*]+)*$/,
      );
      // One policy, from the response: no <meta> policy, which would stop
      // the browser's preload scanner.
      expect(
        await page
          .locator('meta[http-equiv="Content-Security-Policy"]')
          .count(),
      ).toBe(0);
    });

    it("the browser enforces Trusted Types: HTML reaches the page only as a named character reference or an empty string", async () => {
      const context = await newBrowser();
      const page = await context.newPage();
      await page.goto(stack.origin);
      const outcome = await page.evaluate(() => {
        const attempt = (html: string) => {
          const element = document.createElement("i");
          try {
            element.innerHTML = html;
            return element.textContent;
          } catch (error) {
            return (error as Error).name;
          }
        };
        return {
          markup: attempt("<img src=x>"),
          entity: attempt("&copy;"),
          cleared: (() => {
            const element = document.createElement("i");
            element.textContent = "old";
            try {
              element.innerHTML = "";
              return element.childNodes.length;
            } catch (error) {
              return (error as Error).name;
            }
          })(),
          policies: (() => {
            try {
              // Not in TypeScript's DOM types yet.
              const { trustedTypes } = window as unknown as {
                trustedTypes: {
                  createPolicy(name: string, rules: object): unknown;
                };
              };
              trustedTypes.createPolicy("another", {});
              return "created";
            } catch (error) {
              return (error as Error).name;
            }
          })(),
        };
      });
      expect(outcome).toEqual({
        markup: "TypeError",
        entity: "©",
        cleared: 0,
        policies: "TypeError",
      });
      // Both refusals are reported as violations (events come a moment
      // later): what the normal-use test relies on to notice any.
      await eventually(() =>
        violations.seen.map((violation) => violation.directive).sort(),
      ).toEqual(["require-trusted-types-for", "trusted-types"]);
    });

    it("function responses carry their own security headers", async () => {
      const context = await newBrowser();
      const page = await context.newPage();
      await page.goto(stack.origin);
      const authenticate = await fetchFromPage(
        page,
        "/user_management/authenticate",
      );
      expect(authenticate.status).toBe(405);
      const report = await fetchFromPage(page, "/csp-report", {
        method: "POST",
        contentType: "application/csp-report",
        body: JSON.stringify({
          "csp-report": {
            "effective-directive": "img-src",
            "blocked-uri": "https://tracker.example/x.png",
            "document-uri": `${stack.origin}/`,
          },
        }),
      });
      expect(report.status).toBe(204);
      for (const { headers } of [authenticate, report]) {
        expect(headers["permissions-policy"]).toBe(PERMISSIONS_POLICY);
        expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
        expect(headers["content-security-policy"]).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(headers["x-content-type-options"]).toBe("nosniff");
        expect(headers["cache-control"]).toBe("no-store");
      }
    });

    it("a missing file under /assets/ is a 404, not the app's HTML", async () => {
      const context = await newBrowser();
      const page = await context.newPage();
      await page.goto(stack.origin);
      const missing = await fetchFromPage(page, "/assets/missing.js");
      expect(missing.status).toBe(404);
      expect(missing.body).not.toContain('<div id="root">');
      // The SPA fallback still serves app routes.
      const route = await fetchFromPage(page, "/day/2024-05-01");
      expect(route.status).toBe(200);
      expect(route.body).toContain('<div id="root">');
    });

    it("normal use meets no CSP or Trusted Types violation and no console error", async () => {
      const context = await newBrowser();
      const app = await DaybookPage.open(
        context,
        `csp.${randomUUID().slice(0, 8)}@example.com`,
      );
      await app.goto(stack.origin);
      await app.signIn();

      // Todos, a menu and a toast (sonner injects its <style> on first use).
      await app.addTodo("Call the plumber");
      await app.moveToTomorrow("Call the plumber");
      // The todo's text is bidi-isolated (FSI…PDI) in the toast.
      await app.page
        .getByText("Moved “\u2068Call the plumber\u2069”")
        .waitFor();

      // Markdown preview, with named character references (decoded through
      // innerHTML by the markdown parser: the Trusted Types default policy).
      await app.addNote();
      await app.writeNote(
        "Plan",
        "## Steps\n\n- **Call** first &amp; then write\n- [a link](https://example.org/)\n\n&copy; 2024 &frac12; done",
      );
      await app.previewNote();
      await app.notes.getByRole("heading", { name: "Steps" }).waitFor();
      await app.notes.getByText("© 2024 ½ done").waitFor();
      await app.notes.getByRole("link", { name: "a link" }).waitFor();
      await app.editNote();

      // Dialogs (Radix's scroll lock injects a <style> while one is open).
      await app.openSettings();
      await app.closeDialog();
      await app.settingsDialog.waitFor({ state: "detached" });
      await app.openSearch();
      await app.closeDialog();
      await app.searchDialog.waitFor({ state: "detached" });

      // The account menu, then signing out.
      await app.signOut();
      await app.signInButton.waitFor();

      expect(violations.seen).toEqual([]);
      expect(consoleErrors.messages).toEqual([]);
    });
  },
);
