import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "../../devtools/stack/paths";

/** artifacts/ is git-ignored; screenshots of each run land here for people to look at. */
export const SCREENSHOT_DIR = join(REPO_ROOT, "artifacts", "screenshots");

export async function saveScreenshot(page: Page, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Finished transitions: a theme switch animates colours for a moment.
  const image = await page.screenshot({
    fullPage: true,
    animations: "disabled",
  });
  // Written aside and renamed into place: a run beside this one may save the
  // same name, and each file should be one run's whole picture.
  const partial = `${path}.${randomUUID()}.partial`;
  await writeFile(partial, image);
  await rename(partial, path);
  return path;
}
