/**
 * A note cannot call home on open: a remote image in its markdown shows as a
 * button naming the host, and the browser asks that host for nothing until
 * the person clicks it.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConsoleErrors } from "./support/console-errors";
import { CspViolations } from "./support/csp-violations";
import { DaybookPage } from "./support/daybook-page";
import { useSharedStack, type SharedStack } from "./support/shared-stack";
import { STEP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./support/waiting";

// The smallest valid PNG (1×1, transparent).
const PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

const isToRemoteHost = (request: Request) =>
  new URL(request.url()).hostname === "example.com";

describe(
  "remote images in notes load only after a click",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    let stack: SharedStack;
    const contexts: BrowserContext[] = [];
    const consoleErrors = new ConsoleErrors();
    const violations = new CspViolations();

    beforeAll(async () => {
      stack = await useSharedStack();
    }, STEP_TIMEOUT_MS);

    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('shows "Show image from example.com" and asks example.com for nothing until it is clicked', async () => {
      const context = await stack.browser.newContext();
      contexts.push(context);
      consoleErrors.watch(context);
      await violations.watch(context);
      const remoteRequests: string[] = [];
      context.on("request", (request) => {
        if (isToRemoteHost(request)) remoteRequests.push(request.url());
      });
      // No real network: the "remote" host answers from here.
      await context.route("https://example.com/**", (route) =>
        route.fulfill({
          status: 200,
          contentType: "image/png",
          body: PIXEL_PNG,
        }),
      );

      const app = await DaybookPage.open(
        context,
        `images.${randomUUID().slice(0, 8)}@example.com`,
      );
      await app.goto(stack.origin);
      await app.signIn();
      await app.addNote();
      await app.writeNote(
        "Trip",
        "Before the picture.\n\n![x](https://example.com/a.png)\n\nAfter it.",
      );
      await app.previewNote();
      const showImage = app.notes.getByRole("button", {
        name: "Show image from example.com",
      });
      await showImage.waitFor();
      // The preview is on screen, text after the image included (the
      // editor's hidden copy of its lines, which numbers them, is not).
      await app.notes
        .getByText("After it.", { exact: true })
        .filter({ visible: true })
        .waitFor();
      expect(remoteRequests).toEqual([]);
      expect(await app.notes.getByRole("img", { name: "x" }).count()).toBe(0);

      const imageRequest = context.waitForEvent("request", isToRemoteHost);
      await showImage.click();
      expect((await imageRequest).url()).toBe("https://example.com/a.png");
      await app.notes.getByRole("img", { name: "x" }).waitFor();
      expect(remoteRequests).toEqual(["https://example.com/a.png"]);

      expect(violations.seen).toEqual([]);
      expect(consoleErrors.messages).toEqual([]);
    });
  },
);
