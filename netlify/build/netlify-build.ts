import { spawnSync } from "node:child_process";
import { planNetlifyBuild } from "./netlify-build-plan";

/**
 * Netlify's build command (netlify.toml: `npm run build:netlify`). The deploy
 * context decides whether Convex is deployed first (netlify-build-plan.ts);
 * the log says which, and a build that must not go on fails with the reason.
 */
const plan = planNetlifyBuild(process.env);
if (plan.kind === "refuse") {
  console.error(`\nBuild stopped: ${plan.message}\n`);
  process.exitCode = 1;
} else {
  console.log(`Daybook build, ${plan.summary}.`);
  const [program, ...args] = plan.command;
  const result = spawnSync(program, args, { stdio: "inherit" });
  if (result.error) {
    console.error(`Could not start ${program}: ${result.error.message}`);
  }
  process.exitCode = result.status ?? 1;
}
