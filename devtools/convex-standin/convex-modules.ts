import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";

/** What `convexTest({ modules })` takes: path → lazy module import. */
export type ConvexModules = Record<string, () => Promise<unknown>>;

// Like the Convex bundler (and convex/test.setup.ts), a name with more than
// one dot is not a function module: tests, `auth.config.ts`, `*.d.ts`.
function isDeployableModule(fileName: string) {
  return /\.(ts|js)$/.test(fileName) && fileName.split(".").length === 2;
}

function listModuleFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listModuleFiles(path);
    return isDeployableModule(entry.name) ? [path] : [];
  });
}

/**
 * The explicit modules map that `import.meta.glob` builds under Vite. Keys
 * are `./`-relative POSIX paths with extensions: convex-test strips the
 * extension and finds the root by the `_generated` entries, which must be
 * among them.
 */
export function loadConvexModules(convexDirectory: string): ConvexModules {
  const modules: ConvexModules = {};
  for (const file of listModuleFiles(convexDirectory)) {
    const key = `./${relative(convexDirectory, file).split(sep).join("/")}`;
    const url = pathToFileURL(file).href;
    modules[key] = () => import(url);
  }
  if (!Object.keys(modules).some((key) => key.startsWith("./_generated/"))) {
    throw new Error(
      `No convex/_generated modules in ${convexDirectory}; run \`npm run codegen\`.`,
    );
  }
  return modules;
}
