import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import {
  connectClient,
  decodeTs,
  forgeToken,
  openRawSession,
  refresh,
  signIn,
  startStack,
  stopStack,
  type Stack,
} from "./test-helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stopStack(stack);
});

const emptyQuerySet = {
  type: "ModifyQuerySet",
  baseVersion: 0,
  newVersion: 1,
  modifications: [],
};

/** Sends Authenticate on a fresh connection; returns the connection. */
async function authenticateRaw(token: string) {
  // Scheduled work left by an earlier test (the profile fetch) ends with a
  // Transition to every session; it must not land before this one's own.
  await stack.standin.scheduledWorkIdle();
  const session = await openRawSession(stack.standin);
  session.send({
    type: "Connect",
    sessionId: "raw",
    connectionCount: 0,
    lastCloseReason: null,
    clientTs: 0,
  });
  session.send({
    type: "Authenticate",
    tokenType: "User",
    value: token,
    baseVersion: 0,
  });
  return session;
}

describe("the sync protocol on the wire", () => {
  it("confirms a valid token with a Transition that bumps the identity version", async () => {
    const { accessToken } = await signIn(stack.emulator, "ada@example.com");
    const session = await authenticateRaw(accessToken);
    const confirmation = await session.next("Transition");
    expect(confirmation.startVersion).toEqual({
      querySet: 0,
      identity: 0,
      ts: "AAAAAAAAAAA=",
    });
    const end = confirmation.endVersion as Record<string, unknown>;
    expect(end).toMatchObject({ querySet: 0, identity: 1 });
    session.send(emptyQuerySet);
    const querySetApplied = await session.next("Transition");
    expect(querySetApplied.startVersion).toEqual(end);
    expect(querySetApplied.endVersion).toEqual({ ...end, querySet: 1 });
    const nowNanos = BigInt(Date.now()) * 1_000_000n;
    const minute = 60n * 1_000_000_000n;
    expect(decodeTs(end.ts)).toBeGreaterThan(nowNanos - minute);
    expect(decodeTs(end.ts)).toBeLessThanOrEqual(nowNanos + minute);
    session.close();
  });

  it("answers an Add with the query's result and journal", async () => {
    const { accessToken } = await signIn(stack.emulator, "ada@example.com");
    const session = await authenticateRaw(accessToken);
    await session.next("Transition");
    session.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [
        {
          type: "Add",
          queryId: 7,
          udfPath: "todos:listForDay",
          args: [{ day: "2025-07-01" }],
        },
      ],
    });
    const transition = await session.next("Transition");
    expect(transition.modifications).toEqual([
      {
        type: "QueryUpdated",
        queryId: 7,
        value: [],
        logLines: [],
        journal: null,
      },
    ]);
    session.close();
  });
});

describe("accepting tokens", () => {
  it("runs functions as the emulator user the token names", async () => {
    const { accessToken } = await signIn(stack.emulator, "grace@example.com");
    const client = connectClient(stack.standin);
    const confirmed = new Promise<boolean>((resolve) =>
      client.setAuth(async () => accessToken, resolve),
    );
    expect(await confirmed).toBe(true);
    await client.mutation(api.users.syncProfile, {});
    const me = await client.query(api.users.me, {});
    expect(me?.userId).toBe(decodeJwt(accessToken).sub);
    await client.close();
  });

  it("checks the audience of the provider that declares applicationID", async () => {
    const bareIssuer = `${stack.emulator.baseUrl}/`;
    const withAudience = await forgeToken({
      issuer: bareIssuer,
      audience: stack.emulator.clientId,
    });
    const accepted = await authenticateRaw(withAudience);
    expect((await accepted.next("Transition")).endVersion).toMatchObject({
      identity: 1,
    });
    accepted.close();

    const rejected = await authenticateRaw(
      await forgeToken({ issuer: bareIssuer, audience: "client_other" }),
    );
    expect((await rejected.next("AuthError")).error).toMatch(/aud/);
    rejected.close();
  });
});

describe("rejecting tokens", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      "a bad signature",
      () => forgeToken({ issuer: stack.emulator.issuer, foreignKey: true }),
      /signature/,
    ],
    [
      "an unknown issuer",
      () => forgeToken({ issuer: "https://evil.example/user_management/x" }),
      /No auth provider/,
    ],
    [
      "an expired token",
      () => forgeToken({ issuer: stack.emulator.issuer, expiresIn: -60 }),
      /expired/,
    ],
    ["something that is not a JWT", async () => "not-a-jwt", /not a JWT/],
  ];

  it.each(cases)("answers %s with AuthError", async (_name, token, reason) => {
    const session = await authenticateRaw(await token());
    const authError = await session.next("AuthError");
    expect(authError).toMatchObject({
      baseVersion: 0,
      authUpdateAttempted: true,
    });
    expect(authError.error).toMatch(reason);
    session.close();
  });

  it("refuses admin keys", async () => {
    const session = await openRawSession(stack.standin);
    session.send({
      type: "Authenticate",
      tokenType: "Admin",
      value: "admin-key",
      baseVersion: 0,
    });
    expect((await session.next("AuthError")).error).toMatch(/admin/);
    session.close();
  });

  it("lets the client recover through its refresh path with a fresh token", async () => {
    const fresh = await signIn(stack.emulator, "ada@example.com");
    const expired = await forgeToken({
      issuer: stack.emulator.issuer,
      subject: decodeJwt(fresh.accessToken).sub,
      expiresIn: -60,
    });
    const requests: boolean[] = [];
    const client = connectClient(stack.standin);
    const outcome = new Promise<boolean>((resolve) =>
      client.setAuth(async ({ forceRefreshToken }) => {
        requests.push(forceRefreshToken);
        // A stale cached token first; a refreshed one when forced.
        if (!forceRefreshToken) return expired;
        return (await refresh(stack.emulator, fresh.refreshToken)).accessToken;
      }, resolve),
    );
    expect(await outcome).toBe(true);
    expect(requests).toEqual([false, true]);
    const todos = await client.query(api.todos.listForDay, {
      day: "2025-07-02",
    });
    expect(todos).toEqual([]);
    await client.close();
  });

  it("tells the client when its token expires mid-session", async () => {
    // Long enough to still be valid when a busy machine gets to sign in
    // with it (1 s was not); the test then waits for it to run out.
    const shortLived = await forgeToken({
      issuer: stack.emulator.issuer,
      expiresIn: 8,
    });
    const expiresAtMs = decodeJwt(shortLived).exp! * 1000;
    const session = await authenticateRaw(shortLived);
    await session.next("Transition");
    while (Date.now() <= expiresAtMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    session.send({
      type: "Mutation",
      requestId: 0,
      udfPath: "todos:create",
      args: [{ day: "2025-07-03", text: "Too late" }],
    });
    expect(await session.next("AuthError")).toMatchObject({
      error: "Token expired.",
      baseVersion: 1,
      authUpdateAttempted: false,
    });
    session.close();
  });
});
