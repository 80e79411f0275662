import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import tseslint from "typescript-eslint";

/** The folders of src/features under `root`: each one is a feature. */
function featuresIn(root) {
  try {
    return readdirSync(join(root, "src/features"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * The layering of src/ as import-x/no-restricted-paths zones (paths relative
 * to the repository): app → features → components, lib, config; app and
 * the other features reach a feature only through its index.ts. The zones are made from the
 * folders of src/features, so a new feature is covered as soon as it exists.
 */
function layeringZones(root) {
  const features = featuresIn(root);
  return [
    {
      target: ["src/components", "src/lib", "src/config"],
      from: ["src/features", "src/app"],
      message:
        "components/, lib/ and config/ sit below features/ and app/ and may not import them.",
    },
    {
      target: "src/features",
      from: "src/app",
      message: "features/ may not import app/.",
    },
    ...features.map((feature) => ({
      target: [
        "src/app",
        ...features
          .filter((other) => other !== feature)
          .map((other) => `src/features/${other}`),
      ],
      from: `src/features/${feature}`,
      except: ["./index.ts", "./index.tsx"],
      message: `app/ and other features reach the ${feature} feature only through its index (@/features/${feature}).`,
    })),
  ];
}

const testSupportZone = {
  target: "src",
  from: "src/testing",
  message: "src/testing is test support: product code may not import it.",
};

const devtoolsZone = {
  target: ["src", "netlify", "convex"],
  from: "devtools",
  message: "devtools/ is for development only: product code may not import it.",
};

/**
 * Daybook's ESLint config for the repository at `root`. The default export
 * is this repository's; devtools/lint/layering.test.ts builds it for a
 * fixture tree to test the import rules.
 */
export function daybookConfig(root) {
  const zones = (...list) => ["error", { basePath: root, zones: list.flat() }];
  return tseslint.config(
    {
      ignores: [
        "dist",
        "convex/_generated",
        "coverage",
        "artifacts",
        ".netlify",
        // Deliberately broken code for the import rules' tests.
        "devtools/lint/fixtures",
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    ...convexPlugin.configs.recommended,
    {
      languageOptions: { globals: { ...globals.browser, ...globals.node } },
      rules: {
        "@typescript-eslint/no-unused-vars": [
          "error",
          { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
        ],
      },
    },
    {
      files: ["src/**/*.{ts,tsx}"],
      plugins: { "react-hooks": reactHooks },
      rules: reactHooks.configs.recommended.rules,
    },
    {
      // Public functions are built only with the authenticated builders of
      // convex/lib/auth.ts, so none can skip the identity check.
      files: ["convex/**/*.ts"],
      ignores: ["convex/lib/auth.ts"],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                group: ["**/_generated/server", "**/_generated/server.js"],
                importNames: ["query", "mutation", "action", "httpAction"],
                message:
                  "Build public functions with userQuery/userMutation/userAction from convex/lib/auth.",
              },
              {
                group: ["**/_generated/server", "**/_generated/server.js"],
                importNames: ["internalMutation"],
                message:
                  "Build internal mutations with internalMutation from convex/lib/auth: its writes keep the day summaries current.",
              },
            ],
          },
        ],
        "@convex-dev/no-filter-in-query": "error",
        "@convex-dev/no-collect-in-query": "error",
      },
    },
    {
      // Convex reads deployment variables here by design.
      files: ["convex/auth.config.ts"],
      rules: { "@convex-dev/no-process-env": "off" },
    },
    {
      // Imports resolve as TypeScript resolves them, @/ and @convex/ too.
      plugins: { "import-x": importX },
      settings: {
        "import-x/extensions": [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"],
        "import-x/resolver-next": [
          createTypeScriptImportResolver({
            project: join(root, "tsconfig.json"),
            alwaysTryTypes: true,
          }),
          createNodeResolver(),
        ],
      },
    },
    {
      files: ["**/*.{ts,tsx}"],
      rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
    },
    {
      // Product code keeps the layering, stays off test support and devtools.
      files: ["src/**/*.{ts,tsx}"],
      rules: {
        "import-x/no-restricted-paths": zones(
          layeringZones(root),
          testSupportZone,
          devtoolsZone,
        ),
      },
    },
    {
      // Tests keep the layering but may use src/testing (and devtools).
      files: ["src/**/*.test.{ts,tsx}"],
      rules: { "import-x/no-restricted-paths": zones(layeringZones(root)) },
    },
    {
      // Test support may import anything.
      files: ["src/testing/**"],
      rules: { "import-x/no-restricted-paths": "off" },
    },
    {
      files: ["netlify/**/*.ts", "convex/**/*.ts"],
      ignores: ["**/*.test.ts", "netlify/testing/**", "convex/test.*.ts"],
      rules: { "import-x/no-restricted-paths": zones(devtoolsZone) },
    },
  );
}

export default daybookConfig(import.meta.dirname);
