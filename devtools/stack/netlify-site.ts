import {
  copyFile,
  cp,
  mkdir,
  readFile,
  symlink,
  writeFile,
} from "node:fs/promises";
import { basename, join } from "node:path";
import { REPO_ROOT } from "./paths";

/**
 * A Netlify project folder of this stack's own, for netlify dev to run in.
 *
 * Why not the checkout itself: netlify dev keeps state in `<project>/.netlify`
 * (the bundled functions, a local blobs store, a Postgres database). Two
 * stacks started from one checkout (two test runs side by side, or tests
 * beside `npm run demo`) would rebuild, delete and lock each other's copies
 * there, and a stale copy from an earlier run can break the next one.
 *
 * What it holds:
 * - netlify.toml: the repository's, plus a `[dev]` section pinning the
 *   static server's port. Unpinned, netlify dev takes 3999 whenever it is
 *   free, so two stacks starting together both pick it and one fails;
 * - netlify/: a copy of the functions and their library, without tests.
 *   Copies, not a link: Netlify's bundler mis-places the bundles of sources
 *   that resolve outside the project folder, and writes through links;
 * - package.json: a copy (`"type"` decides how the functions are bundled);
 * - node_modules: a link to the repository's, so that the functions'
 *   imports resolve (nothing writes there).
 */
export async function prepareNetlifySite(
  siteDir: string,
  options: { staticServerPort: number },
) {
  await mkdir(siteDir, { recursive: true });
  await writeFile(
    join(siteDir, "netlify.toml"),
    await netlifyTomlWithDevPorts(options.staticServerPort),
  );
  await cp(join(REPO_ROOT, "netlify"), join(siteDir, "netlify"), {
    recursive: true,
    filter: (source) => !isTestSource(source),
  });
  await copyFile(
    join(REPO_ROOT, "package.json"),
    join(siteDir, "package.json"),
  );
  await symlink(
    join(REPO_ROOT, "node_modules"),
    join(siteDir, "node_modules"),
    "dir",
  );
}

function isTestSource(path: string) {
  const name = basename(path);
  return name === "testing" || /\.test\.tsx?$/.test(name);
}

async function netlifyTomlWithDevPorts(staticServerPort: number) {
  const toml = await readFile(join(REPO_ROOT, "netlify.toml"), "utf8");
  if (/^\s*\[dev\]/m.test(toml)) {
    // A second [dev] table would make the file invalid TOML.
    throw new Error(
      "netlify.toml now has a [dev] section; devtools/stack/netlify-site.ts " +
        "appends its own and must merge staticServerPort into it instead.",
    );
  }
  return `${toml}\n# Added for this stack only (devtools/stack/netlify-site.ts).\n[dev]\n  staticServerPort = ${staticServerPort}\n`;
}
