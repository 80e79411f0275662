import {
  defineRateLimits,
  type RateLimitConfig,
} from "convex-helpers/server/rateLimit";
import type { DatabaseWriter } from "../_generated/server";
import { rateLimited } from "./errors";
import { LIMITS } from "./limits";

/*
 * Per-user token buckets, from convex-helpers' `server/rateLimit` (its
 * `rateLimits` table is in the schema). Not the `@convex-dev/rate-limiter`
 * component: an offline `convex codegen` writes no `components` for
 * `convex/convex.config.ts` (the generated api has no `components` export),
 * and `_generated` must match codegen in CI; the helper is the same token
 * bucket in plain tables, which convex-test and the stand-in run as they are.
 *
 * A bucket holds `capacity` tokens and refills `rate` per `period`, so a
 * burst up to the capacity always passes and only a sustained flood waits.
 * A refused call writes nothing (its transaction rolls back), so refusals
 * cost the caller no tokens.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const MIB = 1024 * 1024;

export const RATE_LIMITS = {
  /**
   * Every public mutation, one token a call. A held arrow key reorders at
   * about 30 moves a second: 300 tokens refilled at 15 a second last 20 s
   * of holding, while a flood of a few hundred calls is refused.
   */
  writes: {
    kind: "token bucket",
    rate: 15,
    period: SECOND,
    capacity: 300,
  },
  /**
   * Todos and notes created: a paste takes one per line. A paste that
   * fills an empty day (LIMITS.todosPerDay lines, which the add field sends
   * as batches of 500) passes at once, then one batch every 15 s; the
   * measured flood (about 1,900 todos a second) is refused within three
   * seconds.
   */
  createdItems: {
    kind: "token bucket",
    rate: 2_000,
    period: MINUTE,
    capacity: LIMITS.todosPerDay,
  },
  /**
   * UTF-8 bytes of text written (new or changed todos and notes). The
   * largest paste (500 lines of 2,000 three-byte characters) is 3 MB, and
   * autosaving the largest note (300 kB) every second is 18 MB a minute:
   * both pass; the measured 3.8 MB a second does not last.
   */
  writtenBytes: {
    kind: "token bucket",
    rate: 24 * MIB,
    period: MINUTE,
    capacity: 32 * MIB,
  },
  /**
   * Searches: typing runs one per pause (200 ms debounce), so at most about
   * five a second; a minute of that passes.
   */
  searches: {
    kind: "token bucket",
    rate: 2,
    period: SECOND,
    capacity: 180,
  },
} as const satisfies Record<string, RateLimitConfig>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export const RATE_LIMIT_NAMES = Object.keys(RATE_LIMITS) as RateLimitName[];

const { rateLimit, resetRateLimit } = defineRateLimits(RATE_LIMITS);

/**
 * Takes `count` tokens from the user's bucket, or throws RATE_LIMITED with
 * the wait after which they will be there. Counts above a bucket's capacity
 * take the whole bucket (a request that size could never pass otherwise).
 */
export async function spendTokens(
  ctx: { db: DatabaseWriter },
  userId: string,
  name: RateLimitName,
  count = 1,
): Promise<void> {
  if (count <= 0) return;
  const tokens = Math.min(count, RATE_LIMITS[name].capacity);
  const { ok, retryAt } = await rateLimit(ctx, {
    name,
    key: userId,
    count: tokens,
  });
  if (!ok) throw rateLimited((retryAt ?? Date.now() + SECOND) - Date.now());
}

/** Removes the user's buckets ("delete my data"): a few indexed deletes. */
export async function forgetRateLimits(
  ctx: { db: DatabaseWriter },
  userId: string,
): Promise<void> {
  for (const name of RATE_LIMIT_NAMES) {
    await resetRateLimit(ctx, { name, key: userId });
  }
}
