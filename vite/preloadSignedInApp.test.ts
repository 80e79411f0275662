import { expect, test } from "vitest";
import type { Rollup } from "vite";
import { chunksOnlyFor } from "./preloadSignedInApp";

function chunk(
  fileName: string,
  imports: string[],
  kind: { isEntry?: boolean; facade?: string } = {},
) {
  return {
    type: "chunk",
    fileName,
    imports,
    isEntry: kind.isEntry ?? false,
    isDynamicEntry: kind.facade !== undefined,
    facadeModuleId: kind.facade ?? null,
  } as unknown as Rollup.OutputChunk;
}

test("preloads the lazy app's chunks that the entry does not already load", () => {
  const bundle = Object.fromEntries(
    [
      chunk("assets/index.js", ["assets/react.js", "assets/icons.js"], {
        isEntry: true,
      }),
      chunk("assets/react.js", []),
      chunk("assets/icons.js", []),
      chunk("assets/AppShell.js", ["assets/react.js", "assets/shared.js"], {
        facade: "/repo/src/app/AppShell.tsx",
      }),
      chunk("assets/shared.js", ["assets/icons.js"]),
      chunk("assets/Settings.js", ["assets/react.js"], {
        facade: "/repo/src/features/settings/Settings.tsx",
      }),
    ].map((output) => [output.fileName, output]),
  ) as Rollup.OutputBundle;
  expect(chunksOnlyFor(bundle, "src/app/AppShell.tsx")).toEqual([
    "assets/AppShell.js",
    "assets/shared.js",
  ]);
});

test("a build without the named lazy chunk fails rather than preloading nothing", () => {
  const bundle = {
    "assets/index.js": chunk("assets/index.js", [], { isEntry: true }),
  } as Rollup.OutputBundle;
  expect(() => chunksOnlyFor(bundle, "src/app/AppShell.tsx")).toThrow(
    /no lazy chunk/,
  );
});
