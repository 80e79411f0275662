import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { inlineScriptsOf, policyFor } from "./contentSecurityPolicy";

function directive(policy: string, name: string) {
  return policy
    .split("; ")
    .find((entry) => entry === name || entry.startsWith(`${name} `));
}

test("a build for a Convex cloud deployment may connect only to itself and that deployment", () => {
  const policy = policyFor(
    { VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud" },
    [],
  );
  expect(directive(policy, "connect-src")).toBe(
    "connect-src 'self' https://happy-otter-123.convex.cloud wss://happy-otter-123.convex.cloud",
  );
});

test("a plain-http deployment (local backend or demo) gets ws, and an explicit AuthKit host is added", () => {
  const policy = policyFor(
    {
      VITE_CONVEX_URL: "http://127.0.0.1:3210",
      VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
      VITE_WORKOS_API_PORT: "8484",
      VITE_WORKOS_API_HTTPS: "false",
    },
    [],
  );
  expect(directive(policy, "connect-src")).toBe(
    "connect-src 'self' http://127.0.0.1:3210 ws://127.0.0.1:3210 http://127.0.0.1:8484",
  );
});

test("without configuration only the page's own origin is allowed", () => {
  expect(directive(policyFor({}, []), "connect-src")).toBe(
    "connect-src 'self'",
  );
});

test("each inline script of index.html is allowed by its own hash, and no other inline script is", async () => {
  const html = await readFile(
    new URL("../index.html", import.meta.url),
    "utf8",
  );
  const scripts = inlineScriptsOf(html);
  // The Trusted Types policy, then the theme.
  expect(scripts).toHaveLength(2);
  expect(scripts[0]).toContain('createPolicy("default"');
  expect(scripts[1]).toContain("daybook-theme");
  const hashes = scripts.map(
    (script) =>
      `'sha256-${createHash("sha256").update(script).digest("base64")}'`,
  );
  expect(directive(policyFor({}, scripts), "script-src")).toBe(
    `script-src 'self' ${hashes.join(" ")}`,
  );
  expect(directive(policyFor({}, scripts), "script-src")).not.toContain(
    "unsafe-inline",
  );
});

test("the policy keeps every fixed directive", () => {
  expect(policyFor({}, []).split("; ")).toEqual(
    expect.arrayContaining([
      "default-src 'self'",
      "style-src-attr 'none'",
      "img-src 'self' https:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types default",
      "report-uri /csp-report",
      "report-to csp",
    ]),
  );
});
