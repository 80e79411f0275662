import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "../../devtools/stack/paths";

/** artifacts/ is git-ignored; screenshots of each run land here for people to look at. */
export const SCREENSHOT_DIR = join(REPO_ROOT, "artifacts", "screenshots");

export async function saveScreenshot(page: Page, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Finished transitions: a theme switch animates colours for a moment.
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
