/**
 * netlify.toml's headers for the offline app's files, as Netlify reads
 * them (its own parser, the one `netlify dev` uses). netlify dev lets its
 * static server's Cache-Control win, so the browser tests cannot see these.
 */
import { fileURLToPath } from "node:url";
import { parseAllHeaders, type Header } from "@netlify/headers-parser";
import { beforeAll, expect, it } from "vitest";

const NETLIFY_TOML = fileURLToPath(
  new URL("../../netlify.toml", import.meta.url),
);

let rules: Header[];

beforeAll(async () => {
  const parsed = await parseAllHeaders({
    netlifyConfigPath: NETLIFY_TOML,
    headersFiles: [],
    configHeaders: [],
    minimal: false,
  });
  expect(parsed.errors).toEqual([]);
  // Not minimal: every rule comes with its path matcher.
  rules = parsed.headers.filter((rule): rule is Header => "forRegExp" in rule);
  expect(rules).toHaveLength(parsed.headers.length);
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
  // The page's security headers still apply to it (its CSP governs the worker).
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
