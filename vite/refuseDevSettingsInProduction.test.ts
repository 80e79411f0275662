import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type ResolvedConfig } from "vite";
import { describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "../devtools/stack/paths";
import {
  findDevSettings,
  findLoopbackRedirect,
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

  it("tells a sign-in redirect to this machine from one to a real site", () => {
    expect(
      findLoopbackRedirect({
        VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
      }),
    ).toBe("http://localhost:5173/callback");
    expect(
      findLoopbackRedirect({
        VITE_WORKOS_REDIRECT_URI: "https://daybook.example/callback",
      }),
    ).toBeNull();
    expect(findLoopbackRedirect({})).toBeNull();
  });

  it("counts empty values as unset, as the e2e build sets them over a developer's .env.local", () => {
    expect(
      findDevSettings({
        VITE_WORKOS_API_HOSTNAME: "",
        VITE_WORKOS_API_PORT: " ",
        VITE_WORKOS_API_HTTPS: "",
      }),
    ).toEqual([]);
  });

  it("refuses only production builds (a development build may use the emulator)", () => {
    const plugin = refuseDevSettingsInProduction({
      VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
    });
    const configResolved = plugin.configResolved as (
      config: Pick<ResolvedConfig, "isProduction" | "logger">,
    ) => void;
    const logger = createLogger("silent");
    expect(() => configResolved({ isProduction: false, logger })).not.toThrow();
    expect(() => configResolved({ isProduction: true, logger })).toThrow(
      /must not carry development settings[\s\S]*VITE_WORKOS_API_HOSTNAME=127\.0\.0\.1/,
    );
  });

  it("only warns about a sign-in redirect to this machine (what `convex dev` writes to .env.local)", () => {
    const plugin = refuseDevSettingsInProduction({
      VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
    });
    const configResolved = plugin.configResolved as (
      config: Pick<ResolvedConfig, "isProduction" | "logger">,
    ) => void;
    const warn = vi.fn();
    const logger = { ...createLogger("silent"), warn };
    expect(() => configResolved({ isProduction: true, logger })).not.toThrow();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "VITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback points at this machine",
      ),
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
