import {
  customAction,
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import type { Auth, RegisteredMutation } from "convex/server";
import {
  v,
  type ObjectType,
  type PropertyValidators,
  type Value,
} from "convex/values";
import {
  action,
  internalMutation as rawInternalMutation,
  mutation,
  query,
  type MutationCtx,
} from "../_generated/server";
import { findReceipt, recordReceipt, requireChangeId } from "./changeReceipts";
import { isDeleting } from "./deletions";
import { appError, DELETING_MESSAGE } from "./errors";
import { spendTokens } from "./rateLimits";
import { keepDaySummaries, type WriteTally } from "./summaryTriggers";
import { recordUndoSteps, type UndoJournal } from "./undoJournal";
import { ensureUsage } from "./usage";

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

/**
 * The only builders for public functions (ESLint forbids importing `query`,
 * `mutation` and `action` anywhere else). Handlers get `ctx.userId` and
 * never take a user id from the client.
 */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx: { auth: Auth }) => ({
    userId: await requireUserId(ctx),
  })),
);

/**
 * A public action for the signed-in caller (`search`, which must write its
 * rate-limit bucket, which a query cannot). An action reads and writes only
 * through internal functions, to which it passes `ctx.userId`.
 */
export const userAction = customAction(
  action,
  customCtx(async (ctx: { auth: Auth }) => ({
    userId: await requireUserId(ctx),
  })),
);

/** What a user mutation's handler gets: its writes keep the day summaries. */
export type UserMutationCtx = MutationCtx & {
  userId: string;
  /**
   * Takes what the whole of a job will create and write from the rate-limit
   * buckets now, for work that continues in scheduled batches (which no
   * bucket sees). The mutation's own writes are then charged only beyond it.
   */
  chargeUpFront: (cost: WriteTally) => Promise<void>;
  /** The id the change was sent with, if any (lib/changeReceipts). */
  changeId: string | null;
  /** What the handler's writes did, row by row (lib/undoJournal). */
  undoJournal: UndoJournal;
};

type UserMutationDefinition<Args extends PropertyValidators, Result> = {
  args: Args;
  handler: (ctx: UserMutationCtx, args: ObjectType<Args>) => Promise<Result>;
  /**
   * Runs while "delete my data" is running, when every other user mutation
   * is refused. Only `account.deleteMyData`, so starting it twice finds the
   * running job.
   */
  runsWhileDeleting?: true;
  /**
   * A change the person can undo: what its writes did goes to the undo log
   * under its change id (lib/undoJournal, convex/undo). Sent without a
   * change id, it leaves no log.
   */
  undoable?: boolean;
};

/** Every user mutation takes this argument besides its own. */
const changeArgs = { changeId: v.optional(v.string()) };

/** One object type, as the generated api shows it, not an intersection. */
type Expand<T> = { [K in keyof T]: T[K] };

/**
 * A public mutation for the signed-in caller. In order: the caller must be
 * signed in; while their "delete my data" runs, the change is refused
 * (DELETING); a `changeId` seen before returns its first result without
 * running again (lib/changeReceipts); the call takes a token from the
 * caller's `writes` bucket (lib/rateLimits, RATE_LIMITED when empty); then
 * the caller's usage row is made sure of (lib/usage), the handler
 * runs, its writes to todos and notes keep the day summaries and the usage
 * current (lib/summaryTriggers; LIMIT_REACHED past a budget or quota), an
 * undoable change's writes go to the undo log (lib/undoJournal), what
 * it created and wrote is taken from the `createdItems` and `writtenBytes`
 * buckets (beyond what it charged up front, `chargeUpFront`), and a
 * `changeId` leaves its receipt. All in the mutation's one transaction, so
 * a failure anywhere leaves neither writes nor a receipt (nor spent tokens).
 *
 * Written on `mutation` rather than convex-helpers' `customMutation`
 * (which `userQuery` and `internalMutation` use) because a repeated change
 * must return without running the handler, and a customization cannot skip
 * it. The declared types keep each handler's arguments and result.
 */
export function userMutation<
  Args extends PropertyValidators,
  Result extends Value | void,
>(
  definition: UserMutationDefinition<Args, Result>,
): RegisteredMutation<
  "public",
  Expand<ObjectType<Args> & ObjectType<typeof changeArgs>>,
  Promise<Result>
> {
  if ("changeId" in definition.args) {
    throw new Error("`changeId` is an argument of every user mutation.");
  }
  return mutation({
    args: { ...definition.args, ...changeArgs },
    handler: async (ctx, allArgs): Promise<Result> => {
      const { changeId, ...args } = allArgs as ObjectType<Args> &
        ObjectType<typeof changeArgs>;
      // Identity first: an anonymous call is rejected before anything else.
      const userId = await requireUserId(ctx);
      const change = changeId === undefined ? null : requireChangeId(changeId);
      if (!definition.runsWhileDeleting && (await isDeleting(ctx.db, userId))) {
        throw appError("DELETING", DELETING_MESSAGE);
      }
      if (change !== null) {
        const receipt = await findReceipt(ctx.db, userId, change);
        if (receipt) return receipt.result as Result;
      }
      // After the receipt: a repeat (a resend after a lost answer) writes
      // nothing, not even a token.
      await spendTokens(ctx, userId, "writes");
      // "Delete my data" removes the usage row; it must not start one.
      if (!definition.runsWhileDeleting) await ensureUsage(ctx, userId);
      const { db, applyLedger, tally, undoJournal } = keepDaySummaries(ctx);
      const prepaid: WriteTally = { createdItems: 0, writtenBytes: 0 };
      const chargeUpFront = async (cost: WriteTally) => {
        await spendTokens(ctx, userId, "createdItems", cost.createdItems);
        await spendTokens(ctx, userId, "writtenBytes", cost.writtenBytes);
        prepaid.createdItems += cost.createdItems;
        prepaid.writtenBytes += cost.writtenBytes;
      };
      const result = await definition.handler(
        { ...ctx, db, userId, chargeUpFront, changeId: change, undoJournal },
        args as unknown as ObjectType<Args>,
      );
      await applyLedger();
      await spendTokens(
        ctx,
        userId,
        "createdItems",
        tally.createdItems - prepaid.createdItems,
      );
      await spendTokens(
        ctx,
        userId,
        "writtenBytes",
        tally.writtenBytes - prepaid.writtenBytes,
      );
      if (definition.undoable && change !== null) {
        await recordUndoSteps(
          ctx.db,
          userId,
          change,
          undoJournal.ops(),
          !undoJournal.continues,
        );
      }
      if (change !== null) {
        await recordReceipt(
          ctx.db,
          userId,
          change,
          result as Value | undefined,
          Date.now(),
        );
      }
      return result;
    },
  }) as RegisteredMutation<
    "public",
    Expand<ObjectType<Args> & ObjectType<typeof changeArgs>>,
    Promise<Result>
  >;
}

/**
 * Scheduled work that writes todos or notes: like `userMutation`, its writes
 * keep the day summaries current. (`account.deleteBatch` alone uses the raw
 * builder, on purpose: see there.)
 */
export const internalMutation = customMutation(rawInternalMutation, {
  args: {},
  input: async (ctx) => {
    const { db, applyLedger, undoJournal } = keepDaySummaries(ctx);
    return { ctx: { db, undoJournal }, args: {}, onSuccess: applyLedger };
  },
});
