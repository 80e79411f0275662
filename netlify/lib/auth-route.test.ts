import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../devtools/workos-emulator/emulator";
import authenticate from "../functions/authenticate/authenticate";
import authorize from "../functions/authorize/authorize";
import logout from "../functions/logout/logout";
import {
  authenticateRequest,
  authorizeUrlOnSite,
  SITE,
  startTestEmulator,
  stubSignInEnv,
} from "../testing/sign-in-harness";

let emulator: WorkosEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
  stubSignInEnv(emulator);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator.close();
});

const requests = {
  authorize: async () => new Request((await authorizeUrlOnSite(emulator)).url),
  authenticate: async () =>
    authenticateRequest({
      grant_type: "refresh_token",
      client_id: emulator.clientId,
    }),
  logout: async () => new Request(`${SITE}/user_management/sessions/logout`),
};
const handlers = { authorize, authenticate, logout };

describe.each(Object.keys(handlers) as (keyof typeof handlers)[])(
  "%s with incomplete configuration",
  (name) => {
    it.each([
      ["WORKOS_CLIENT_ID", undefined, "WORKOS_CLIENT_ID is not set."],
      ["WORKOS_API_KEY", undefined, "WORKOS_API_KEY is not set."],
      ["WORKOS_API_KEY", "  ", "WORKOS_API_KEY is not set."],
      [
        "WORKOS_COOKIE_PASSWORD",
        undefined,
        "WORKOS_COOKIE_PASSWORD must be at least 32 characters.",
      ],
      [
        "WORKOS_COOKIE_PASSWORD",
        "short-password",
        "WORKOS_COOKIE_PASSWORD must be at least 32 characters.",
      ],
      ["WORKOS_API_PORT", "eighty", "WORKOS_API_PORT must be a port number."],
    ])("answers 500 naming %s (%j)", async (variable, value, message) => {
      vi.stubEnv(variable, value);
      const response = await handlers[name](await requests[name]());
      expect(response.status).toBe(500);
      const body = (await response.json()) as {
        error: string;
        error_description: string;
      };
      expect(body.error).toBe("server_error");
      expect(body.error_description).toContain(message);
      expect(response.headers.get("cache-control")).toBe("no-store");
    });
  },
);

describe("the host allow-list (never trust Host)", () => {
  const FOREIGN = "http://evil.example";
  const foreignRequests = {
    authorize: async () => {
      const url = new URL((await authorizeUrlOnSite(emulator, FOREIGN)).url);
      return new Request(url, { headers: { Host: "evil.example" } });
    },
    authenticate: async () =>
      authenticateRequest(
        { grant_type: "refresh_token", client_id: emulator.clientId },
        { site: FOREIGN },
      ),
    logout: async () =>
      new Request(`${FOREIGN}/user_management/sessions/logout?return_to=/`, {
        headers: { Host: "evil.example" },
      }),
  };

  it.each(Object.keys(handlers) as (keyof typeof handlers)[])(
    "%s refuses a request for a host not configured: 421, no redirect, no cookie",
    async (name) => {
      const response = await handlers[name](await foreignRequests[name]());
      expect(response.status).toBe(421);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.json()).toMatchObject({
        error: "misdirected_request",
      });
    },
  );

  it.each([
    ["DEPLOY_PRIME_URL", "https://deploy-preview-7--daybook.netlify.app/"],
    ["SITE_NAME", "daybook"],
    ["SITE_ORIGINS", "https://daybook.example, https://www.daybook.example"],
  ])("accepts an origin named by %s (%s)", async (variable, value) => {
    vi.stubEnv(variable, value);
    const origin =
      variable === "SITE_NAME"
        ? "https://deploy-preview-8--daybook.netlify.app"
        : new URL(value.split(",").at(-1)?.trim() ?? "").origin;
    const response = await logout(
      new Request(`${origin}/user_management/sessions/logout`),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${origin}/`);
  });

  it.each(Object.keys(handlers) as (keyof typeof handlers)[])(
    "%s answers 500 naming URL when no origin is configured",
    async (name) => {
      vi.stubEnv("URL", undefined);
      const response = await handlers[name](await requests[name]());
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({
        error: "server_error",
        error_description: expect.stringContaining("URL is not set"),
      });
    },
  );
});

it("modules load without any configuration (nothing is read at import time)", async () => {
  vi.resetModules();
  for (const variable of [
    "WORKOS_CLIENT_ID",
    "WORKOS_API_KEY",
    "WORKOS_COOKIE_PASSWORD",
  ]) {
    vi.stubEnv(variable, undefined);
  }
  await expect(
    import("../functions/authenticate/authenticate"),
  ).resolves.toBeDefined();
  await expect(
    import("../functions/authorize/authorize"),
  ).resolves.toBeDefined();
  await expect(import("../functions/logout/logout")).resolves.toBeDefined();
});
