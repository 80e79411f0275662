import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Serves the Convex stand-in on the site's own origin: a `_redirects` rule in
 * the demo's publish folder makes Netlify's local runtime proxy the sync
 * WebSocket (`/api/<client version>/sync`) to it.
 *
 * Why: netlify.toml's CSP allows `connect-src 'self'` plus Convex cloud, and
 * the demo must run that production policy unchanged. With the stand-in behind
 * the site's origin, VITE_CONVEX_URL is the site itself, `'self'` covers the
 * WebSocket, and nothing about localhost ever enters netlify.toml. Only this
 * temporary folder gets the rule; a production build has no `_redirects`.
 * `_redirects` rules come before netlify.toml's, so the SPA fallback `/*`
 * never shadows it.
 */
export async function routeConvexToStandin(
  publishDir: string,
  standinUrl: string,
) {
  const target = `${new URL(standinUrl).origin}/api/:splat`;
  await writeFile(join(publishDir, "_redirects"), `/api/*  ${target}  200!\n`);
}
