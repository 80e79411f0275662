import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../../devtools/workos-emulator/emulator";
import { GRACE_WINDOW_MS } from "../../lib/rotation-grace";
import { cacheKeyOf } from "../../lib/session-cookies";
import { authenticateTestBed } from "../../testing/authenticate-test-bed";
import {
  authenticateRequest,
  clearsSignInCookies,
  COOKIE_PASSWORD,
  cookieHeaderAfter,
  obtainCode,
  ROTATING_TOKEN_TTL_SECONDS,
  setCookiesOf,
  SITE,
  startTestEmulator,
  stubSignInEnv,
} from "../../testing/sign-in-harness";
import authenticateOnNetlify from "./authenticate";
import { WorkOS } from "@workos-inc/node";

// The no-rotation path and the grace window have their own tests
// (authenticate-rotation.test.ts); here every refresh goes to WorkOS.
let emulator: WorkosEmulator;
let bed: ReturnType<typeof authenticateTestBed>;
const authenticate = (request: Request) => bed.authenticate(request);

beforeEach(async () => {
  emulator = await startTestEmulator({
    accessTokenTtlSeconds: ROTATING_TOKEN_TTL_SECONDS,
  });
  stubSignInEnv(emulator);
  bed = authenticateTestBed();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator.close();
});

async function signIn(site = SITE) {
  const { code, codeVerifier } = await obtainCode(emulator, site);
  return authenticate(
    authenticateRequest(
      {
        grant_type: "authorization_code",
        client_id: emulator.clientId,
        code,
        code_verifier: codeVerifier,
      },
      { site },
    ),
  );
}

function refresh(cookie: string, extra: Record<string, unknown> = {}) {
  return authenticate(
    authenticateRequest(
      { grant_type: "refresh_token", client_id: emulator.clientId, ...extra },
      { cookie },
    ),
  );
}

/** The refresh token sealed in a response's session cookie. */
async function refreshTokenIn(response: Response) {
  const sealed = setCookiesOf(response).find(
    (c) => c.name === "workos-session",
  )?.value;
  const workos = new WorkOS({ apiKey: "unused", clientId: emulator.clientId });
  const session = await workos.userManagement.getSessionFromCookie({
    sessionData: sealed ?? "",
    cookiePassword: COOKIE_PASSWORD,
  });
  return session?.refreshToken ?? "";
}

describe("sign-in (authorization_code)", () => {
  it("sets exactly the session, marker and cache key cookies and returns no refresh token", async () => {
    const response = await signIn();
    expect(response.status).toBe(200);

    const cookies = setCookiesOf(response);
    expect(cookies.map((c) => c.name)).toEqual([
      "workos-session",
      "workos-has-session",
      "daybook-cache-key",
    ]);
    const [session, marker, cacheKey] = cookies;
    expect(session).toMatchObject({
      path: "/user_management",
      httpOnly: true,
      secure: true,
      sameSite: "strict",
    });
    expect(session?.maxAge).toBeGreaterThan(30 * 24 * 3600);
    expect(marker).toMatchObject({
      value: emulator.clientId,
      path: "/",
      secure: true,
      sameSite: "strict",
    });
    expect(marker?.httpOnly).toBeFalsy();
    // Opaque: the user id is not in it (see session-cookies.test.ts).
    const { user } = (await response.clone().json()) as {
      user: { id: string };
    };
    expect(cacheKey).toMatchObject({
      value: cacheKeyOf(user.id),
      path: "/",
      sameSite: "strict",
    });
    expect(cacheKey?.value).not.toContain(user.id);

    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "access_token",
      "authentication_method",
      "user",
    ]);
    expect(text).not.toContain(await refreshTokenIn(response));
    expect(text).not.toContain(session?.value);
    expect(body.user).toMatchObject({
      object: "user",
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      email_verified: true,
    });
    expect(decodeJwt(body.access_token as string).sub).toBe(
      (body.user as { id: string }).id,
    );
  });

  it("drops Secure only on http://localhost", async () => {
    vi.stubEnv("SITE_ORIGINS", "http://localhost:8888");
    const response = await signIn("http://localhost:8888");
    expect(response.status).toBe(200);
    for (const cookie of setCookiesOf(response))
      expect(cookie.secure).toBeFalsy();
  });

  it("refuses a replayed code with invalid_grant and clears the cookies", async () => {
    const { code, codeVerifier } = await obtainCode(emulator);
    const body = {
      grant_type: "authorization_code",
      client_id: emulator.clientId,
      code,
      code_verifier: codeVerifier,
    };
    expect((await authenticate(authenticateRequest(body))).status).toBe(200);
    const replay = await authenticate(authenticateRequest(body));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
    expect(clearsSignInCookies(replay)).toBe(true);
  });

  it("refuses a wrong PKCE verifier", async () => {
    const { code } = await obtainCode(emulator);
    const response = await authenticate(
      authenticateRequest({
        grant_type: "authorization_code",
        client_id: emulator.clientId,
        code,
        code_verifier: "w".repeat(43),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("requires a code_verifier (no confidential exchange on behalf of a browser)", async () => {
    const { code } = await obtainCode(emulator);
    const response = await authenticate(
      authenticateRequest({
        grant_type: "authorization_code",
        client_id: emulator.clientId,
        code,
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("refresh (refresh_token)", () => {
  it("rotates the session cookie; after the grace window the old cookie fails and is cleared", async () => {
    const signedIn = await signIn();
    const firstCookie = cookieHeaderAfter(signedIn);

    const refreshed = await refresh(firstCookie);
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("refresh_token");
    expect(body.access_token).toEqual(expect.any(String));
    const secondCookie = cookieHeaderAfter(refreshed);
    expect(secondCookie).not.toBe(firstCookie);
    expect(await refreshTokenIn(refreshed)).not.toBe(
      await refreshTokenIn(signedIn),
    );

    bed.advanceClock(GRACE_WINDOW_MS + 1_000);
    const stale = await refresh(firstCookie);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: "invalid_grant" });
    expect(clearsSignInCookies(stale)).toBe(true);
  });

  it("ignores a refresh token in the body: only the cookie counts", async () => {
    const signedIn = await signIn();
    const response = await authenticate(
      authenticateRequest({
        grant_type: "refresh_token",
        client_id: emulator.clientId,
        refresh_token: await refreshTokenIn(signedIn),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("answers invalid_grant and clears cookies for a missing or tampered cookie", async () => {
    for (const cookie of [
      "workos-has-session=x",
      "workos-session=Fe26.2**garbage~2",
    ]) {
      const response = await refresh(cookie);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_grant" });
      expect(clearsSignInCookies(response)).toBe(true);
    }
  });

  it("passes organization_id through to WorkOS", async () => {
    const signedIn = await signIn();
    const response = await refresh(cookieHeaderAfter(signedIn), {
      organization_id: "org_42",
    });
    const body = (await response.json()) as {
      organization_id?: string;
      access_token: string;
    };
    expect(body.organization_id).toBe("org_42");
    expect(decodeJwt(body.access_token).org_id).toBe("org_42");
  });
});

describe("without a Netlify Blobs connection", () => {
  it("still refreshes, only without the grace window, and says so in the log", async () => {
    const warn = vi.mocked(console.warn);
    const cookie = cookieHeaderAfter(await signIn());
    const refreshed = await authenticateOnNetlify(
      authenticateRequest(
        { grant_type: "refresh_token", client_id: emulator.clientId },
        { cookie },
      ),
    );
    expect(refreshed.status).toBe(200);
    expect(cookieHeaderAfter(refreshed)).not.toBe(cookie);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("grace store unavailable"),
    );
  });
});

describe("WorkOS outages keep the session", () => {
  it("answers 502 when WorkOS returns 5xx, without touching cookies", async () => {
    const cookie = cookieHeaderAfter(await signIn());
    emulator.setDown(true);
    const response = await refresh(cookie);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "server_error" });
    expect(response.headers.getSetCookie()).toEqual([]);

    emulator.setDown(false);
    expect((await refresh(cookie)).status).toBe(200);
  });

  it("answers 503 when WorkOS is unreachable, without touching cookies", async () => {
    const cookie = cookieHeaderAfter(await signIn());
    await emulator.close();
    const response = await refresh(cookie);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: "temporarily_unavailable",
    });
    expect(response.headers.getSetCookie()).toEqual([]);
    emulator = await startTestEmulator(); // for afterEach
  });
});

describe("server credentials", () => {
  it("answers 500 pointing at WORKOS_API_KEY when WorkOS rejects it, keeping cookies", async () => {
    const cookie = cookieHeaderAfter(await signIn());
    vi.stubEnv("WORKOS_API_KEY", "sk_test_not_the_right_one");
    const response = await refresh(cookie);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: "server_error",
      error_description: expect.stringContaining("WORKOS_API_KEY"),
    });
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("request checks", () => {
  it("refuses a foreign or missing Origin with 403", async () => {
    const cookie = cookieHeaderAfter(await signIn());
    for (const origin of ["https://evil.example", "null", null]) {
      const response = await authenticate(
        authenticateRequest(
          { grant_type: "refresh_token", client_id: emulator.clientId },
          { cookie, origin },
        ),
      );
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])(
    "answers %s with 405",
    async (method) => {
      const response = await authenticate(
        new Request(`${SITE}/user_management/authenticate`, { method }),
      );
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    },
  );

  it("rejects another client id, an unknown grant and a non-JSON body", async () => {
    const other = await authenticate(
      authenticateRequest({
        grant_type: "refresh_token",
        client_id: "client_other",
      }),
    );
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "invalid_client" });

    const grant = await authenticate(
      authenticateRequest({
        grant_type: "password",
        client_id: emulator.clientId,
      }),
    );
    expect(await grant.json()).toMatchObject({
      error: "unsupported_grant_type",
    });

    const notJson = await authenticate(
      new Request(`${SITE}/user_management/authenticate`, {
        method: "POST",
        headers: { Origin: SITE },
        body: "grant_type=refresh_token",
      }),
    );
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "invalid_request" });
  });

  it("marks every response no-store with security headers", async () => {
    for (const response of [await signIn(), await refresh("")]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain(
        "frame-ancestors 'none'",
      );
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});
