import { lstat, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { prepareNetlifySite } from "./netlify-site";
import { REPO_ROOT } from "./paths";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "daybook-site-test-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("gives netlify dev a project folder of its own, with the static server's port pinned", async () => {
  await prepareNetlifySite(dir, { staticServerPort: 23456 });

  const toml = await readFile(join(dir, "netlify.toml"), "utf8");
  expect(toml).toContain(
    await readFile(join(REPO_ROOT, "netlify.toml"), "utf8"),
  );
  expect(toml).toMatch(/\[dev\]\s+staticServerPort = 23456\s*$/);
  // Real files (netlify dev writes beside them), the repo's dependencies by link.
  expect((await lstat(join(dir, "package.json"))).isFile()).toBe(true);
  expect((await lstat(join(dir, "netlify"))).isDirectory()).toBe(true);
  expect((await lstat(join(dir, "node_modules"))).isSymbolicLink()).toBe(true);
  expect(
    await readdir(join(dir, "netlify", "functions", "authenticate")),
  ).toEqual(["authenticate.ts"]);
  expect(await readdir(join(dir, "netlify"))).not.toContain("testing");
});
