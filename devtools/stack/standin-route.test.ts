import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { routeConvexToStandin } from "./standin-route";

it("proxies the Convex sync path of the site to the stand-in, forced before the SPA fallback", async () => {
  const dir = await mkdtemp(join(tmpdir(), "daybook-route-"));
  try {
    await routeConvexToStandin(dir, "http://127.0.0.1:3210");
    expect(await readFile(join(dir, "_redirects"), "utf8")).toBe(
      "/api/*  http://127.0.0.1:3210/api/:splat  200!\n",
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
