import { WorkOS } from "@workos-inc/node";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWorkosEmulator, type WorkosEmulator } from "./emulator";

let emulator: WorkosEmulator;
let workos: WorkOS;
const redirectUri = "http://localhost:5173/callback";

beforeEach(async () => {
  emulator = await startWorkosEmulator({ autoSignIn: true });
  workos = new WorkOS({
    apiKey: emulator.apiKey,
    clientId: emulator.clientId,
    ...emulator.sdkOptions,
    maxRetries: 0,
  });
});

afterEach(async () => {
  await emulator.close();
});

/** Walks the authorize redirect the way a browser would and returns the code. */
async function signIn(options: { loginHint?: string } = {}) {
  const pkce = await workos.pkce.generate();
  const url = workos.userManagement.getAuthorizationUrl({
    provider: "authkit",
    clientId: emulator.clientId,
    redirectUri,
    codeChallenge: pkce.codeChallenge,
    codeChallengeMethod: "S256",
    state: "state-123",
    loginHint: options.loginHint,
  });
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get("state")).toBe("state-123");
  return {
    code: location.searchParams.get("code") ?? "",
    codeVerifier: pkce.codeVerifier,
  };
}

function expectInvalidGrant(promise: Promise<unknown>) {
  return expect(promise).rejects.toMatchObject({
    status: 400,
    error: "invalid_grant",
  });
}

describe("authorization_code", () => {
  it("exchanges a code with the right PKCE verifier for WorkOS-shaped tokens", async () => {
    const { code, codeVerifier } = await signIn({
      loginHint: "grace@example.com",
    });
    const result = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier,
    });
    expect(result.user).toMatchObject({
      object: "user",
      email: "grace@example.com",
      firstName: "Grace",
      lastName: "Hopper",
      emailVerified: true,
    });
    expect(result.user.id).toMatch(/^user_/);
    expect(result.refreshToken).toEqual(expect.any(String));
    expect(result.authenticationMethod).toBe("MagicAuth");
  });

  it("rejects a wrong verifier", async () => {
    const { code } = await signIn();
    const other = await workos.pkce.generate();
    await expectInvalidGrant(
      workos.userManagement.authenticateWithCode({
        code,
        codeVerifier: other.codeVerifier,
      }),
    );
  });

  it("accepts a code only once, and a replay ends the session it created", async () => {
    const { code, codeVerifier } = await signIn();
    const first = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier,
    });
    await expectInvalidGrant(
      workos.userManagement.authenticateWithCode({ code, codeVerifier }),
    );
    await expectInvalidGrant(
      workos.userManagement.authenticateWithRefreshToken({
        refreshToken: first.refreshToken,
      }),
    );
  });

  it("rejects a wrong client secret", async () => {
    const { code, codeVerifier } = await signIn();
    const impostor = new WorkOS({
      apiKey: "sk_test_wrong",
      clientId: emulator.clientId,
      ...emulator.sdkOptions,
      maxRetries: 0,
    });
    await expect(
      impostor.userManagement.authenticateWithCode({ code, codeVerifier }),
    ).rejects.toMatchObject({ status: 401 });
  });
});

describe("refresh_token", () => {
  it("rotates: the new token works, the used one fails", async () => {
    const { code, codeVerifier } = await signIn();
    const signedIn = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier,
    });
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: signedIn.refreshToken,
    });
    expect(refreshed.refreshToken).not.toBe(signedIn.refreshToken);
    await expectInvalidGrant(
      workos.userManagement.authenticateWithRefreshToken({
        refreshToken: signedIn.refreshToken,
      }),
    );
    await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: refreshed.refreshToken,
    });
  });

  it("fails after the session is revoked or logged out", async () => {
    for (const end of ["revoke", "logout"] as const) {
      const { code, codeVerifier } = await signIn();
      const signedIn = await workos.userManagement.authenticateWithCode({
        code,
        codeVerifier,
      });
      const { sid } = JSON.parse(
        Buffer.from(
          signedIn.accessToken.split(".")[1] ?? "",
          "base64url",
        ).toString(),
      ) as { sid: string };
      if (end === "revoke") {
        await workos.userManagement.revokeSession({ sessionId: sid });
      } else {
        const logoutUrl = workos.userManagement.getLogoutUrl({
          sessionId: sid,
          returnTo: "http://localhost:5173/",
        });
        const response = await fetch(logoutUrl, { redirect: "manual" });
        expect(response.headers.get("location")).toBe("http://localhost:5173/");
      }
      await expectInvalidGrant(
        workos.userManagement.authenticateWithRefreshToken({
          refreshToken: signedIn.refreshToken,
        }),
      );
    }
  });

  it("moves the session into an organization on request", async () => {
    const { code, codeVerifier } = await signIn();
    const signedIn = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier,
    });
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: signedIn.refreshToken,
      organizationId: "org_123",
    });
    expect(refreshed.organizationId).toBe("org_123");
  });
});

describe("access tokens", () => {
  it("verify against the JWKS with the WorkOS issuer and claims", async () => {
    const { code, codeVerifier } = await signIn();
    const { accessToken, user } =
      await workos.userManagement.authenticateWithCode({
        code,
        codeVerifier,
      });
    const jwks = createRemoteJWKSet(
      new URL(workos.userManagement.getJwksUrl(emulator.clientId)),
    );
    const { payload } = await jwtVerify(accessToken, jwks, {
      issuer: `${emulator.baseUrl}/user_management/${emulator.clientId}`,
      algorithms: ["RS256"],
    });
    expect(payload.sub).toBe(user.id);
    expect(payload.sid).toMatch(/^session_/);
    expect(payload.jti).toEqual(expect.any(String));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it("keep the same kid across emulators in one process", async () => {
    const keysOf = async (url: string) =>
      ((await (await fetch(url)).json()) as { keys: { kid: string }[] }).keys;
    const second = await startWorkosEmulator();
    try {
      expect(await keysOf(second.jwksUrl)).toEqual(
        await keysOf(emulator.jwksUrl),
      );
      const { code, codeVerifier } = await signIn();
      const { accessToken } = await workos.userManagement.authenticateWithCode({
        code,
        codeVerifier,
      });
      expect(decodeProtectedHeader(accessToken).kid).toBe(
        (await keysOf(emulator.jwksUrl))[0]?.kid,
      );
    } finally {
      await second.close();
    }
  });
});

describe("sign-in page", () => {
  it("has an Email textbox, a Continue button and a button per test user", async () => {
    emulator.setAutoSignIn(false);
    const url = workos.userManagement.getAuthorizationUrl({
      provider: "authkit",
      redirectUri,
      codeChallenge: "x".repeat(43),
      codeChallengeMethod: "S256",
    });
    const html = await (await fetch(url)).text();
    expect(html).toMatch(
      /<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/,
    );
    expect(html).toContain('<button type="submit">Continue</button>');
    expect(html).toContain("Sign in as Ada Lovelace (ada@example.com)");
    expect(html).toContain("Sign in as Grace Hopper (grace@example.com)");
  });

  it("signs in the typed email when the form is posted", async () => {
    emulator.setAutoSignIn(false);
    const pkce = await workos.pkce.generate();
    const url = workos.userManagement.getAuthorizationUrl({
      provider: "authkit",
      redirectUri,
      codeChallenge: pkce.codeChallenge,
      codeChallengeMethod: "S256",
      state: "s",
    });
    const html = await (await fetch(url)).text();
    const requestId =
      /name="authorization_request" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const response = await fetch(
      `${emulator.baseUrl}/user_management/authorize`,
      {
        method: "POST",
        body: new URLSearchParams({
          authorization_request: requestId,
          email: "new@example.com",
        }),
        redirect: "manual",
      },
    );
    const code =
      new URL(response.headers.get("location") ?? "").searchParams.get(
        "code",
      ) ?? "";
    const { user } = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier: pkce.codeVerifier,
    });
    expect(user.email).toBe("new@example.com");
  });

  it("lets its forms redirect to the app's origin (CSP form-action covers redirects)", async () => {
    emulator.setAutoSignIn(false);
    const url = workos.userManagement.getAuthorizationUrl({
      provider: "authkit",
      redirectUri,
      codeChallenge: "x".repeat(43),
      codeChallengeMethod: "S256",
    });
    const csp = (await fetch(url)).headers.get("content-security-policy");
    const formAction = /form-action ([^;]+)/.exec(csp ?? "")?.[1]?.split(" ");
    expect(formAction).toEqual(["'self'", new URL(redirectUri).origin]);
  });

  it("rejects a foreign client id", async () => {
    const response = await fetch(
      `${emulator.baseUrl}/user_management/authorize?client_id=client_other&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});

it("answers 503 everywhere while down", async () => {
  emulator.setDown(true);
  const response = await fetch(emulator.jwksUrl);
  expect(response.status).toBe(503);
  emulator.setDown(false);
  expect((await fetch(emulator.jwksUrl)).status).toBe(200);
});

describe("browser access in authkit-js devMode", () => {
  it("answers the CORS preflight and tags responses for the calling origin", async () => {
    const origin = "http://localhost:5173";
    const preflight = await fetch(
      `${emulator.baseUrl}/user_management/authenticate`,
      {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      },
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(
      /content-type/i,
    );

    const { code, codeVerifier } = await signIn();
    const exchange = await fetch(
      `${emulator.baseUrl}/user_management/authenticate`,
      {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/json" },
        body: JSON.stringify({
          grant_type: "authorization_code",
          client_id: emulator.clientId,
          code,
          code_verifier: codeVerifier,
        }),
      },
    );
    expect(exchange.status).toBe(200);
    expect(exchange.headers.get("access-control-allow-origin")).toBe(origin);
    expect(await exchange.json()).toMatchObject({
      refresh_token: expect.any(String),
    });
  });
});

it("puts organization members' org_id and role in the token", async () => {
  await emulator.close();
  emulator = await startWorkosEmulator({
    autoSignIn: true,
    users: [
      { email: "boss@example.com", organizationId: "org_acme", role: "admin" },
    ],
  });
  workos = new WorkOS({
    apiKey: emulator.apiKey,
    clientId: emulator.clientId,
    ...emulator.sdkOptions,
    maxRetries: 0,
  });
  const { code, codeVerifier } = await signIn();
  const result = await workos.userManagement.authenticateWithCode({
    code,
    codeVerifier,
  });
  expect(result.organizationId).toBe("org_acme");
  const claims = JSON.parse(
    Buffer.from(result.accessToken.split(".")[1] ?? "", "base64url").toString(),
  ) as Record<string, unknown>;
  expect(claims).toMatchObject({ org_id: "org_acme", role: "admin" });
});

it("issues tokens with a lifetime changed at run time", async () => {
  emulator.setAccessTokenTtlSeconds(7);
  const { code, codeVerifier } = await signIn();
  const { accessToken } = await workos.userManagement.authenticateWithCode({
    code,
    codeVerifier,
  });
  const claims = JSON.parse(
    Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString(),
  ) as { iat: number; exp: number };
  expect(claims.exp - claims.iat).toBe(7);
  expect(() => emulator.setAccessTokenTtlSeconds(0)).toThrow(RangeError);
});

describe("GET /user_management/users/:id", () => {
  it("answers the user WorkOS-shaped for the API key, and nothing without it", async () => {
    const { code, codeVerifier } = await signIn({
      loginHint: "grace@example.com",
    });
    const { user } = await workos.userManagement.authenticateWithCode({
      code,
      codeVerifier,
    });
    const fetched = await workos.userManagement.getUser(user.id);
    expect(fetched).toMatchObject({ id: user.id, email: "grace@example.com" });

    const url = `${emulator.baseUrl}/user_management/users/${user.id}`;
    expect((await fetch(url)).status).toBe(401);
    const missing = await fetch(
      `${emulator.baseUrl}/user_management/users/user_none`,
      {
        headers: { Authorization: `Bearer ${emulator.apiKey}` },
      },
    );
    expect(missing.status).toBe(404);
  });
});
