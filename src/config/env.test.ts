import { describe, expect, test } from "vitest";
import { readAppConfig } from "./env";

const page = (url: string) => {
  const { origin, hostname, port, protocol } = new URL(url);
  return { origin, hostname, port, protocol };
};
const complete = {
  VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  VITE_WORKOS_CLIENT_ID: "client_123",
};

describe("readAppConfig", () => {
  test("lists every missing variable instead of failing later", () => {
    expect(readAppConfig({}, page("https://daybook.example"))).toEqual({
      ok: false,
      missing: ["VITE_CONVEX_URL", "VITE_WORKOS_CLIENT_ID"],
    });
    expect(
      readAppConfig(
        {
          VITE_CONVEX_URL: "https://x.convex.cloud",
          VITE_WORKOS_CLIENT_ID: " ",
        },
        page("https://daybook.example"),
      ),
    ).toEqual({ ok: false, missing: ["VITE_WORKOS_CLIENT_ID"] });
  });

  test("a production build talks to its own origin, outside devMode", () => {
    const result = readAppConfig(
      { ...complete, PROD: true },
      page("https://daybook.example"),
    );
    expect(result).toEqual({
      ok: true,
      config: {
        convexUrl: complete.VITE_CONVEX_URL,
        authKit: {
          clientId: "client_123",
          redirectUri: "https://daybook.example/callback",
          apiHostname: "daybook.example",
          port: undefined,
          https: true,
          devMode: false,
        },
      },
    });
  });

  test("a production build on a local port keeps the port and plain http", () => {
    const result = readAppConfig(
      { ...complete, PROD: true },
      page("http://localhost:8888"),
    );
    expect(result.ok && result.config.authKit).toMatchObject({
      apiHostname: "localhost",
      port: 8888,
      https: false,
      devMode: false,
    });
  });

  test("the development server uses AuthKit's devMode and default host", () => {
    const result = readAppConfig(
      { ...complete, PROD: false, DEV: true },
      page("http://localhost:5173"),
    );
    expect(result.ok && result.config.authKit).toEqual({
      clientId: "client_123",
      redirectUri: "http://localhost:5173/callback",
      devMode: true,
    });
  });

  const emulatorHost = {
    VITE_WORKOS_API_HOSTNAME: "127.0.0.1",
    VITE_WORKOS_API_PORT: "8787",
    VITE_WORKOS_API_HTTPS: "false",
  };

  test("on the development server, an explicit API host (the emulator) is used in devMode", () => {
    const env = {
      ...complete,
      ...emulatorHost,
      PROD: false,
      DEV: true,
      VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
    };
    const result = readAppConfig(env, page("http://localhost:5173"));
    expect(result.ok && result.config.authKit).toEqual({
      clientId: "client_123",
      redirectUri: "http://localhost:5173/callback",
      apiHostname: "127.0.0.1",
      port: 8787,
      https: false,
      devMode: true,
    });
  });

  test("a production build never runs devMode: an API host set for it is ignored and its own origin is used", () => {
    const env = { ...complete, ...emulatorHost, PROD: true };
    const result = readAppConfig(env, page("https://daybook.example"));
    expect(result.ok && result.config.authKit).toEqual({
      clientId: "client_123",
      redirectUri: "https://daybook.example/callback",
      apiHostname: "daybook.example",
      port: undefined,
      https: true,
      devMode: false,
    });
  });
});
