import type { Plugin } from "vite";

const CHARSET = /\s*<meta charset="[^"]*"\s*\/?>/i;

/**
 * Puts `<meta charset>` first in `<head>` again, after the build's inline
 * preload script has gone there (head-prepend): a browser looks for it in
 * the page's first 1,024 bytes only, and that script pushes it past them.
 */
export function charsetFirst(): Plugin {
  return {
    name: "daybook:charset-first",
    apply: "build",
    transformIndexHtml: { order: "post", handler: moveCharsetFirst },
  };
}

export function moveCharsetFirst(html: string): string {
  const charset = CHARSET.exec(html);
  if (!charset)
    throw new Error("charsetFirst: index.html has no <meta charset>.");
  const withoutIt = html.replace(CHARSET, "");
  return withoutIt.replace(
    /<head>/i,
    (head) => `${head}\n    ${charset[0].trim()}`,
  );
}
