/**
 * What only a browser shows about the views: a failed sign-in on /callback
 * says why, a sign-out reaches every tab, the note editor wraps with its
 * gutter numbering the lines as written, and a long note title on a phone
 * ends in an ellipsis.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DaybookPage } from "./support/daybook-page";
import { scenarioSteps } from "./support/scenario";
import { useSharedStack, type SharedStack } from "./support/shared-stack";
import { STEP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const someone = (what: string) =>
  `${what}.${randomUUID().slice(0, 8)}@example.com`;

let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack();
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await stack?.stop();
});

describe("signing in and out", { timeout: TEST_TIMEOUT_MS }, () => {
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const context = await stack.browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    return context;
  };

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  it('a used sign-in code on /callback shows the reason and "Sign in again", which signs in', async () => {
    const app = await DaybookPage.open(await newContext(), someone("callback"));
    const callbacks: string[] = [];
    app.page.on("request", (request) => {
      if (request.url().startsWith(`${stack.origin}/callback?`))
        callbacks.push(request.url());
    });
    await app.goto(stack.origin);
    await app.signIn();
    const usedCallback = callbacks[0];
    expect(usedCallback).toContain("code=");
    // Saved, so signing out does not stop to ask about unsent changes.
    await app.addTodos("Something saved");
    await app.signOut();
    await app.signInButton.waitFor();

    // A sign-in under way in this tab (its verifier kept), then the code
    // that was already spent comes back: the site's function refuses it.
    await app.signInButton.click();
    await app.page.getByRole("textbox", { name: "Email" }).waitFor();
    await app.goto(usedCallback!);
    const reason = app.page.getByRole("alert");
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      "The sign-in has expired or was already used; sign in again.",
    );
    expect(
      await app.page.getByRole("heading", { level: 1 }).textContent(),
    ).toBe("Sign-in didn’t work");

    await app.page.getByRole("button", { name: "Sign in again" }).click();
    await app.page.getByRole("textbox", { name: "Email" }).fill(app.email);
    await app.page.getByRole("button", { name: "Continue" }).click();
    await app.signedInIndicator.waitFor();
  });

  it("a made-up code on /callback, in a tab that started no sign-in, says so", async () => {
    const app = await DaybookPage.open(await newContext(), someone("madeup"));
    await app.goto(`${stack.origin}/callback?code=made-up`);
    const reason = app.page.getByRole("alert");
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      "This sign-in link was already used, or sign-in was started in another tab or browser.",
    );
    expect(
      await app.page.getByRole("button", { name: "Sign in again" }).count(),
    ).toBe(1);
  });

  it("signing out in one tab takes every other tab out of the signed-in view", async () => {
    const context = await newContext();
    const email = someone("tabs");
    const first = await DaybookPage.open(context, email);
    await first.goto(stack.origin);
    await first.signIn();
    await first.addTodos("Something saved");
    const others = [
      await DaybookPage.open(context, email),
      await DaybookPage.open(context, email),
    ];
    for (const tab of others) {
      await tab.goto(`${stack.origin}/pinned`);
      await tab.signedInIndicator.waitFor();
    }

    await first.signOut();
    for (const tab of others) {
      // The landing page, without a reload: no account menu, no day.
      await tab.signInButton.waitFor();
      expect(await tab.signedInIndicator.count()).toBe(0);
      expect(
        await tab.page.getByRole("heading", { name: "Pinned" }).count(),
      ).toBe(0);
    }
    await first.signInButton.waitFor();
  });
});

/** The top of the text inside `element` (its glyphs, not its padding). */
async function textTopOf(element: Locator) {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect().top;
  });
}

/** How tall `line` is once wrapped in `field`, measured by the browser itself. */
async function wrappedHeightOf(field: Locator, line: string) {
  return field.evaluate((element, text) => {
    const textarea = element as HTMLTextAreaElement;
    const style = getComputedStyle(textarea);
    const probe = document.createElement("textarea");
    for (const name of [
      "font",
      "letterSpacing",
      "lineHeight",
      "paddingLeft",
      "paddingRight",
      "borderLeftWidth",
      "borderRightWidth",
      "boxSizing",
      "whiteSpace",
      "overflowWrap",
      "wordBreak",
      "tabSize",
    ] as const) {
      probe.style[name] = style[name];
    }
    probe.style.width = `${textarea.getBoundingClientRect().width}px`;
    probe.style.padding = `0 ${style.paddingRight} 0 ${style.paddingLeft}`;
    probe.style.height = "0";
    probe.style.overflow = "hidden";
    probe.style.position = "absolute";
    probe.style.visibility = "hidden";
    probe.value = text;
    document.body.append(probe);
    const height = probe.scrollHeight;
    probe.remove();
    return { height, lineHeight: parseFloat(style.lineHeight) };
  }, line);
}

describe("notes on any screen", { timeout: TEST_TIMEOUT_MS }, () => {
  const step = scenarioSteps("e2e/views.e2e.test.ts");
  const TITLE = "Planning";
  const FIRST_LINE =
    "This first line is long prose that never breaks by itself, written the way people write notes, one sentence after another, until it is far wider than any screen this app is used on.";
  let context: BrowserContext;
  let page: Page;
  let app: DaybookPage;

  beforeAll(async () => {
    context = await stack.browser.newContext({ viewport: DESKTOP });
    app = await DaybookPage.open(context, someone("notes"));
    page = app.page;
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
  });

  /** The body wraps, and number 2 sits beside the first row of line 2. */
  async function expectWrappedWithLogicalNumbers() {
    const note = app.note(TITLE);
    const body = app.noteBodyOf(TITLE);
    const { scrollWidth, clientWidth } = await body.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    const one = await textTopOf(note.getByText("1", { exact: true }));
    const two = await textTopOf(note.getByText("2", { exact: true }));
    const three = await note.getByText("3", { exact: true }).count();
    const wrapped = await wrappedHeightOf(body, FIRST_LINE);
    // The first line really takes several rows at this width.
    expect(wrapped.height).toBeGreaterThanOrEqual(2 * wrapped.lineHeight);
    expect(Math.abs(two - one - wrapped.height)).toBeLessThanOrEqual(1);
    // Two lines as written, so two numbers, however many rows they take.
    expect(three).toBe(0);
  }

  step(
    "a note with a long first line wraps, numbered by line, at 1280×900",
    async () => {
      await app.goto(stack.origin);
      await app.signIn();
      await app.addNote();
      await app.writeNote(TITLE, `${FIRST_LINE}\nSecond line.`);
      await app.note(TITLE).getByRole("status").getByText("Saved").waitFor();
      await expectWrappedWithLogicalNumbers();
    },
  );

  step("at 390×844 the body still wraps, numbered by line", async () => {
    await page.setViewportSize(PHONE);
    await expectWrappedWithLogicalNumbers();
  });
});

it(
  "at 390×844 a long note title that does not fit ends in an ellipsis",
  { timeout: TEST_TIMEOUT_MS },
  async () => {
    const context = await stack.browser.newContext({ viewport: PHONE });
    try {
      const app = await DaybookPage.open(context, someone("titles"));
      await app.goto(stack.origin);
      await app.signIn();
      await app.addNote();
      const title = "Quarterly planning meeting with the whole team";
      await app.writeNote(title, "Agenda");
      const field = app
        .note(title)
        .getByRole("textbox", { name: "Note title" });
      // The ellipsis shows while the field is not being edited.
      await app.noteBodyOf(title).focus();
      const shown = await field.evaluate((element) => ({
        overflow: getComputedStyle(element).textOverflow,
        cut: element.scrollWidth > element.clientWidth,
      }));
      expect(shown).toEqual({ overflow: "ellipsis", cut: true });
    } finally {
      await context.close();
    }
  },
);
