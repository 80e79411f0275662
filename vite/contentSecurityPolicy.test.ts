import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Plugin } from "vite";
import { expect, test } from "vitest";
import {
  contentSecurityPolicy,
  inlineScriptsOf,
  policyFor,
} from "./contentSecurityPolicy";

const sha256 = (text: string) =>
  `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

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

/** Stands for any later change to the page: a plugin reshaping the emitted index.html. */
const reshapeEmittedPage: Plugin = {
  name: "test:reshape-emitted-page",
  apply: "build",
  generateBundle: {
    // After Vite's own, which emits the page.
    order: "post",
    handler(_options, bundle) {
      const page = bundle["index.html"];
      if (page?.type === "asset" && typeof page.source === "string")
        page.source = page.source.replace(/<script>\s+/g, "<script>");
    },
  },
};

test("the policy hashes the inline scripts of index.html as emitted, whatever changed the page after Vite's transforms", async () => {
  const root = await mkdtemp(join(tmpdir(), "daybook-csp-"));
  try {
    await writeFile(
      join(root, "index.html"),
      `<!doctype html><html><head><script>\n  document.title = "x";\n</script></head>` +
        `<body><script type="module" src="/main.js"></script></body></html>`,
    );
    await writeFile(join(root, "main.js"), "console.log('main');\n");
    await build({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [contentSecurityPolicy({}), reshapeEmittedPage],
      build: { outDir: join(root, "dist") },
    });
    const page = await readFile(join(root, "dist", "index.html"), "utf8");
    const headers = await readFile(join(root, "dist", "_headers"), "utf8");
    const scripts = inlineScriptsOf(page);
    expect(scripts).toEqual(['document.title = "x";\n']);
    // Every script element without a src is one the policy can hash.
    expect(page.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toEqual(["<script>"]);
    expect(headers).toContain(`script-src 'self' ${sha256(scripts[0]!)};`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
