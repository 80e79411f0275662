import { spawn } from "node:child_process";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { REPO_ROOT } from "../stack/paths";

/** What the site's build needs; copied, so the checkout's dist/ and .netlify/ are left alone. */
const SITE_SOURCES = [
  "convex",
  "netlify",
  "public",
  "src",
  "vite",
  "convex.json",
  "index.html",
  "netlify.toml",
  "package.json",
  "tsconfig.json",
  "tsconfig.app.json",
  "tsconfig.netlify.json",
  "vite.config.ts",
];

/** The URL the stand-in for `convex deploy` hands the site's build. */
export const STUB_CONVEX_URL = "https://stub-deployment-123.convex.cloud";

/**
 * Stands in for the `convex` CLI's `convex deploy --cmd <command>`: does what
 * the real one does once convex/ is pushed (runs the command with
 * VITE_CONVEX_URL set to the deployment) and notes that it ran.
 */
const CONVEX_STUB = `#!/bin/sh
if [ "$1" != deploy ] || [ "$2" != --cmd ] || [ -z "$3" ]; then
  echo "convex stub: only 'convex deploy --cmd <command>' is stubbed, got: $*" >&2; exit 2
fi
if [ -z "$CONVEX_DEPLOY_KEY" ]; then echo "convex stub: CONVEX_DEPLOY_KEY is not set" >&2; exit 2; fi
echo "$3" >> "$CONVEX_DEPLOY_STUB_LOG"
VITE_CONVEX_URL=${STUB_CONVEX_URL} exec sh -c "$3"
`;

export interface NetlifyBuildOutcome {
  exitCode: number | null;
  output: string;
  /** The commands the `convex deploy` stand-in was asked to run. */
  convexDeployCommands: string[];
  /** The site's dist/index.html, when the build wrote one. */
  indexHtml: string | null;
  /** The site's dist/_headers (its Content-Security-Policy), when written. */
  headersFile: string | null;
  /** Each bundled function's Node runtime, from .netlify/functions/manifest.json. */
  functionRuntimes: Record<string, string>;
  seconds: number;
}

/**
 * `netlify build --offline` in a deploy context, in a copy of the site whose
 * node_modules/.bin/convex is the stand-in above (offline, there is no
 * backend to push to; `npx convex` finds the project's own bin first).
 * `env` is added to a clean environment: no CONVEX_DEPLOY_KEY or VITE_* of
 * the caller's leaks in.
 */
export async function runNetlifyBuild(options: {
  context: string;
  env: Record<string, string>;
}): Promise<NetlifyBuildOutcome> {
  const siteDir = await mkdtemp(join(tmpdir(), "daybook-netlify-build-"));
  try {
    for (const source of SITE_SOURCES) {
      await cp(join(REPO_ROOT, source), join(siteDir, source), {
        recursive: true,
        filter: (path) => basename(path) !== "node_modules",
      });
    }
    await linkDependenciesWithConvexStub(siteDir);
    const stubLog = join(siteDir, "convex-deploy-stub.log");
    await writeFile(stubLog, "");

    const started = performance.now();
    const { exitCode, output } = await run(
      process.execPath,
      [
        join(REPO_ROOT, "node_modules", "netlify-cli", "bin", "run.js"),
        "build",
        "--offline",
        "--context",
        options.context,
      ],
      {
        cwd: siteDir,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? siteDir,
          CONVEX_DEPLOY_STUB_LOG: stubLog,
          NETLIFY_TELEMETRY_DISABLED: "1",
          ...options.env,
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      exitCode,
      output,
      convexDeployCommands: (await readFile(stubLog, "utf8"))
        .split("\n")
        .filter(Boolean),
      indexHtml: await readFile(
        join(siteDir, "dist", "index.html"),
        "utf8",
      ).catch(() => null),
      headersFile: await readFile(
        join(siteDir, "dist", "_headers"),
        "utf8",
      ).catch(() => null),
      functionRuntimes: await readFunctionRuntimes(siteDir),
      seconds,
    };
  } finally {
    await rm(siteDir, { recursive: true, force: true });
  }
}

/**
 * node_modules as links to the repository's packages (nothing is installed
 * or written there), and a .bin of links where `convex` is the stand-in.
 */
async function linkDependenciesWithConvexStub(siteDir: string) {
  const repoModules = join(REPO_ROOT, "node_modules");
  const siteModules = join(siteDir, "node_modules");
  await mkdir(join(siteModules, ".bin"), { recursive: true });
  for (const entry of await readdir(repoModules)) {
    if (entry === ".bin" || entry.startsWith(".vite")) continue;
    await symlink(join(repoModules, entry), join(siteModules, entry));
  }
  for (const tool of await readdir(join(repoModules, ".bin"))) {
    if (tool === "convex") continue;
    await symlink(
      join(repoModules, ".bin", tool),
      join(siteModules, ".bin", tool),
    );
  }
  await writeFile(join(siteModules, ".bin", "convex"), CONVEX_STUB);
  await chmod(join(siteModules, ".bin", "convex"), 0o755);
}

async function readFunctionRuntimes(siteDir: string) {
  const manifest = await readFile(
    join(siteDir, ".netlify", "functions", "manifest.json"),
    "utf8",
  ).catch(() => null);
  if (manifest === null) return {};
  const { functions } = JSON.parse(manifest) as {
    functions: { name: string; runtimeVersion?: string }[];
  };
  return Object.fromEntries(
    functions.map((f) => [f.name, f.runtimeVersion ?? "(default)"]),
  );
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      ...options,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", (error) => {
      output += `\n${command} failed to start: ${error.message}\n`;
    });
    child.once("close", (exitCode) => resolve({ exitCode, output }));
  });
}
