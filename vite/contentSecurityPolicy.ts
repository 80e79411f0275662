import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plugin } from "vite";

/**
 * The page's Content Security Policy, written by each build into
 * `dist/_headers`, which Netlify applies to the site's static files (and
 * `netlify dev` too). It is built here, not fixed in netlify.toml, because two
 * of its parts are known only to the build:
 *
 * - `script-src` names the hash of each inline script in index.html. The
 *   start-up scripts (the Trusted Types policy, the theme, and a returning
 *   person's sign-in refresh and chunk preload) are inline so that the page
 *   waits for no request before its entry script; as files the first two
 *   blocked the parser and were revalidated on every load.
 * - `connect-src` names exactly this build's Convex deployment. (It was a
 *   `<meta>` policy before; a CSP `<meta>` stops Chrome's preload scanner, so
 *   the entry script started a round trip later.)
 *
 * Everything else is fixed:
 * - img-src: no data: (nothing in the build uses a data: URI, and the
 *   markdown preview drops data: images); https: for the remote images a
 *   note shows once clicked to load.
 * - No WorkOS host in connect-src: a production build sends AuthKit's calls
 *   to its own origin (the functions call WorkOS server to server); only the
 *   Vite dev server, which this policy never reaches, talks to api.workos.com.
 *   A build for a local AuthKit API (VITE_WORKOS_API_HOSTNAME) names it.
 * - Trusted Types: no script may write HTML or script URLs into the page
 *   except through a policy, and only one may exist: "default", created by
 *   an inline script in index.html before any script that writes either
 *   (the two the build puts before it write neither).
 * - Styles: stylesheets from this origin; <style> elements may be inline
 *   because sonner (toasts) and react-remove-scroll (under Radix dialogs)
 *   inject them at run time, the latter with measured values no hash can
 *   cover; style attributes are refused (React and Radix set styles through
 *   the CSSOM, which CSP does not govern).
 * - Violations are reported to the csp-report function
 *   (netlify/functions/csp-report): report-to for browsers with the Reporting
 *   API (its endpoint is named in netlify.toml), report-uri for the rest.
 */
export function contentSecurityPolicy(env: Record<string, string>): Plugin {
  return {
    name: "daybook:content-security-policy",
    apply: "build",
    // The page as written: Vite (and any plugin) may still change index.html
    // after the HTML transforms, until the bundle is generated, so its
    // scripts are hashed only from the emitted file.
    async writeBundle(output, bundle) {
      const page = bundle["index.html"];
      if (page?.type !== "asset")
        throw new Error("index.html was not built: no CSP to write.");
      const html =
        typeof page.source === "string"
          ? page.source
          : new TextDecoder().decode(page.source);
      const policy = policyFor(env, inlineScriptsOf(html));
      await writeFile(join(output.dir!, "_headers"), headersFile(policy));
    },
  };
}

/** The text of each `<script>` without attributes, as the browser hashes it. */
export function inlineScriptsOf(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => match[1]!,
  );
}

/** The policy for a build with these settings and inline scripts. */
export function policyFor(
  env: Record<string, string>,
  inlineScripts: string[],
): string {
  const scriptHashes = inlineScripts.map(
    (script) =>
      `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(" "),
    "style-src 'self'",
    "style-src-elem 'self' 'unsafe-inline'",
    "style-src-attr 'none'",
    "img-src 'self' https:",
    "font-src 'self'",
    `connect-src ${connectSources(env).join(" ")}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types default",
    "report-uri /csp-report",
    "report-to csp",
  ].join("; ");
}

/** Its own origin, this build's Convex deployment, and a local AuthKit API. */
function connectSources(env: Record<string, string>) {
  const sources = ["'self'"];
  const convex = env.VITE_CONVEX_URL;
  if (convex) {
    const url = new URL(convex);
    const socket = url.protocol === "https:" ? "wss:" : "ws:";
    sources.push(url.origin, `${socket}//${url.host}`);
  }
  const authHost = env.VITE_WORKOS_API_HOSTNAME;
  if (authHost) {
    const https = env.VITE_WORKOS_API_HTTPS !== "false";
    const port = env.VITE_WORKOS_API_PORT;
    sources.push(
      `${https ? "https" : "http"}://${authHost}${port ? `:${port}` : ""}`,
    );
  }
  return sources;
}

/** Netlify's `_headers` format: a path, then indented `Name: value` lines. */
export function headersFile(policy: string) {
  return `# Written by vite/contentSecurityPolicy.ts at build time.\n/*\n  Content-Security-Policy: ${policy}\n`;
}
