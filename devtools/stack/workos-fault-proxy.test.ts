import { WorkOS } from "@workos-inc/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startWorkosEmulator,
  type WorkosEmulator,
} from "../workos-emulator/emulator";
import {
  startWorkosFaultProxy,
  type WorkosFaultProxy,
} from "./workos-fault-proxy";

let emulator: WorkosEmulator;
let proxy: WorkosFaultProxy;

/** A server-side WorkOS client that reaches the emulator through the proxy. */
function clientThroughProxy(timeout = 10_000) {
  return new WorkOS({
    apiKey: emulator.apiKey,
    clientId: emulator.clientId,
    apiHostname: proxy.hostname,
    port: proxy.port,
    https: false,
    timeout,
    maxRetries: 0,
  });
}

/** Signs in through the proxy; resolves with a fresh refresh token. */
async function signIn() {
  const workos = clientThroughProxy();
  const pkce = await workos.pkce.generate();
  const url = workos.userManagement.getAuthorizationUrl({
    provider: "authkit",
    clientId: emulator.clientId,
    redirectUri: "http://localhost:5173/callback",
    codeChallenge: pkce.codeChallenge,
    codeChallengeMethod: "S256",
  });
  const redirect = await fetch(url, { redirect: "manual" });
  const code =
    new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ??
    "";
  const session = await workos.userManagement.authenticateWithCode({
    code,
    codeVerifier: pkce.codeVerifier,
  });
  return session.refreshToken;
}

function refresh(refreshToken: string, timeout?: number) {
  return clientThroughProxy(
    timeout,
  ).userManagement.authenticateWithRefreshToken({
    clientId: emulator.clientId,
    refreshToken,
  });
}

beforeEach(async () => {
  emulator = await startWorkosEmulator({ autoSignIn: true });
  proxy = await startWorkosFaultProxy(emulator.baseUrl);
});

afterEach(async () => {
  await proxy.close();
  await emulator.close();
});

describe("startWorkosFaultProxy", () => {
  it("passes sign-in and refreshes through untouched by default", async () => {
    const token = await signIn();
    const refreshed = await refresh(token);
    expect(refreshed.refreshToken).not.toBe(token);
    expect(
      proxy.tokenExchanges().map(({ grantType, status, delivered }) => ({
        grantType,
        status,
        delivered,
      })),
    ).toEqual([
      { grantType: "authorization_code", status: 200, delivered: true },
      { grantType: "refresh_token", status: 200, delivered: true },
    ]);
  });

  it("drops an answer after WorkOS rotated the token", async () => {
    const token = await signIn();
    proxy.injectRefreshFault({ kind: "drop" }, { times: 1 });
    await expect(refresh(token)).rejects.toThrow();
    // WorkOS did redeem it: the old token is spent.
    await expect(refresh(token)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect(proxy.tokenExchanges().at(-2)).toMatchObject({
      fault: "drop",
      status: 200,
      delivered: false,
    });
  });

  it("fails a refresh without WorkOS seeing it", async () => {
    const token = await signIn();
    proxy.injectRefreshFault({ kind: "fail", status: 503 }, { times: 1 });
    await expect(refresh(token)).rejects.toThrow();
    expect(proxy.tokenExchanges().at(-1)).toMatchObject({
      fault: "fail",
      status: 503,
      answeredAt: undefined,
    });
    // Untouched at WorkOS, so it still works.
    await expect(refresh(token)).resolves.toMatchObject({
      refreshToken: expect.any(String),
    });
  });

  it("delays an answer past a client's timeout, and holds one until released", async () => {
    const token = await signIn();
    proxy.injectRefreshFault({ kind: "delay", ms: 1_500 }, { times: 1 });
    await expect(refresh(token, 500)).rejects.toThrow();
    await expect
      .poll(() => proxy.tokenExchanges().at(-1)?.answeredAt)
      .toBeDefined();

    const next = await signIn();
    proxy.injectRefreshFault({ kind: "hold" });
    const held = refresh(next);
    await expect
      .poll(() => proxy.tokenExchanges().at(-1))
      .toMatchObject({ fault: "hold", status: 200 });
    expect(proxy.releaseHeld()).toBe(1);
    await expect(held).resolves.toMatchObject({
      refreshToken: expect.any(String),
    });
  });

  it("refuses connections while down and listens on the same port again", async () => {
    const token = await signIn();
    await proxy.goDown();
    await expect(
      fetch(`${proxy.url}/sso/jwks/${emulator.clientId}`),
    ).rejects.toThrow();
    await proxy.comeBack();
    await expect(refresh(token)).resolves.toMatchObject({
      refreshToken: expect.any(String),
    });
  });
});
