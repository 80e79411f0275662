import { beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryGraceStore } from "../testing/memory-grace-store";
import type { GraceStore } from "./grace-store";
import {
  createRotationGrace,
  GRACE_WINDOW_MS,
  rotationKeyOf,
} from "./rotation-grace";

const OLD_TOKEN = "refresh-token-old";
const SEALED = "Fe26.2*sealed-session-stand-in";

let store: MemoryGraceStore;
let clock: number;
const grace = () => createRotationGrace(store, () => clock);
const noDeadline = () => new AbortController().signal;

beforeEach(() => {
  store = new MemoryGraceStore();
  clock = Date.parse("2026-01-01T12:00:00Z");
  vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

async function claimAndComplete(token = OLD_TOKEN) {
  const start = await grace().begin(token, noDeadline());
  if (start.kind !== "claimed")
    throw new Error(`expected a claim, got ${start.kind}`);
  await start.claim.complete(SEALED);
}

describe("createRotationGrace", () => {
  it("keys entries by the token's SHA-256 in hex", () => {
    expect(rotationKeyOf("abc")).toBe(
      "rotations/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("answers a repeat inside the window with the kept session", async () => {
    await claimAndComplete();
    clock += GRACE_WINDOW_MS - 1;
    expect(await grace().begin(OLD_TOKEN, noDeadline())).toEqual({
      kind: "rotated",
      sealedSession: SEALED,
    });
  });

  it("lets a repeat after the window claim again (WorkOS then decides)", async () => {
    await claimAndComplete();
    clock += GRACE_WINDOW_MS;
    const start = await grace().begin(OLD_TOKEN, noDeadline());
    expect(start.kind).toBe("claimed");
    expect(
      JSON.parse(store.entries.get(rotationKeyOf(OLD_TOKEN)) ?? ""),
    ).toEqual({
      state: "rotating",
      claimedAt: clock,
      claimId: expect.any(String),
    });
  });

  it("frees a released claim for the next request", async () => {
    const start = await grace().begin(OLD_TOKEN, noDeadline());
    if (start.kind !== "claimed") throw new Error("expected a claim");
    await start.claim.release();
    expect((await grace().begin(OLD_TOKEN, noDeadline())).kind).toBe("claimed");
  });

  it("after invalid_grant, finds the rotation a racing request stored meanwhile", async () => {
    const start = await grace().begin(OLD_TOKEN, noDeadline());
    if (start.kind !== "claimed") throw new Error("expected a claim");
    const key = rotationKeyOf(OLD_TOKEN);
    void store
      .nextRead((readKey) => readKey === key)
      .then(() =>
        store.write(key, {
          state: "rotated",
          sealedSession: SEALED,
          expiresAt: clock + GRACE_WINDOW_MS,
        }),
      );
    expect(await start.claim.rotatedMeanwhile(noDeadline())).toBe(SEALED);
  });

  it("releases only its own claim, never a rotation another request stored", async () => {
    const start = await grace().begin(OLD_TOKEN, noDeadline());
    if (start.kind !== "claimed") throw new Error("expected a claim");
    const rotated = {
      state: "rotated",
      sealedSession: SEALED,
      expiresAt: clock + GRACE_WINDOW_MS,
    };
    await store.write(rotationKeyOf(OLD_TOKEN), rotated);
    await start.claim.release();
    expect(await store.read(rotationKeyOf(OLD_TOKEN))).toEqual(rotated);
  });

  it("takes over a claim abandoned long ago", async () => {
    await grace().begin(OLD_TOKEN, noDeadline());
    clock += 60_000;
    expect((await grace().begin(OLD_TOKEN, noDeadline())).kind).toBe("claimed");
  });

  it("is busy when a fresh claim is still open at the deadline", async () => {
    await grace().begin(OLD_TOKEN, noDeadline());
    const deadline = new AbortController();
    deadline.abort();
    expect(await grace().begin(OLD_TOKEN, deadline.signal)).toEqual({
      kind: "busy",
    });
  });

  it("refreshes without the window when the store fails, and logs why", async () => {
    const broken: GraceStore = {
      read: () => Promise.reject(new TypeError("fetch failed")),
      create: () => Promise.reject(new TypeError("fetch failed")),
      write: () => Promise.reject(new TypeError("fetch failed")),
      remove: () => Promise.reject(new TypeError("fetch failed")),
      list: () => Promise.reject(new TypeError("fetch failed")),
    };
    const start = await createRotationGrace(broken, () => clock).begin(
      OLD_TOKEN,
      noDeadline(),
    );
    expect(start.kind).toBe("claimed");
    if (start.kind === "claimed") {
      await expect(start.claim.complete(SEALED)).resolves.toBeUndefined();
    }
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringContaining("grace store unavailable"),
    );
  });

  it("sweeps entries old enough to be dead, and keeps the rest", async () => {
    await claimAndComplete("token-old");
    clock += 10 * 60_000;
    await claimAndComplete("token-recent");

    await grace().sweep();
    const keys = [...store.entries.keys()];
    expect(keys).not.toContain(rotationKeyOf("token-old"));
    expect(keys).toContain(rotationKeyOf("token-recent"));
    expect(keys.filter((key) => key.startsWith("expiry/"))).toHaveLength(1);
  });
});
