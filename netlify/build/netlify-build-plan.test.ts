import { describe, expect, it } from "vitest";
import { planNetlifyBuild } from "./netlify-build-plan";

const CONVEX_DEPLOY = ["npx", "convex", "deploy", "--cmd", "npm run build"];
const SITE_BUILD = ["npm", "run", "build"];
// Shapes of Convex deploy keys (values are made up).
const PRODUCTION_KEY = "prod:happy-otter-123|eyJ2MiI6ImR1bW15In0=";
const PREVIEW_KEY = "preview:my-team:daybook|eyJ2MiI6ImR1bW15In0=";

describe("production context", () => {
  it("refuses to build without CONVEX_DEPLOY_KEY, naming the variable and where to get it", () => {
    for (const key of [undefined, "", "   "]) {
      const plan = planNetlifyBuild({
        CONTEXT: "production",
        CONVEX_DEPLOY_KEY: key,
        VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud",
      });
      expect(plan.kind).toBe("refuse");
      if (plan.kind !== "refuse") continue;
      expect(plan.message).toContain("CONVEX_DEPLOY_KEY is not set");
      expect(plan.message).toContain("Production deploy key");
    }
  });

  it.each([
    ["a Preview deploy key", PREVIEW_KEY],
    ["a Development deploy key", "dev:quiet-heron-456|eyJ2MiI6ImR1bW15In0="],
    ["a project key", "project:my-team:daybook|eyJ2MiI6ImR1bW15In0="],
    ["malformed", "prod:happy-otter-123"],
    ["not a Convex deploy key", "eyJ2MiI6ImR1bW15In0="],
  ])(
    "refuses %s, naming what it is and what production needs, without echoing the key",
    (description, key) => {
      const plan = planNetlifyBuild({
        CONTEXT: "production",
        CONVEX_DEPLOY_KEY: key,
      });
      expect(plan.kind).toBe("refuse");
      if (plan.kind !== "refuse") return;
      expect(plan.message).toContain(`but it is ${description}`);
      expect(plan.message).toContain("must be a Production deploy key");
      expect(plan.message).not.toContain(key);
      expect(plan.message).not.toContain("eyJ2MiI6ImR1bW15In0=");
    },
  );

  it("deploys Convex and builds the site with Convex's one-step command", () => {
    expect(
      planNetlifyBuild({
        CONTEXT: "production",
        CONVEX_DEPLOY_KEY: PRODUCTION_KEY,
      }),
    ).toMatchObject({ kind: "convex-deploy", command: CONVEX_DEPLOY });
  });
});

describe.each(["deploy-preview", "branch-deploy"])("%s context", (context) => {
  it("deploys to the branch's preview deployment with a deploy key", () => {
    const plan = planNetlifyBuild({
      CONTEXT: context,
      CONVEX_DEPLOY_KEY: PREVIEW_KEY,
      HEAD: "fix-typo",
    });
    expect(plan).toMatchObject({
      kind: "convex-deploy",
      command: CONVEX_DEPLOY,
    });
    if (plan.kind === "convex-deploy")
      expect(plan.summary).toContain("fix-typo");
  });

  it("builds against the deployment VITE_CONVEX_URL names when there is no key", () => {
    const plan = planNetlifyBuild({
      CONTEXT: context,
      VITE_CONVEX_URL: "https://shared-preview-7.convex.cloud",
    });
    expect(plan).toMatchObject({ kind: "plain-build", command: SITE_BUILD });
    if (plan.kind === "plain-build") {
      expect(plan.summary).toContain("https://shared-preview-7.convex.cloud");
    }
  });

  it("refuses when neither a key nor a deployment is given", () => {
    const plan = planNetlifyBuild({ CONTEXT: context });
    expect(plan).toMatchObject({
      kind: "refuse",
      message: expect.stringContaining("Preview deploy key"),
    });
  });
});

it("builds plainly in netlify dev's context", () => {
  expect(planNetlifyBuild({ CONTEXT: "dev" })).toMatchObject({
    kind: "plain-build",
    command: SITE_BUILD,
  });
});

it("refuses an unknown or missing context and points to npm run build", () => {
  for (const context of [undefined, "", "staging"]) {
    expect(planNetlifyBuild({ CONTEXT: context })).toMatchObject({
      kind: "refuse",
      message: expect.stringContaining("npm run build"),
    });
  }
});
