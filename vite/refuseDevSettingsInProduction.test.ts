import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResolvedConfig } from "vite";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../devtools/stack/paths";
import {
  findDevSettings,
  refuseDevSettingsInProduction,
} from "./refuseDevSettingsInProduction";

describe("devMode never on in production builds", () => {
  it("finds the WorkOS emulator settings that turn AuthKit's devMode on", () => {
    expect(
      findDevSettings({
        VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud",
        VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
        VITE_WORKOS_API_PORT: "8484",
        VITE_WORKOS_API_HTTPS: "false",
      }),
    ).toEqual([
      "VITE_WORKOS_API_HOSTNAME=127.0.0.1",
      "VITE_WORKOS_API_PORT=8484",
      "VITE_WORKOS_API_HTTPS=false",
    ]);
    expect(
      findDevSettings({ VITE_WORKOS_API_HOSTNAME: "auth.example.com" }),
    ).toEqual(["VITE_WORKOS_API_HOSTNAME=auth.example.com"]);
  });

  it("finds a sign-in redirect to this machine, and allows one to a real site", () => {
    expect(
      findDevSettings({
        VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
      }),
    ).toEqual(["VITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback"]);
    expect(
      findDevSettings({
        VITE_WORKOS_REDIRECT_URI: "https://daybook.example/callback",
      }),
    ).toEqual([]);
  });

  it("counts empty values as unset, as the e2e build sets them over a developer's .env.local", () => {
    expect(
      findDevSettings({
        VITE_WORKOS_API_HOSTNAME: "",
        VITE_WORKOS_API_PORT: " ",
        VITE_WORKOS_API_HTTPS: "",
        VITE_WORKOS_REDIRECT_URI: "",
      }),
    ).toEqual([]);
  });

  it("refuses only production builds (a development build may use the emulator)", () => {
    const plugin = refuseDevSettingsInProduction({
      VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
    });
    const configResolved = plugin.configResolved as (
      config: Pick<ResolvedConfig, "isProduction">,
    ) => void;
    expect(() => configResolved({ isProduction: false })).not.toThrow();
    expect(() => configResolved({ isProduction: true })).toThrow(
      /must not carry development settings[\s\S]*VITE_WORKOS_API_HOSTNAME=127\.0\.0\.1/,
    );
  });

  it("fails a real `vite build` with VITE_WORKOS_API_HOSTNAME set, before writing anything", async () => {
    const outDir = join(
      await mkdtemp(join(tmpdir(), "daybook-devmode-build-")),
      "dist",
    );
    try {
      const { exitCode, output } = await viteBuild(outDir, {
        VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud",
        VITE_WORKOS_CLIENT_ID: "client_test",
        VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
        VITE_WORKOS_API_PORT: "8484",
      });
      expect(exitCode).not.toBe(0);
      expect(output).toContain(
        "A production build must not carry development settings",
      );
      expect(output).toContain("VITE_WORKOS_API_HOSTNAME=127.0.0.1");
      expect(existsSync(outDir)).toBe(false);
    } finally {
      await rm(join(outDir, ".."), { recursive: true, force: true });
    }
  });
});

function viteBuild(
  outDir: string,
  env: Record<string, string>,
): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"),
        "build",
        "--outDir",
        outDir,
        "--logLevel",
        "error",
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_ENV: "production", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("close", (exitCode) => resolve({ exitCode, output }));
  });
}
