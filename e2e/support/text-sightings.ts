import type { Page } from "playwright-core";

declare global {
  interface Window {
    __daybookSaw?: (phrase: string) => Promise<void>;
  }
}

/**
 * Which of some phrases the watched tabs have shown at any moment, even for
 * an instant (a toast that came and went) and across reloads: a false "Your
 * session has ended" must count even if the test looked a second later.
 */
export class TextSightings {
  readonly seen: { phrase: string; url: string }[] = [];

  constructor(private readonly phrases: string[]) {}

  /** Call before `page` loads anything; every later document is watched. */
  async watch(page: Page) {
    await page.exposeFunction("__daybookSaw", (phrase: string) => {
      this.seen.push({ phrase, url: page.url() });
    });
    await page.addInitScript((watched: string[]) => {
      const reported = new Set<string>();
      const look = () => {
        const text = document.body?.textContent ?? "";
        for (const phrase of watched) {
          if (reported.has(phrase) || !text.includes(phrase)) continue;
          reported.add(phrase);
          void window.__daybookSaw?.(phrase);
        }
      };
      new MutationObserver(look).observe(document, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    }, this.phrases);
  }

  phrasesSeen() {
    return [...new Set(this.seen.map(({ phrase }) => phrase))];
  }
}
