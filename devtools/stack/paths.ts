import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const NODE_BIN = join(REPO_ROOT, "node_modules", ".bin");

/** PATH for tools started by the harness: the project's own binaries (netlify, deno) first. */
export function pathWithProjectBin() {
  return [NODE_BIN, process.env.PATH ?? ""].join(delimiter);
}
