import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";

/**
 * Every console error or warning and uncaught page error in what it
 * watches, with the address it came from. Tests assert none at the end
 * ("no console errors or warnings in normal use").
 */
export class ConsoleErrors {
  readonly messages: string[] = [];

  private readonly onConsole = (message: ConsoleMessage) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    const where = message.location().url || message.page()?.url() || "";
    this.messages.push(`${message.text()} (${where})`);
  };

  /** Every page of the context, including tabs opened later. */
  watch(context: BrowserContext) {
    context.on("console", this.onConsole);
    context.on("weberror", (error) => {
      this.messages.push(`${String(error.error())} (${error.page()?.url()})`);
    });
    return context;
  }

  /** One page only. */
  watchPage(page: Page) {
    page.on("console", this.onConsole);
    page.on("pageerror", (error) =>
      this.messages.push(`${String(error)} (${page.url()})`),
    );
    return page;
  }
}
