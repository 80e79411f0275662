import { expect, test } from "vitest";
import type { Rollup } from "vite";
import { chunksOf, preloadScript } from "./preloadSignedInApp";

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

test("preloads the lazy app's chunks that the entry does not already load, after the entry module", () => {
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
  expect(chunksOf(bundle, "src/app/AppShell.tsx")).toEqual({
    entryModule: "assets/index.js",
    lazyOnly: ["assets/AppShell.js", "assets/shared.js"],
  });
});

test("a build without the named lazy chunk fails rather than preloading nothing", () => {
  const bundle = {
    "assets/index.js": chunk("assets/index.js", [], { isEntry: true }),
  } as Rollup.OutputBundle;
  expect(() => chunksOf(bundle, "src/app/AppShell.tsx")).toThrow(
    /no lazy chunk/,
  );
});

/** Runs the inline script against a fake page; returns what it preloaded. */
function runPreloadScript(options: {
  cookie: string;
  serviceWorkerControls?: boolean;
}) {
  const { children } = preloadScript(
    ["/assets/AppShell.js", "/assets/shared.js"],
    "/assets/index.js",
  );
  const preloaded: string[] = [];
  let observed: ((names: string[]) => void) | undefined;
  class FakeObserver {
    constructor(
      callback: (list: { getEntries(): { name: string }[] }) => void,
    ) {
      observed = (names) =>
        callback({ getEntries: () => names.map((name) => ({ name })) });
    }
    observe(options: { type: string; buffered: boolean }) {
      expect(options).toEqual({ type: "resource", buffered: true });
    }
    disconnect() {
      observed = undefined;
    }
  }
  const document = {
    cookie: options.cookie,
    createElement: () => ({ rel: "", href: "" }),
    head: {
      append: (link: { rel: string; href: string }) => {
        expect(link.rel).toBe("modulepreload");
        preloaded.push(link.href);
      },
    },
  };
  new Function(
    "document",
    "location",
    "navigator",
    "PerformanceObserver",
    String(children),
  )(
    document,
    new URL("https://daybook.example/2026-12-01"),
    {
      serviceWorker: {
        controller: options.serviceWorkerControls ? {} : null,
      },
    },
    FakeObserver,
  );
  const arrive = (...paths: string[]) =>
    observed?.(paths.map((path) => `https://daybook.example${path}`));
  return { preloaded, arrive };
}

test("the app's chunks are asked for once the entry module has arrived, not before", () => {
  const page = runPreloadScript({ cookie: "workos-has-session=1" });
  page.arrive("/assets/react.js", "/assets/index.css");
  expect(page.preloaded).toEqual([]);
  page.arrive("/assets/index.js");
  expect(page.preloaded).toEqual(["/assets/AppShell.js", "/assets/shared.js"]);
  page.arrive("/assets/other.js");
  expect(page.preloaded).toHaveLength(2);
});

test("a page the service worker serves asks for the app's chunks at once", () => {
  const page = runPreloadScript({
    cookie: "workos-has-session=1",
    serviceWorkerControls: true,
  });
  expect(page.preloaded).toEqual(["/assets/AppShell.js", "/assets/shared.js"]);
});

test("without the session marker nothing is preloaded", () => {
  const page = runPreloadScript({ cookie: "theme=dark" });
  page.arrive("/assets/index.js", "/assets/react.js");
  expect(page.preloaded).toEqual([]);
});
