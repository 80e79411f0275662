import { WorkOS } from "@workos-inc/node";
import { generateKeyPair, SignJWT } from "jose";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import type { WorkosEmulator } from "../../devtools/workos-emulator/emulator";
import {
  getSigningKey,
  signAccessToken,
} from "../../devtools/workos-emulator/signing-key";
import { startTestEmulator } from "../testing/sign-in-harness";
import { verifiedSecondsLeft } from "./access-token";

let emulator: WorkosEmulator;
let workos: WorkOS;

beforeAll(async () => {
  emulator = await startTestEmulator();
  workos = new WorkOS({
    apiKey: emulator.apiKey,
    clientId: emulator.clientId,
    ...emulator.sdkOptions,
  });
});

afterAll(() => emulator.close());

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

function emulatorToken(ttlSeconds: number) {
  return signAccessToken({
    issuer: emulator.issuer,
    userId: "user_1",
    sessionId: "session_1",
    ttlSeconds,
  });
}

describe("verifiedSecondsLeft", () => {
  it("gives the seconds left of a token signed with WorkOS's key for our client", async () => {
    const token = await emulatorToken(300);
    const now = Date.now();
    const left = await verifiedSecondsLeft(
      workos,
      emulator.clientId,
      token,
      now,
    );
    expect(left).toBeGreaterThan(290);
    expect(left).toBeLessThanOrEqual(300);
    const later = await verifiedSecondsLeft(
      workos,
      emulator.clientId,
      token,
      now + 200_000,
    );
    expect(later).toBeLessThanOrEqual(100);
  });

  it("refuses an expired token", async () => {
    const token = await emulatorToken(300);
    expect(
      await verifiedSecondsLeft(
        workos,
        emulator.clientId,
        token,
        Date.now() + 301_000,
      ),
    ).toBeUndefined();
  });

  it("refuses a token signed with any other key, even with the same kid", async () => {
    const { kid } = await getSigningKey();
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ sid: "session_1" })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(emulator.issuer)
      .setSubject("user_1")
      .setIssuedAt()
      .setExpirationTime("300s")
      .sign(privateKey);
    expect(
      await verifiedSecondsLeft(workos, emulator.clientId, forged, Date.now()),
    ).toBeUndefined();
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringContaining("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
    );
  });

  it("refuses what is not a JWT, and says nothing of its content in the log", async () => {
    expect(
      await verifiedSecondsLeft(
        workos,
        emulator.clientId,
        "not-a-jwt-secret",
        Date.now(),
      ),
    ).toBeUndefined();
    for (const [line] of vi.mocked(console.warn).mock.calls) {
      expect(String(line)).not.toContain("not-a-jwt-secret");
    }
  });
});
