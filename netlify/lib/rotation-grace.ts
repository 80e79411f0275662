import { createHash, randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { logAuthProblem } from "./auth-log";
import type { GraceStore } from "./grace-store";
import { WORKOS_REFRESH_PATIENCE_MS } from "./workos-client";

/**
 * How long a rotation's result answers a repeat of the old refresh token.
 * WorkOS refresh tokens are single-use, so when the browser loses the
 * answer (a reload, a closed tab, a function that gave up waiting) the old
 * token in its cookie would otherwise end the session.
 */
export const GRACE_WINDOW_MS = 60_000;

// A claim this old has no request (or background wait) behind it any more.
const CLAIM_LIFETIME_MS = WORKOS_REFRESH_PATIENCE_MS + 5_000;
// How often a repeat looks whether the request it waits for has finished.
const POLL_INTERVAL_MS = 100;
// After invalid_grant, how long to look for a rotation stored by a request
// that won the race to WorkOS (Netlify's local Blobs sandbox does not make
// "create if absent" atomic, so two requests can both claim a token there).
const RACE_RECHECK_MS = 2_000;

const ENTRY_PREFIX = "rotations/";
// `expiry/<minute>/<hash>`: lets a sweep find old entries without reading them.
const INDEX_PREFIX = "expiry/";
const INDEX_BUCKET_MS = 60_000;
// Longer than any entry lives (claim, background wait, grace window).
const SWEEP_AGE_MS = 5 * 60_000;
const SWEEP_BATCH = 100;

/** Only sealed data and times: never a token or anything unsealed. */
type RotationEntry =
  | { state: "rotating"; claimedAt: number; claimId: string }
  | { state: "rotated"; sealedSession: string; expiresAt: number };

function readEntry(value: unknown): RotationEntry | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  if (
    entry.state === "rotating" &&
    typeof entry.claimedAt === "number" &&
    typeof entry.claimId === "string"
  ) {
    return {
      state: "rotating",
      claimedAt: entry.claimedAt,
      claimId: entry.claimId,
    };
  }
  if (
    entry.state === "rotated" &&
    typeof entry.sealedSession === "string" &&
    typeof entry.expiresAt === "number"
  ) {
    return {
      state: "rotated",
      sealedSession: entry.sealedSession,
      expiresAt: entry.expiresAt,
    };
  }
  return undefined;
}

/** The store key for a refresh token: its SHA-256, never the token itself. */
export function rotationKeyOf(refreshToken: string) {
  return ENTRY_PREFIX + createHash("sha256").update(refreshToken).digest("hex");
}

function indexKeyOf(entryKey: string, claimedAt: number) {
  const hash = entryKey.slice(ENTRY_PREFIX.length);
  return `${INDEX_PREFIX}${Math.floor(claimedAt / INDEX_BUCKET_MS)}/${hash}`;
}

/** What a refresh with this token should do. */
export type RotationStart =
  /** Another request already rotated it: answer with that session. */
  | { kind: "rotated"; sealedSession: string }
  /** This request asks WorkOS, and reports the outcome to `claim`. */
  | { kind: "claimed"; claim: RotationClaim }
  /** Another request is still waiting for WorkOS at this one's deadline. */
  | { kind: "busy" };

export interface RotationClaim {
  /** Keeps WorkOS's answer for the grace window. */
  complete(sealedSession: string): Promise<void>;
  /** WorkOS gave no new session: let the next request ask again. */
  release(): Promise<void>;
  /**
   * After invalid_grant: a rotation stored meanwhile by a request that got
   * to WorkOS first, looked for briefly and at most until `deadline`.
   */
  rotatedMeanwhile(deadline: AbortSignal): Promise<string | undefined>;
}

function describe(error: unknown) {
  return error instanceof Error ? error.name : "unknown";
}

/** Without a store the refresh still works, only without the grace window. */
const claimWithoutStore: RotationClaim = {
  complete: async () => undefined,
  release: async () => undefined,
  rotatedMeanwhile: async () => undefined,
};

/** False once `deadline` aborts. */
function pause(ms: number, deadline: AbortSignal) {
  return delay(ms, undefined, { signal: deadline }).then(
    () => true,
    () => false,
  );
}

/**
 * The grace window for rotated refresh tokens, and the claim that makes
 * concurrent repeats of one token wait for a single WorkOS call instead of
 * each spending the token. Store failures never fail a refresh: they are
 * logged and the refresh goes on without the window.
 */
export function createRotationGrace(store: GraceStore, now: () => number) {
  async function liveRotation(key: string) {
    const entry = readEntry(await store.read(key));
    return entry?.state === "rotated" && entry.expiresAt > now()
      ? entry.sealedSession
      : undefined;
  }

  async function isOwnClaim(key: string, claimId: string) {
    const entry = readEntry(await store.read(key));
    return entry?.state === "rotating" && entry.claimId === claimId;
  }

  function storedClaim(key: string, claimId: string): RotationClaim {
    return {
      async complete(sealedSession) {
        const entry: RotationEntry = {
          state: "rotated",
          sealedSession,
          expiresAt: now() + GRACE_WINDOW_MS,
        };
        try {
          await store.write(key, entry);
        } catch (error) {
          logAuthProblem(
            "authenticate",
            `could not keep a rotation (${describe(error)})`,
          );
        }
      },
      async release() {
        try {
          // Only this request's claim: never a rotation another one stored.
          if (await isOwnClaim(key, claimId)) await store.remove(key);
        } catch (error) {
          logAuthProblem(
            "authenticate",
            `could not release a rotation claim (${describe(error)})`,
          );
        }
      },
      async rotatedMeanwhile(deadline) {
        const recheck = AbortSignal.any([
          deadline,
          AbortSignal.timeout(RACE_RECHECK_MS),
        ]);
        try {
          do {
            const sealedSession = await liveRotation(key);
            if (sealedSession) return sealedSession;
          } while (await pause(POLL_INTERVAL_MS, recheck));
        } catch {
          // An unreachable store has nothing to offer.
        }
        return undefined;
      },
    };
  }

  async function begin(
    refreshToken: string,
    deadline: AbortSignal,
  ): Promise<RotationStart> {
    const key = rotationKeyOf(refreshToken);
    for (;;) {
      const stored: unknown = await store.read(key);
      const entry = readEntry(stored);
      const time = now();
      if (entry?.state === "rotated" && entry.expiresAt > time) {
        return { kind: "rotated", sealedSession: entry.sealedSession };
      }
      if (
        entry?.state === "rotating" &&
        time - entry.claimedAt < CLAIM_LIFETIME_MS
      ) {
        if (!(await pause(POLL_INTERVAL_MS, deadline))) return { kind: "busy" };
        continue;
      }
      // Expired, abandoned or unreadable: its token is past the window.
      if (stored !== null && stored !== undefined) await store.remove(key);
      const claimId = randomUUID();
      const claimed: RotationEntry = {
        state: "rotating",
        claimedAt: time,
        claimId,
      };
      // Read back: where "create if absent" is not atomic, the last writer wins.
      if (
        (await store.create(key, claimed)) &&
        (await isOwnClaim(key, claimId))
      ) {
        // Only the sweep needs the index; a failed write leaves an entry behind, no more.
        await store.write(indexKeyOf(key, time), {}).catch(() => undefined);
        return { kind: "claimed", claim: storedClaim(key, claimId) };
      }
      // Another request claimed it between the read and the create.
      if (!(await pause(POLL_INTERVAL_MS, deadline))) return { kind: "busy" };
    }
  }

  return {
    async begin(
      refreshToken: string,
      deadline: AbortSignal,
    ): Promise<RotationStart> {
      try {
        return await begin(refreshToken, deadline);
      } catch (error) {
        logAuthProblem(
          "authenticate",
          `grace store unavailable, refreshing without it (${describe(error)})`,
        );
        return { kind: "claimed", claim: claimWithoutStore };
      }
    },

    /** Deletes entries old enough to be dead, a bounded batch at a time. */
    async sweep() {
      const oldestLiveBucket = Math.floor(
        (now() - SWEEP_AGE_MS) / INDEX_BUCKET_MS,
      );
      try {
        const dead = (await store.list(INDEX_PREFIX))
          .filter((indexKey) => {
            const bucket = Number(indexKey.split("/")[1]);
            return Number.isInteger(bucket) && bucket < oldestLiveBucket;
          })
          .slice(0, SWEEP_BATCH);
        for (const indexKey of dead) {
          const hash = indexKey.split("/")[2] ?? "";
          await store.remove(ENTRY_PREFIX + hash);
          await store.remove(indexKey);
        }
      } catch (error) {
        logAuthProblem(
          "authenticate",
          `could not sweep old rotations (${describe(error)})`,
        );
      }
    },
  };
}

export type RotationGrace = ReturnType<typeof createRotationGrace>;
