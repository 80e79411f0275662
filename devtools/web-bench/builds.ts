/**
 * The two pages `npm run bench:web` compares, built for one origin: the
 * production SPA (exactly as devtools/stack builds it) and the signed-in
 * floor (devtools/web-bench/floor), served under `/floor/`.
 */
import react from "@vitejs/plugin-react";
import { join } from "node:path";
import { build } from "vite";
import { buildProductionSpa } from "../stack/build-spa";
import { REPO_ROOT } from "../stack/paths";

export const FLOOR_BASE = "/floor/";

export async function buildBoth(options: {
  appDir: string;
  floorDir: string;
  origin: string;
  workosClientId: string;
}) {
  await buildProductionSpa({
    outDir: options.appDir,
    workosClientId: options.workosClientId,
    convexUrl: options.origin,
  });
  await build({
    root: join(REPO_ROOT, "devtools/web-bench/floor"),
    base: FLOOR_BASE,
    configFile: false,
    mode: "production",
    plugins: [react()],
    logLevel: "warn",
    define: {
      "import.meta.env.VITE_WORKOS_CLIENT_ID": JSON.stringify(
        options.workosClientId,
      ),
    },
    build: { outDir: options.floorDir, emptyOutDir: true },
  });
}
