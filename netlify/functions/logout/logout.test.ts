import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../../devtools/workos-emulator/emulator";
import {
  authenticateRequest,
  clearsSignInCookies,
  cookieHeaderAfter,
  obtainCode,
  ROTATING_TOKEN_TTL_SECONDS,
  SITE,
  startTestEmulator,
  stubSignInEnv,
} from "../../testing/sign-in-harness";
import authenticate from "../authenticate/authenticate";
import logout from "./logout";

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

async function signIn() {
  const { code, codeVerifier } = await obtainCode(emulator);
  const response = await authenticate(
    authenticateRequest({
      grant_type: "authorization_code",
      client_id: emulator.clientId,
      code,
      code_verifier: codeVerifier,
    }),
  );
  const { access_token } = (await response.clone().json()) as {
    access_token: string;
  };
  const sid = JSON.parse(
    Buffer.from(access_token.split(".")[1] ?? "", "base64url").toString(),
  ).sid as string;
  return { cookie: cookieHeaderAfter(response), sid };
}

function logoutRequest(query: Record<string, string>, cookie?: string) {
  const url = new URL(`${SITE}/user_management/sessions/logout`);
  for (const [name, value] of Object.entries(query))
    url.searchParams.set(name, value);
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

function refresh(cookie: string) {
  return authenticate(
    authenticateRequest(
      { grant_type: "refresh_token", client_id: emulator.clientId },
      { cookie },
    ),
  );
}

describe("GET /user_management/sessions/logout", () => {
  it("clears both cookies, then sends the browser to WorkOS to end the session", async () => {
    const { cookie, sid } = await signIn();
    const response = await logout(
      logoutRequest({ session_id: sid, return_to: `${SITE}/goodbye` }, cookie),
    );
    expect(response.status).toBe(302);
    expect(clearsSignInCookies(response)).toBe(true);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(
      `${emulator.baseUrl}/user_management/sessions/logout`,
    );
    expect(location.searchParams.get("session_id")).toBe(sid);
    expect(location.searchParams.get("return_to")).toBe(`${SITE}/goodbye`);
  });

  it("makes a later refresh with the old cookie fail with invalid_grant and clear cookies", async () => {
    // A refresh asks WorkOS only once the access token is near its end;
    // until then the (signed, short-lived) token in the cookie is returned.
    await emulator.close();
    emulator = await startTestEmulator({
      accessTokenTtlSeconds: ROTATING_TOKEN_TTL_SECONDS,
    });
    stubSignInEnv(emulator);
    const { cookie, sid } = await signIn();
    const response = await logout(
      logoutRequest({ session_id: sid, return_to: SITE }, cookie),
    );
    // The browser follows the redirect to WorkOS, which ends the session.
    const atWorkos = await fetch(response.headers.get("location") ?? "", {
      redirect: "manual",
    });
    expect(atWorkos.headers.get("location")).toBe(SITE);

    const stale = await refresh(cookie);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: "invalid_grant" });
    expect(clearsSignInCookies(stale)).toBe(true);
  });

  it("revokes the session at WorkOS: a copy of the cookie taken before logout no longer refreshes though the redirect to WorkOS is not followed", async () => {
    await emulator.close();
    emulator = await startTestEmulator({
      accessTokenTtlSeconds: ROTATING_TOKEN_TTL_SECONDS,
    });
    stubSignInEnv(emulator);
    const { cookie, sid } = await signIn();
    const copyTakenBeforeLogout = cookie;
    const response = await logout(
      logoutRequest({ session_id: sid, return_to: SITE }, cookie),
    );
    expect(response.status).toBe(302);
    expect(clearsSignInCookies(response)).toBe(true);
    // The redirect to WorkOS is deliberately not followed.

    const stale = await refresh(copyTakenBeforeLogout);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("revokes only the cookie's own session, never the one named in the query", async () => {
    await emulator.close();
    emulator = await startTestEmulator({
      accessTokenTtlSeconds: ROTATING_TOKEN_TTL_SECONDS,
    });
    stubSignInEnv(emulator);
    const victim = await signIn();
    await logout(logoutRequest({ session_id: victim.sid, return_to: SITE }));

    const stillSignedIn = await refresh(victim.cookie);
    expect(stillSignedIn.status).toBe(200);
  });

  it("when WorkOS cannot revoke, logs why without secrets and still clears cookies and redirects", async () => {
    const warn = vi.mocked(console.warn);
    const { cookie, sid } = await signIn();
    await emulator.close(); // WorkOS unreachable from here on
    const response = await logout(
      logoutRequest({ session_id: sid, return_to: `${SITE}/bye` }, cookie),
    );
    expect(response.status).toBe(302);
    expect(clearsSignInCookies(response)).toBe(true);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/user_management/sessions/logout");
    expect(location.searchParams.get("return_to")).toBe(`${SITE}/bye`);
    const logged = warn.mock.calls.map((call) => call.join(" ")).join("\n");
    expect(logged).toContain("[auth:logout] could not revoke the session");
    expect(logged).not.toContain(sid);
    expect(logged).not.toContain(cookie.split("=")[1]?.slice(0, 20));
    // Restarted so afterEach can close it again.
    emulator = await startTestEmulator();
  });

  it.each([
    ["Host: evil.example", "http://evil.example"],
    ["Host: daybook.test.evil.example", "https://daybook.test.evil.example"],
    ["Host: daybook.test over http", "http://daybook.test"],
  ])(
    "refuses a request for %s with 421 and no redirect or cookie",
    async (_label, origin) => {
      const { cookie, sid } = await signIn();
      const response = await logout(
        new Request(
          `${origin}/user_management/sessions/logout?session_id=${sid}`,
          { headers: { Host: new URL(origin).host, Cookie: cookie } },
        ),
      );
      expect(response.status).toBe(421);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.json()).toMatchObject({
        error: "misdirected_request",
      });
    },
  );

  it("returns only to this site", async () => {
    const { cookie, sid } = await signIn();
    for (const returnTo of [
      "https://evil.example/",
      "//evil.example",
      "javascript:alert(1)",
    ]) {
      const response = await logout(
        logoutRequest({ session_id: sid, return_to: returnTo }, cookie),
      );
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.searchParams.get("return_to")).toBe(`${SITE}/`);
    }
  });

  it("uses the cookie's session over the one in the query", async () => {
    const { cookie, sid } = await signIn();
    const response = await logout(
      logoutRequest({ session_id: "session_someone_else" }, cookie),
    );
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("session_id")).toBe(sid);
  });

  it("without any session just clears cookies and returns to the site", async () => {
    const response = await logout(logoutRequest({ return_to: `${SITE}/bye` }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${SITE}/bye`);
    expect(clearsSignInCookies(response)).toBe(true);
  });

  it.each(["POST", "PUT", "DELETE"])(
    "answers %s with 405 and keeps cookies",
    async (method) => {
      const response = await logout(
        new Request(`${SITE}/user_management/sessions/logout`, {
          method,
          headers: { Origin: SITE },
        }),
      );
      expect(response.status).toBe(405);
      expect(response.headers.getSetCookie()).toEqual([]);
    },
  );
});
