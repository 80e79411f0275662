/**
 * The floor: devtools/bundle-floor/main.tsx (React, the Convex client and the
 * AuthKit providers, nothing of the app) built with the same React plugin.
 */
import react from "@vitejs/plugin-react";
import { join } from "node:path";
import { build } from "vite";
import { REPO_ROOT } from "../stack/paths";
import {
  emittedPaths,
  firstLoadPaths,
  measureAsset,
  type AssetSize,
} from "./sizes";

export interface FloorSizes {
  firstLoad: AssetSize[];
  /** Everything a signed-in floor page can fetch: all of its JS and CSS. */
  everything: AssetSize[];
}

export async function buildFloor(outDir: string): Promise<void> {
  await build({
    root: join(REPO_ROOT, "devtools/bundle-floor"),
    configFile: false,
    plugins: [react()],
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/**
 * The floor is measured from its build alone, not in a browser: it has no
 * dynamic imports, so whatever it fetches in any number of seconds is its
 * first load. That is checked here rather than assumed, so a floor that
 * grows an import() fails loudly instead of being under-counted.
 */
export function measureFloor(outDir: string): FloorSizes {
  const firstLoad = firstLoadPaths(outDir);
  const emitted = emittedPaths(outDir);
  const lazy = emitted.filter((path) => !firstLoad.includes(path));
  if (lazy.length > 0) {
    throw new Error(
      `The floor build emitted files its index.html does not load (${lazy.join(", ")}): ` +
        "it has dynamic imports now, so (b) for the floor needs a browser run.",
    );
  }
  return {
    firstLoad: firstLoad.map((path) => measureAsset(outDir, path)),
    everything: emitted.map((path) => measureAsset(outDir, path)),
  };
}
