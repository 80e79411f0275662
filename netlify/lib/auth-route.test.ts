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
