import { describe, expect, it } from "vitest";
import { readAuthConfig } from "./auth-config";

const complete = {
  WORKOS_CLIENT_ID: "client_123",
  WORKOS_API_KEY: "sk_test_123",
  WORKOS_COOKIE_PASSWORD: "p".repeat(32),
};

describe("readAuthConfig", () => {
  it("reads a complete production configuration with WorkOS's own host", () => {
    expect(readAuthConfig(complete)).toEqual({
      ok: true,
      config: {
        clientId: "client_123",
        apiKey: "sk_test_123",
        cookiePassword: "p".repeat(32),
        apiHostname: undefined,
        apiPort: undefined,
        apiHttps: true,
      },
    });
  });

  it("reads the emulator overrides", () => {
    const result = readAuthConfig({
      ...complete,
      WORKOS_API_HOSTNAME: "127.0.0.1",
      WORKOS_API_PORT: "8484",
      WORKOS_API_HTTPS: "false",
    });
    expect(result).toMatchObject({
      ok: true,
      config: { apiHostname: "127.0.0.1", apiPort: 8484, apiHttps: false },
    });
  });

  it("names every problem at once", () => {
    const result = readAuthConfig({
      WORKOS_COOKIE_PASSWORD: "short",
      WORKOS_API_HTTPS: "yes",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "WORKOS_CLIENT_ID is not set.",
        "WORKOS_API_KEY is not set.",
        "WORKOS_COOKIE_PASSWORD must be at least 32 characters.",
        "WORKOS_API_HTTPS must be true or false.",
      ],
    });
  });
});
