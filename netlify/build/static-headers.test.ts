/**
 * netlify.toml's headers for the offline app's files, with the `_headers`
 * file a build writes (its Content-Security-Policy), as Netlify reads them
 * (its own parser, the one `netlify dev` uses). netlify dev lets its static
 * server's Cache-Control win, so the browser tests cannot see these.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllHeaders, type Header } from "@netlify/headers-parser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { headersFile, policyFor } from "../../vite/contentSecurityPolicy";

const NETLIFY_TOML = fileURLToPath(
  new URL("../../netlify.toml", import.meta.url),
);

let rules: Header[];
let buildDir: string;

beforeAll(async () => {
  // What `vite build` writes into dist/_headers.
  buildDir = await mkdtemp(join(tmpdir(), "daybook-headers-"));
  const builtHeaders = join(buildDir, "_headers");
  await writeFile(
    builtHeaders,
    headersFile(
      policyFor({ VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud" }, [
        "/* an inline script */",
      ]),
    ),
  );
  const parsed = await parseAllHeaders({
    netlifyConfigPath: NETLIFY_TOML,
    headersFiles: [builtHeaders],
    configHeaders: [],
    minimal: false,
  });
  expect(parsed.errors).toEqual([]);
  // Not minimal: every rule comes with its path matcher.
  rules = parsed.headers.filter((rule): rule is Header => "forRegExp" in rule);
  expect(rules).toHaveLength(parsed.headers.length);
});

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

/** Every rule matching `path`, later ones winning, as Netlify applies them. */
function headersFor(path: string): Record<string, string> {
  return Object.assign(
    {},
    ...rules
      .filter(({ forRegExp }) => forRegExp.test(path))
      .map(({ values }) => values),
  );
}

it("the service worker is revalidated on every update check, never cached as immutable", () => {
  const worker = headersFor("/sw.js");
  expect(worker["Cache-Control"]).toBe("no-cache");
  // The build's policy applies to it too (its CSP governs the worker).
  expect(worker["Content-Security-Policy"]).toContain(
    "require-trusted-types-for 'script'",
  );
  // The matcher works: hashed bundles are the immutable ones.
  expect(headersFor("/assets/index-AbC123.js")["Cache-Control"]).toBe(
    "public, max-age=31536000, immutable",
  );
});

it("the web app manifest is served as one, and revalidated", () => {
  expect(headersFor("/manifest.webmanifest")).toMatchObject({
    "Content-Type": "application/manifest+json",
    "Cache-Control": "no-cache",
  });
});
