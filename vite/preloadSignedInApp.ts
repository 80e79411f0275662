import type { HtmlTagDescriptor, Plugin, Rollup } from "vite";

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * The signed-in app is a lazy chunk (src/app/App.tsx loads AppShell), so a
 * signed-out visitor never downloads it. A returning person does, and would
 * otherwise start that download only after the entry script has run. This
 * adds an inline script to index.html that, when the session marker cookie
 * is present, asks for the app's chunks at once with modulepreload links:
 * they arrive while the entry script is still being parsed.
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
        const files = chunksOnlyFor(context.bundle, options.lazyEntry);
        return [preloadScript(files.map((file) => `/${file}`))];
      },
    },
  };
}

/** The chunks a lazy entry needs that the page's entry does not load. */
export function chunksOnlyFor(
  bundle: OutputBundle,
  lazyEntry: string,
): string[] {
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
  return [...graphOf(lazy)].filter((file) => !alreadyLoaded.has(file));
}

function preloadScript(hrefs: string[]): HtmlTagDescriptor {
  return {
    tag: "script",
    children:
      `if (/(?:^|;\\s*)workos-has-session=/.test(document.cookie)) {\n` +
      `  for (const href of ${JSON.stringify(hrefs)}) {\n` +
      `    const link = document.createElement("link");\n` +
      `    link.rel = "modulepreload";\n` +
      `    link.href = href;\n` +
      `    document.head.append(link);\n` +
      `  }\n` +
      `}\n`,
    // First in <head>: an inline script after a stylesheet waits for it.
    injectTo: "head-prepend",
  };
}
