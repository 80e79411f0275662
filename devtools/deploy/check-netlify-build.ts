import { runNetlifyBuild } from "./netlify-build-run";

/**
 * `npm run check:netlify-build`: Netlify's production build, offline, twice.
 * Without CONVEX_DEPLOY_KEY it must fail and say why; with a (made-up)
 * Production deploy key, and `npx convex deploy` replaced by a stand-in that
 * runs its --cmd as Convex would, it must build the site against that
 * deployment and bundle the functions.
 */
const SITE_ENV = { VITE_WORKOS_CLIENT_ID: "client_check" };
const DUMMY_PRODUCTION_KEY = "prod:check-deployment-123|not-a-real-key";

let failures = 0;
function report(name: string, ok: boolean, detail: string) {
  if (!ok) failures += 1;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}\n     ${detail}`);
}

const withoutKey = await runNetlifyBuild({
  context: "production",
  env: SITE_ENV,
});
report(
  "production context without CONVEX_DEPLOY_KEY fails",
  withoutKey.exitCode !== 0 &&
    withoutKey.output.includes("CONVEX_DEPLOY_KEY is not set") &&
    withoutKey.convexDeployCommands.length === 0 &&
    withoutKey.indexHtml === null,
  `exit ${withoutKey.exitCode} in ${withoutKey.seconds.toFixed(1)} s, no site built; ` +
    (withoutKey.output.match(/Build stopped: [^\n]*/)?.[0] ??
      "(no reason printed)"),
);

const withKey = await runNetlifyBuild({
  context: "production",
  env: { ...SITE_ENV, CONVEX_DEPLOY_KEY: DUMMY_PRODUCTION_KEY },
});
report(
  "production context with a deploy key (Convex step stubbed) passes",
  withKey.exitCode === 0 &&
    withKey.convexDeployCommands.join() === "npm run build" &&
    (withKey.headersFile?.includes("stub-deployment-123.convex.cloud") ??
      false),
  `exit ${withKey.exitCode} in ${withKey.seconds.toFixed(1)} s; convex deploy ran ` +
    `${JSON.stringify(withKey.convexDeployCommands)}; functions: ${JSON.stringify(withKey.functionRuntimes)}`,
);

if (failures > 0) {
  console.log("\n--- output of the failed builds ---");
  for (const outcome of [withoutKey, withKey])
    console.log(outcome.output.slice(-4000));
  process.exitCode = 1;
}
