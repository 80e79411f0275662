import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { NODE_BIN } from "./paths";
import { StackSetupError } from "./setup-error";

/**
 * netlify dev runs its edge runtime on Deno. Deno is a devDependency here
 * (the `deno` npm package), so a missing binary means npm install did not
 * finish or skipped the package's platform binary; say so before netlify dev
 * fails with something vaguer.
 */
export function assertDenoAvailable() {
  const deno = join(NODE_BIN, "deno");
  const result = spawnSync(deno, ["--version"], { encoding: "utf8" });
  if (result.status !== 0) {
    const reason =
      result.error?.message ?? result.stderr?.trim() ?? "no output";
    throw new StackSetupError(
      `Deno is missing or does not run (${deno}: ${reason}).\n` +
        "It comes with the project's devDependencies: run `npm install` " +
        "(and check that it installed the `deno` package's binary for this platform).",
    );
  }
}
