import { ESLint, type Linter } from "eslint";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";

// The import rules of eslint.config.js, run on a small Daybook-shaped tree
// (devtools/lint/fixtures: features alpha and beta, app, lib, testing,
// devtools). The main lint run ignores that folder.
const repo = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

// eslint.config.js is JavaScript: import it by URL so tsc needn't type it.
const { daybookConfig } = (await import(
  pathToFileURL(join(repo, "eslint.config.js")).href
)) as { daybookConfig: (root: string) => Linter.Config[] };

const eslint = new ESLint({
  cwd: fixtures,
  overrideConfigFile: true,
  overrideConfig: daybookConfig(fixtures),
});

type Problem = { rule: string | null; line: number; message: string };

/** The import-x errors for `source` as the file at `filePath` (in fixtures/). */
async function importErrors(source: string, filePath: string) {
  const [result] = await eslint.lintText(source, {
    filePath: join(fixtures, filePath),
  });
  return result!.messages
    .filter((m) => m.ruleId?.startsWith("import-x/") && m.severity === 2)
    .map((m): Problem => ({
      rule: m.ruleId,
      line: m.line,
      message: m.message,
    }));
}

/** One `import` per specifier, each on its own line (line n = specifiers[n-1]). */
const importing = (...specifiers: string[]) =>
  specifiers
    .map((from, i) => `import { v${i} } from "${from}";\n`)
    .join("")
    .concat(`export const all = [${specifiers.map((_, i) => `v${i}`)}];\n`);

const restricted = (line: number, message: RegExp) => ({
  rule: "import-x/no-restricted-paths",
  line,
  message: expect.stringMatching(message),
});

describe("import-x/no-cycle", () => {
  test("fails two files that import each other", async () => {
    const results = await eslint.lintFiles(["src/lib/cycleA.ts"]);
    const cycles = results[0]!.messages.filter(
      (m) => m.ruleId === "import-x/no-cycle",
    );
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/Dependency cycle/);
  });

  test("passes an import that closes no cycle", async () => {
    expect(await importErrors(importing("./text"), "src/lib/fine.ts")).toEqual(
      [],
    );
  });
});

describe("layering of src/", () => {
  test.each([
    ["src/components/Bad.ts", "@/features/alpha"],
    ["src/components/Bad.ts", "../features/alpha/internal"],
    ["src/lib/Bad.ts", "@/app/shell"],
    ["src/config/Bad.ts", "../features/beta"],
  ])("%s may not import %s", async (file, from) => {
    expect(await importErrors(importing(from), file)).toEqual([
      restricted(1, /sit below features\/ and app\//),
    ]);
  });

  test("a feature may not import app/", async () => {
    expect(
      await importErrors(importing("@/app/shell"), "src/features/beta/x.ts"),
    ).toEqual([restricted(1, /features\/ may not import app\//)]);
  });

  test("a feature may not import another feature's insides", async () => {
    const source = importing("@/features/alpha/internal", "../alpha/internal");
    expect(await importErrors(source, "src/features/beta/x.ts")).toEqual([
      restricted(1, /the alpha feature only through its index/),
      restricted(2, /the alpha feature only through its index/),
    ]);
  });

  test("a feature may import another feature through its index.ts", async () => {
    const source = importing(
      "@/features/alpha",
      "../alpha",
      "../alpha/index",
      "@/lib/text",
    );
    expect(await importErrors(source, "src/features/beta/x.ts")).toEqual([]);
  });

  test("a feature may import its own insides", async () => {
    const source = importing("./internal", "@/features/alpha/internal");
    expect(await importErrors(source, "src/features/alpha/x.ts")).toEqual([]);
  });

  test("app/ may import features (through their index), components and lib", async () => {
    const source = importing("@/features/alpha", "@/lib/text");
    expect(await importErrors(source, "src/app/x.ts")).toEqual([]);
  });

  test("app/ may not import a feature's insides", async () => {
    const source = importing("@/features/alpha/internal");
    expect(await importErrors(source, "src/app/x.ts")).toEqual([
      restricted(1, /the alpha feature only through its index/),
    ]);
  });
});

describe("test support and devtools", () => {
  test.each([
    "src/lib/bad.ts",
    "src/features/beta/bad.ts",
    "src/main.tsx",
    "netlify/functions/bad.ts",
    "convex/bad.ts",
  ])("product code in %s may not import devtools/", async (file) => {
    const tool = relative(dirname(file), "devtools/tool");
    expect(await importErrors(importing(tool), file)).toEqual([
      restricted(1, /devtools\/ is for development only/),
    ]);
  });

  test("product code may not import src/testing", async () => {
    expect(
      await importErrors(importing("@/testing/helper"), "src/lib/bad.ts"),
    ).toEqual([restricted(1, /src\/testing is test support/)]);
  });

  test("tests may import src/testing and devtools/ but keep the layering", async () => {
    const source = importing(
      "@/testing/helper",
      "../../../devtools/tool",
      "@/features/alpha/internal",
    );
    expect(await importErrors(source, "src/features/beta/x.test.ts")).toEqual([
      restricted(3, /the alpha feature only through its index/),
    ]);
  });

  test("src/testing may import anything", async () => {
    const source = importing(
      "@/app/shell",
      "@/features/alpha/internal",
      "./helper",
      "../../devtools/tool",
    );
    expect(await importErrors(source, "src/testing/x.ts")).toEqual([]);
  });
});

test("the main lint run skips these fixtures", async () => {
  const main = new ESLint({ cwd: repo });
  expect(await main.isPathIgnored(join(fixtures, "src/lib/cycleA.ts"))).toBe(
    true,
  );
});
