/**
 * Nothing typed is lost to signing in: text typed into the landing page's
 * add field before signing in survives the real round trip (the app's
 * page, the sign-in service's page, the callback) and waits in today's add
 * field, to be added with Enter.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleErrors } from "./support/console-errors";
import { DaybookPage } from "./support/daybook-page";
import { useSharedStack, type SharedStack } from "./support/shared-stack";
import {
  eventually,
  STEP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from "./support/waiting";

describe(
  "text typed before signing in is kept",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    let stack: SharedStack;
    let context: BrowserContext;
    const consoleErrors = new ConsoleErrors();

    beforeAll(async () => {
      stack = await useSharedStack();
      context = await stack.browser.newContext();
      consoleErrors.watch(context);
    }, STEP_TIMEOUT_MS);

    afterAll(async () => {
      await context?.close();
      await stack?.stop();
    });

    it("what was typed in the landing page's add field is in today's add field after the sign-in round trip", async () => {
      const app = await DaybookPage.open(
        context,
        `e2e.keeping.${randomUUID()}@example.com`,
      );
      const { page } = app;
      await app.goto(stack.origin);
      await app.addTodoField.fill("Buy milk before noon");
      await app.addTodoField.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Sign in required" });
      await dialog.getByRole("button", { name: "Sign in" }).click();

      await page.getByRole("textbox", { name: "Email" }).fill(app.email);
      await page.getByRole("button", { name: "Continue" }).click();
      await app.signedInIndicator.waitFor();

      await eventually(() => app.addTodoField.inputValue()).toBe(
        "Buy milk before noon",
      );
      await app.addTodoField.press("Enter");
      await page
        .getByRole("checkbox", { name: "Buy milk before noon" })
        .waitFor();
      await eventually(() => app.addTodoField.inputValue()).toBe("");
      expect(consoleErrors.messages).toEqual([]);
    });
  },
);
