import type { HtmlTagDescriptor, Plugin, Rollup } from "vite";

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * The signed-in app is a lazy chunk (src/app/App.tsx loads AppShell), so a
 * signed-out visitor never downloads it. A returning person does, and would
 * otherwise start that download only after the entry script has run. This
 * adds an inline script to index.html that, when the session marker cookie
 * is present, asks for the app's chunks with modulepreload links as soon as
 * the entry module itself has arrived. Not at once: on a slow link they
 * would share the bandwidth with the entry's chunks, and everything (the
 * Convex client, the socket, the day's queries) waits for those. Measured
 * on the bench's phone profile (1.6 Mbps), asked at once, the entry's React
 * chunk arrived together with the app's, and the day's todos 250 ms later.
 * Nor once every chunk of the entry has arrived, as it was: the entry
 * module is smaller than React's chunk and arrives about a round trip
 * before it, so the app's requests are on their way while React's last
 * bytes come in, and their own bytes follow at once. The link never waits
 * a round trip with nothing on it: the app's chunk arrived 200 ms sooner,
 * and with an empty cache the list painted at 1.12× the floor's time, not
 * 1.33× (with the refresh sent early, vite/earlySignInRefresh.ts).
 *
 * The marker is the non-HttpOnly `workos-has-session` cookie the sign-in
 * functions set beside the sealed session (authkit-js reads it too). Its
 * presence is a hint only: the chunks are public and the session is still
 * checked as before.
 */
export function preloadSignedInApp(options: { lazyEntry: string }): Plugin {
  return {
    name: "daybook:preload-signed-in-app",
    apply: "build",
    transformIndexHtml: {
      // After Vite has added the entry's own tags (the CSP plugin hashes
      // this script in the emitted page).
      order: "post",
      handler(_html, context) {
        if (!context.bundle) return;
        const { entryModule, lazyOnly } = chunksOf(
          context.bundle,
          options.lazyEntry,
        );
        const url = (file: string) => `/${file}`;
        return [preloadScript(lazyOnly.map(url), url(entryModule))];
      },
    },
  };
}

/**
 * The page's entry module, and the chunks a lazy entry needs that the
 * page's entry does not load.
 */
export function chunksOf(
  bundle: OutputBundle,
  lazyEntry: string,
): { entryModule: string; lazyOnly: string[] } {
  const chunks = Object.values(bundle).filter(
    (output): output is OutputChunk => output.type === "chunk",
  );
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const graphOf = (start: OutputChunk) => {
    const seen = new Set<string>();
    const visit = (fileName: string) => {
      if (seen.has(fileName)) return;
      seen.add(fileName);
      for (const imported of byName.get(fileName)?.imports ?? []) {
        visit(imported);
      }
    };
    visit(start.fileName);
    return seen;
  };
  const entry = chunks.find((chunk) => chunk.isEntry);
  const lazy = chunks.find(
    (chunk) =>
      chunk.isDynamicEntry &&
      chunk.facadeModuleId?.replaceAll("\\", "/").endsWith(lazyEntry),
  );
  if (!entry || !lazy) {
    throw new Error(`preloadSignedInApp: no lazy chunk for ${lazyEntry}.`);
  }
  const alreadyLoaded = graphOf(entry);
  return {
    entryModule: entry.fileName,
    lazyOnly: [...graphOf(lazy)].filter((file) => !alreadyLoaded.has(file)),
  };
}

/**
 * `hrefs` are asked for once `after` has arrived (its resource timing
 * entry), or at once when the service worker serves the page (its cache
 * shares no bandwidth). Should the entry never show (a full timing buffer),
 * the app asks for its chunks itself once the entry has run
 * (src/app/App.tsx), as before this script.
 */
export function preloadScript(
  hrefs: string[],
  after: string,
): HtmlTagDescriptor {
  return {
    tag: "script",
    children:
      `if (/(?:^|;\\s*)workos-has-session=/.test(document.cookie)) {\n` +
      `  const waitingFor = new URL(${JSON.stringify(after)}, location.href).href;\n` +
      `  const preload = () => {\n` +
      `    for (const href of ${JSON.stringify(hrefs)}) {\n` +
      `      const link = document.createElement("link");\n` +
      `      link.rel = "modulepreload";\n` +
      `      link.href = href;\n` +
      `      document.head.append(link);\n` +
      `    }\n` +
      `  };\n` +
      // Served by the service worker from its cache, nothing shares a
      // network: asked for at once, fetched and compiled beside the entry.
      `  if (navigator.serviceWorker && navigator.serviceWorker.controller) {\n` +
      `    preload();\n` +
      `  } else try {\n` +
      `    const observer = new PerformanceObserver((list) => {\n` +
      `      if (!list.getEntries().some((entry) => entry.name === waitingFor)) return;\n` +
      `      observer.disconnect();\n` +
      `      preload();\n` +
      `    });\n` +
      `    observer.observe({ type: "resource", buffered: true });\n` +
      `  } catch {\n` +
      `    preload();\n` +
      `  }\n` +
      `}\n`,
    // First in <head>: an inline script after a stylesheet waits for it.
    injectTo: "head-prepend",
  };
}
