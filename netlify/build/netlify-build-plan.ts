/**
 * What Netlify's build does in each deploy context (Netlify sets `CONTEXT`).
 * A site without its backend is never published by accident:
 *
 * - production: Convex's documented one-step deploy,
 *   `npx convex deploy --cmd 'npm run build'`, with a Production deploy key.
 *   No key, or any other key (Dev, Preview, project), fails the build.
 * - deploy-preview, branch-deploy: with a Preview deploy key, the same
 *   command creates (or reuses) a Convex preview deployment named after the
 *   branch; without a key, a plain build against the deployment that
 *   `VITE_CONVEX_URL` names. With neither, the build fails.
 * - dev (a local `netlify build --context dev`): a plain build.
 */

type Command = [program: string, ...args: string[]];

export type NetlifyBuildPlan =
  | {
      kind: "convex-deploy" | "plain-build";
      /** Program and arguments, run as they are (no shell). */
      command: Command;
      summary: string;
    }
  | { kind: "refuse"; message: string };

type BuildEnv = Readonly<Record<string, string | undefined>>;

/** The site's own build. */
const SITE_BUILD: Command = ["npm", "run", "build"];
/** Pushes convex/, then runs the site's build with VITE_CONVEX_URL set to that deployment. */
const CONVEX_DEPLOY: Command = [
  "npx",
  "convex",
  "deploy",
  "--cmd",
  SITE_BUILD.join(" "),
];

const DEPLOY_KEY_HELP =
  "Generate a deploy key in the Convex dashboard (your project -> Settings -> " +
  "Deploy keys) and set it as CONVEX_DEPLOY_KEY in Netlify (Site configuration -> " +
  "Environment variables), with a value per deploy context.";

/**
 * A Production deploy key as the Convex dashboard issues it:
 * `prod:<deployment name>|<secret>`. Dev keys start `dev:`, Preview keys
 * `preview:<team>:<project>`, project keys `project:`.
 */
function isProductionDeployKey(deployKey: string): boolean {
  return /^prod:[^|:\s]+\|\S+$/.test(deployKey);
}

/** What kind of key was given, for the refusal; never the key itself (it is a secret). */
function describeDeployKey(deployKey: string): string {
  const prefix = /^(dev|preview|project|prod):/.exec(deployKey)?.[1];
  switch (prefix) {
    case "dev":
      return "a Development deploy key";
    case "preview":
      return "a Preview deploy key";
    case "project":
      return "a project key";
    case "prod":
      return "malformed";
    default:
      return "not a Convex deploy key";
  }
}

export function planNetlifyBuild(env: BuildEnv): NetlifyBuildPlan {
  const context = env.CONTEXT?.trim() ?? "";
  const deployKey = env.CONVEX_DEPLOY_KEY?.trim() ?? "";

  switch (context) {
    case "production":
      if (!deployKey) {
        return {
          kind: "refuse",
          message:
            "CONVEX_DEPLOY_KEY is not set for Netlify's production context, so this " +
            "build would publish a site without its backend. " +
            `${DEPLOY_KEY_HELP} Production needs a Production deploy key.`,
        };
      }
      if (!isProductionDeployKey(deployKey)) {
        return {
          kind: "refuse",
          message:
            "CONVEX_DEPLOY_KEY in Netlify's production context must be a Production " +
            `deploy key (prod:<deployment>|<secret>), but it is ${describeDeployKey(deployKey)}: ` +
            "the production site would not run against the production deployment. " +
            "Set the Production deploy key for the Production context and keep the " +
            `Preview key for Deploy Previews and Branch deploys. ${DEPLOY_KEY_HELP}`,
        };
      }
      return {
        kind: "convex-deploy",
        command: CONVEX_DEPLOY,
        summary:
          "production: deploying convex/ to the production deployment, then building the site against it",
      };
    case "deploy-preview":
    case "branch-deploy": {
      if (deployKey) {
        return {
          kind: "convex-deploy",
          command: CONVEX_DEPLOY,
          summary: `${context}: deploying convex/ to the preview deployment of branch ${env.HEAD ?? "(unknown)"}, then building the site against it`,
        };
      }
      const convexUrl = env.VITE_CONVEX_URL?.trim();
      if (convexUrl) {
        return {
          kind: "plain-build",
          command: SITE_BUILD,
          summary: `${context}: no CONVEX_DEPLOY_KEY, so convex/ is not deployed; building the site against ${convexUrl} (VITE_CONVEX_URL)`,
        };
      }
      return {
        kind: "refuse",
        message:
          `Netlify's ${context} context has neither CONVEX_DEPLOY_KEY nor ` +
          "VITE_CONVEX_URL, so this build would publish a site without a backend. " +
          "Either set a Preview deploy key as CONVEX_DEPLOY_KEY for Deploy Previews " +
          "and Branch deploys (each branch gets its own Convex preview deployment), " +
          "or set VITE_CONVEX_URL for that context to the deployment previews " +
          `should use. ${DEPLOY_KEY_HELP}`,
      };
    }
    case "dev":
      return {
        kind: "plain-build",
        command: SITE_BUILD,
        summary: "dev: a local build, convex/ is not deployed",
      };
    default:
      return {
        kind: "refuse",
        message:
          `Unknown Netlify deploy context "${context}". This is Netlify's build ` +
          "command (netlify.toml); it knows production, deploy-preview, " +
          "branch-deploy and dev. For a local build, run `npm run build`.",
      };
  }
}
