import { createHash } from "node:crypto";
import { WorkOS, type SessionCookieData } from "@workos-inc/node";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../../devtools/workos-emulator/emulator";
import { GRACE_WINDOW_MS } from "../../lib/rotation-grace";
import {
  authenticateTestBed,
  watchWorkosRefreshes,
} from "../../testing/authenticate-test-bed";
import {
  authenticateRequest,
  clearsSignInCookies,
  COOKIE_PASSWORD,
  cookieHeaderAfter,
  obtainCode,
  ROTATING_TOKEN_TTL_SECONDS,
  setCookiesOf,
  startTestEmulator,
  stubSignInEnv,
} from "../../testing/sign-in-harness";

let emulator: WorkosEmulator;
let bed: ReturnType<typeof authenticateTestBed>;
let workosRefreshes: ReturnType<typeof watchWorkosRefreshes>;

async function startStack(accessTokenTtlSeconds: number) {
  emulator = await startTestEmulator({ accessTokenTtlSeconds });
  stubSignInEnv(emulator);
  bed = authenticateTestBed();
  workosRefreshes = watchWorkosRefreshes(emulator);
}

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator.close();
});

async function signIn() {
  const { code, codeVerifier } = await obtainCode(emulator);
  const response = await bed.authenticate(
    authenticateRequest({
      grant_type: "authorization_code",
      client_id: emulator.clientId,
      code,
      code_verifier: codeVerifier,
    }),
  );
  expect(response.status).toBe(200);
  return response;
}

function refresh(cookie: string, extra: Record<string, unknown> = {}) {
  return bed.authenticate(
    authenticateRequest(
      { grant_type: "refresh_token", client_id: emulator.clientId, ...extra },
      { cookie },
    ),
  );
}

function sessionCookieValue(response: Response) {
  return setCookiesOf(response).find((c) => c.name === "workos-session")?.value;
}

async function unsealed(sealed: string | undefined) {
  const workos = new WorkOS({ apiKey: "unused", clientId: emulator.clientId });
  const session = await workos.userManagement.getSessionFromCookie({
    sessionData: sealed ?? "",
    cookiePassword: COOKIE_PASSWORD,
  });
  if (!session) throw new Error("no session to unseal");
  return session;
}

async function accessTokenOf(response: Response) {
  return ((await response.clone().json()) as { access_token: string })
    .access_token;
}

describe("a session whose access token is still good", () => {
  beforeEach(() => startStack(300));

  it("is returned as it is: no WorkOS refresh, same token, cookies untouched", async () => {
    const signedIn = await signIn();
    const signInBody = (await signedIn.clone().json()) as Record<
      string,
      unknown
    >;

    const reloaded = await refresh(cookieHeaderAfter(signedIn));
    expect(reloaded.status).toBe(200);
    expect(await reloaded.json()).toEqual(signInBody);
    expect(reloaded.headers.getSetCookie()).toEqual([]);
    expect(workosRefreshes.count).toBe(0);
  });

  it("is rotated once it has a minute or less left", async () => {
    const signedIn = await signIn();
    const { exp } = decodeJwt(await accessTokenOf(signedIn));
    bed.advanceClock(((exp ?? 0) - 59) * 1000 - Date.now());

    const refreshed = await refresh(cookieHeaderAfter(signedIn));
    expect(refreshed.status).toBe(200);
    expect(workosRefreshes.count).toBe(1);
    expect(await accessTokenOf(refreshed)).not.toBe(
      await accessTokenOf(signedIn),
    );
    expect(sessionCookieValue(refreshed)).not.toBe(
      sessionCookieValue(signedIn),
    );
  });

  it("is rotated when the browser asks for another organization", async () => {
    const signedIn = await signIn();
    const switched = await refresh(cookieHeaderAfter(signedIn), {
      organization_id: "org_42",
    });
    expect(workosRefreshes.count).toBe(1);
    expect(decodeJwt(await accessTokenOf(switched)).org_id).toBe("org_42");
  });
});

describe("a near-expiry session", () => {
  beforeEach(() => startStack(ROTATING_TOKEN_TTL_SECONDS));

  it("is rotated with WorkOS on refresh", async () => {
    const signedIn = await signIn();
    const refreshed = await refresh(cookieHeaderAfter(signedIn));
    expect(refreshed.status).toBe(200);
    expect(workosRefreshes.count).toBe(1);
    const [oldSession, newSession] = await Promise.all([
      unsealed(sessionCookieValue(signedIn)),
      unsealed(sessionCookieValue(refreshed)),
    ]);
    expect(newSession.refreshToken).not.toBe(oldSession.refreshToken);
  });
});

describe("the grace window after a rotation", () => {
  beforeEach(() => startStack(ROTATING_TOKEN_TTL_SECONDS));

  it("answers a repeat of the old token with the same new session, without WorkOS", async () => {
    const oldCookie = cookieHeaderAfter(await signIn());
    const rotated = await refresh(oldCookie);
    expect(rotated.status).toBe(200);

    bed.advanceClock(GRACE_WINDOW_MS - 5_000);
    const repeat = await refresh(oldCookie);
    expect(repeat.status).toBe(200);
    expect(workosRefreshes.count).toBe(1);
    expect(sessionCookieValue(repeat)).toBe(sessionCookieValue(rotated));
    expect(cookieHeaderAfter(repeat)).toBe(cookieHeaderAfter(rotated));
    expect(await repeat.json()).toEqual(await rotated.json());
  });

  it("ends the session for a repeat after the window: invalid_grant, both cookies cleared", async () => {
    const oldCookie = cookieHeaderAfter(await signIn());
    expect((await refresh(oldCookie)).status).toBe(200);

    bed.advanceClock(GRACE_WINDOW_MS + 1_000);
    const late = await refresh(oldCookie);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: "invalid_grant" });
    expect(clearsSignInCookies(late)).toBe(true);
    expect(workosRefreshes.count).toBe(2);
  });

  it("stores only the sealed session, under a SHA-256 of the old token", async () => {
    const signedIn = await signIn();
    const rotated = await refresh(cookieHeaderAfter(signedIn));
    const oldSession = await unsealed(sessionCookieValue(signedIn));
    const newSession = await unsealed(sessionCookieValue(rotated));
    const secrets = (session: SessionCookieData) => [
      session.refreshToken,
      session.accessToken,
    ];

    const entryKey = `rotations/${createHash("sha256").update(oldSession.refreshToken).digest("hex")}`;
    expect(JSON.parse(bed.store.entries.get(entryKey) ?? "null")).toEqual({
      state: "rotated",
      sealedSession: sessionCookieValue(rotated),
      expiresAt: expect.any(Number),
    });
    const everything = [...bed.store.entries].flat().join("\n");
    for (const secret of [...secrets(oldSession), ...secrets(newSession)]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(newSession.user.email);
  });

  it("lets concurrent repeats wait for the one WorkOS call in flight", async () => {
    const oldCookie = cookieHeaderAfter(await signIn());
    const held = workosRefreshes.holdNextAnswer();
    const first = refresh(oldCookie);
    await held.answered;

    const secondIsWaiting = bed.store.nextRead(
      (_, value) => (value as { state?: string } | null)?.state === "rotating",
    );
    const second = refresh(oldCookie);
    await secondIsWaiting;
    held.release();

    const [firstAnswer, secondAnswer] = await Promise.all([first, second]);
    expect(firstAnswer.status).toBe(200);
    expect(secondAnswer.status).toBe(200);
    expect(sessionCookieValue(secondAnswer)).toBe(
      sessionCookieValue(firstAnswer),
    );
    expect(workosRefreshes.count).toBe(1);
  });

  it("answers a repeat 503, cookies kept, when the call it waits for outlasts its deadline", async () => {
    const oldCookie = cookieHeaderAfter(await signIn());
    const held = workosRefreshes.holdNextAnswer();
    const first = refresh(oldCookie);
    await held.answered;
    const secondIsWaiting = bed.store.nextRead(
      (_, value) => (value as { state?: string } | null)?.state === "rotating",
    );
    const second = refresh(oldCookie);
    await secondIsWaiting;
    bed.reachDeadlines();

    const secondAnswer = await second;
    expect(secondAnswer.status).toBe(503);
    expect(secondAnswer.headers.getSetCookie()).toEqual([]);
    held.release();
    expect((await first).status).toBe(503);
    await bed.backgroundDone();
    expect((await refresh(oldCookie)).status).toBe(200);
    expect(workosRefreshes.count).toBe(1);
  });
});

describe("a WorkOS answer that arrives after the function's deadline", () => {
  beforeEach(() => startStack(ROTATING_TOKEN_TTL_SECONDS));

  it("is kept: the function answers 503, and the retry gets the rotated session", async () => {
    const oldCookie = cookieHeaderAfter(await signIn());
    const held = workosRefreshes.holdNextAnswer();
    const pending = refresh(oldCookie);
    await held.answered;
    bed.reachDeadlines();

    const timedOut = await pending;
    expect(timedOut.status).toBe(503);
    expect(await timedOut.json()).toMatchObject({
      error: "temporarily_unavailable",
    });
    expect(timedOut.headers.getSetCookie()).toEqual([]);

    held.release();
    await bed.backgroundDone();
    const retry = await refresh(oldCookie);
    expect(retry.status).toBe(200);
    expect(workosRefreshes.count).toBe(1);

    // The kept session is the live one: it rotates on.
    const next = await refresh(cookieHeaderAfter(retry));
    expect(next.status).toBe(200);
    expect(workosRefreshes.count).toBe(2);
  });
});
