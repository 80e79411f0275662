import {
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import type { Auth } from "convex/server";
import { mutation, query } from "../_generated/server";
import { appError } from "./errors";

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

const withUserId = customCtx(async (ctx: { auth: Auth }) => ({
  userId: await requireUserId(ctx),
}));

/**
 * The only builders for public functions (ESLint forbids importing `query`
 * and `mutation` anywhere else). Handlers get `ctx.userId` and never take a
 * user id from the client.
 */
export const userQuery = customQuery(query, withUserId);
export const userMutation = customMutation(mutation, withUserId);
