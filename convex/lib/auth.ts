import {
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import type { Auth } from "convex/server";
import {
  internalMutation as rawInternalMutation,
  mutation,
  query,
  type MutationCtx,
} from "../_generated/server";
import { appError } from "./errors";
import { keepDaySummaries } from "./summaryTriggers";

/**
 * The caller's stable id: the `sub` claim of a token that
 * `convex/auth.config.ts` accepted. Every table is keyed by it.
 */
export async function requireUserId(ctx: { auth: Auth }): Promise<string> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    throw appError("UNAUTHENTICATED", "Sign in to continue.");
  }
  return identity.subject;
}

/** Handlers write documents; the day summaries follow (lib/summaryTriggers). */
function withDaySummaries(ctx: MutationCtx) {
  const { db, applyToDays } = keepDaySummaries(ctx);
  return { db, onSuccess: applyToDays };
}

/**
 * The only builders for public functions (ESLint forbids importing `query`
 * and `mutation` anywhere else). Handlers get `ctx.userId` and never take a
 * user id from the client.
 */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx: { auth: Auth }) => ({
    userId: await requireUserId(ctx),
  })),
);

export const userMutation = customMutation(mutation, {
  args: {},
  input: async (ctx) => {
    // Identity first: an anonymous call is rejected before anything else.
    const userId = await requireUserId(ctx);
    const { db, onSuccess } = withDaySummaries(ctx);
    return { ctx: { userId, db }, args: {}, onSuccess };
  },
});

/**
 * Scheduled work that writes todos or notes: like `userMutation`, its writes
 * keep the day summaries current. (`account.deleteBatch` alone uses the raw
 * builder, on purpose: see there.)
 */
export const internalMutation = customMutation(rawInternalMutation, {
  args: {},
  input: async (ctx) => {
    const { db, onSuccess } = withDaySummaries(ctx);
    return { ctx: { db }, args: {}, onSuccess };
  },
});
