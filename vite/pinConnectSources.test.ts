import { expect, test } from "vitest";
import { pinConnectSources } from "./pinConnectSources";

function policyFor(env: Record<string, string>): string {
  const plugin = pinConnectSources(env);
  const transform = plugin.transformIndexHtml as unknown as () => {
    attrs: { content: string };
  }[];
  return transform()[0]!.attrs.content;
}

test("a build for a Convex cloud deployment may connect only to itself and that deployment", () => {
  expect(
    policyFor({ VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud" }),
  ).toBe(
    "connect-src 'self' https://happy-otter-123.convex.cloud wss://happy-otter-123.convex.cloud",
  );
});

test("a plain-http deployment (local backend or demo) gets ws, and an explicit AuthKit host is added", () => {
  expect(
    policyFor({
      VITE_CONVEX_URL: "http://127.0.0.1:3210",
      VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
      VITE_WORKOS_API_PORT: "8484",
      VITE_WORKOS_API_HTTPS: "false",
    }),
  ).toBe(
    "connect-src 'self' http://127.0.0.1:3210 ws://127.0.0.1:3210 http://127.0.0.1:8484",
  );
});

test("without configuration only the page's own origin is allowed", () => {
  expect(policyFor({})).toBe("connect-src 'self'");
});
