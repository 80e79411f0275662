import { join } from "node:path";
import { runToCompletion } from "./child-process";
import { REPO_ROOT } from "./paths";

/**
 * `vite build` of the real SPA in production mode, into `outDir` (a folder
 * of this stack's own) so that the repo's dist/ and other stacks' builds are
 * left alone. With no VITE_WORKOS_API_HOSTNAME the SPA uses its own origin
 * as the AuthKit API host.
 */
export async function buildProductionSpa(options: {
  outDir: string;
  workosClientId: string;
  convexUrl: string;
  /** False keeps function names readable, for profiles (bench:web `--profile`). */
  minify?: boolean;
}): Promise<void> {
  const { outDir } = options;
  await runToCompletion(
    "vite build",
    process.execPath,
    [
      join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--mode",
      "production",
      "--outDir",
      outDir,
      "--emptyOutDir",
      "--logLevel",
      "warn",
      ...(options.minify === false ? ["--minify", "false"] : []),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        VITE_WORKOS_CLIENT_ID: options.workosClientId,
        VITE_CONVEX_URL: options.convexUrl,
        // Empty beats a developer's .env file: the SPA must talk to its own origin.
        VITE_WORKOS_API_HOSTNAME: "",
        VITE_WORKOS_API_PORT: "",
        VITE_WORKOS_API_HTTPS: "",
        VITE_WORKOS_REDIRECT_URI: "",
      },
    },
  );
}
