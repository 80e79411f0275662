import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../../devtools/workos-emulator/emulator";
import {
  authorizeUrlOnSite,
  SITE,
  startTestEmulator,
  stubSignInEnv,
} from "../../testing/sign-in-harness";
import authorize from "./authorize";

let emulator: WorkosEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
  stubSignInEnv(emulator);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

async function authorizeWith(change: (query: URLSearchParams) => void) {
  const url = new URL((await authorizeUrlOnSite(emulator)).url);
  change(url.searchParams);
  return authorize(new Request(url));
}

describe("GET /user_management/authorize", () => {
  it("sends the browser to the same URL on the WorkOS API host", async () => {
    const { url } = await authorizeUrlOnSite(emulator);
    const response = await authorize(new Request(url));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe(emulator.baseUrl);
    expect(location.pathname).toBe("/user_management/authorize");
    expect(location.search).toBe(new URL(url).search);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("refuses another client id", async () => {
    const response = await authorizeWith((q) =>
      q.set("client_id", "client_other"),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it.each([
    "https://evil.example/callback",
    "https://daybook.test.evil.example/callback",
    "http://daybook.test/callback",
    "/callback",
  ])("refuses redirect_uri %s", async (redirectUri) => {
    const response = await authorizeWith((q) =>
      q.set("redirect_uri", redirectUri),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  it("requires a PKCE S256 challenge", async () => {
    const plain = await authorizeWith((q) =>
      q.set("code_challenge_method", "plain"),
    );
    expect(plain.status).toBe(400);
    const none = await authorizeWith((q) => q.delete("code_challenge"));
    expect(none.status).toBe(400);
  });

  it.each(["POST", "PUT", "DELETE"])("answers %s with 405", async (method) => {
    const response = await authorize(
      new Request(`${SITE}/user_management/authorize`, {
        method,
        headers: { Origin: SITE },
      }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });
});
