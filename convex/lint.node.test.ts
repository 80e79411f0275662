// @vitest-environment node
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const cwd = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd });

/** The no-restricted-imports errors ESLint reports for `source` at `filePath`. */
async function restrictedImports(source: string, filePath: string) {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2)
    .map((m) => m.message);
}

const handler = "{ args: {}, handler: async () => null }";

describe("ESLint's rule on raw Convex builders", () => {
  test.each([
    ["query", "./_generated/server", "convex/bad.ts"],
    ["mutation", "./_generated/server", "convex/bad.ts"],
    ["action", "./_generated/server", "convex/bad.ts"],
    ["httpAction", "./_generated/server", "convex/bad.ts"],
    ["query", "../_generated/server", "convex/lib/bad.ts"],
    ["mutation", "../_generated/server", "convex/lib/bad.ts"],
    ["action", "../_generated/server", "convex/lib/bad.ts"],
  ])("forbids importing %s from %s in %s", async (name, from, filePath) => {
    const source = `import { ${name} } from "${from}";\nexport const f = ${name}(${handler} as never);\n`;
    const errors = await restrictedImports(source, filePath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/userQuery\/userMutation\/userAction/);
  });

  test.each([
    [
      "a renamed import",
      `import { query as q } from "./_generated/server";`,
      "convex/bad.ts",
    ],
    [
      "a namespace import",
      `import * as server from "./_generated/server";`,
      "convex/bad.ts",
    ],
    [
      "a re-export",
      `export { query } from "./_generated/server";`,
      "convex/bad.ts",
    ],
    [
      "a .js specifier",
      `import { query } from "./_generated/server.js";`,
      "convex/bad.ts",
    ],
    [
      "a deeper relative path",
      `import { query } from "../../_generated/server";`,
      "convex/lib/deep/bad.ts",
    ],
  ])("forbids %s of the raw builders", async (_what, source, filePath) => {
    expect(await restrictedImports(source + "\n", filePath)).not.toEqual([]);
  });

  test("allows the raw builders in convex/lib/auth.ts, which wraps them", async () => {
    const source = `import { mutation, query } from "../_generated/server";\nexport const q = query;\nexport const m = mutation;\n`;
    expect(await restrictedImports(source, "convex/lib/auth.ts")).toEqual([]);
  });

  test("forbids the raw internalMutation: the one from convex/lib/auth keeps day summaries current", async () => {
    const source = `import { internalMutation } from "./_generated/server";\nexport const f = internalMutation(${handler});\n`;
    const errors = await restrictedImports(source, "convex/bad.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/keep the day summaries current/);
  });

  test("allows internal queries and actions anywhere in convex/", async () => {
    const source = `import { internalAction, internalQuery } from "./_generated/server";\nexport const f = internalQuery(${handler});\nexport const g = internalAction(${handler});\n`;
    expect(await restrictedImports(source, "convex/bad.ts")).toEqual([]);
  });
});
