import type { Value } from "convex/values";
import type { DatabaseReader, DatabaseWriter } from "../_generated/server";
import { invalidArgument } from "./errors";

/*
 * Exactly-once changes. A client that queues changes (offline, or while a
 * session is renewed) gives each one an id and may send it again after a
 * lost answer or a reload. The first run of a change leaves a receipt with
 * what the mutation returned; a repeat finds the receipt and gets the same
 * answer without running again. The builder in lib/auth.ts does all of
 * this for every user mutation; handlers never see a change id.
 */

export const CHANGE_ID_MAX_LENGTH = 64;
const CHANGE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A client queue gives up on a change long before this. */
export const RECEIPT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Expired receipts removed per receipt written. More than one, so pruning
 * keeps ahead of new receipts, and few, so every write stays cheap.
 */
export const RECEIPTS_PRUNED_PER_WRITE = 4;

/** A change id: 1 to 64 letters, digits, `-` or `_` (a UUID fits). */
export function requireChangeId(changeId: string): string {
  if (
    changeId.length === 0 ||
    changeId.length > CHANGE_ID_MAX_LENGTH ||
    !CHANGE_ID_PATTERN.test(changeId)
  ) {
    throw invalidArgument(
      `changeId must be 1 to ${CHANGE_ID_MAX_LENGTH} letters, digits, "-" or "_".`,
    );
  }
  return changeId;
}

export type Receipt = { result: Value | undefined };

/** The receipt of a change already made, or null for a new change. */
export async function findReceipt(
  db: DatabaseReader,
  userId: string,
  changeId: string,
): Promise<Receipt | null> {
  const receipt = await db
    .query("changeReceipts")
    .withIndex("by_user_change", (q) =>
      q.eq("userId", userId).eq("changeId", changeId),
    )
    .unique();
  return receipt ? { result: receipt.result as Value | undefined } : null;
}

/** Records a change's result and prunes a few of the user's expired receipts. */
export async function recordReceipt(
  db: DatabaseWriter,
  userId: string,
  changeId: string,
  result: Value | undefined,
  now: number,
): Promise<void> {
  await db.insert("changeReceipts", { userId, changeId, result, at: now });
  const expired = await db
    .query("changeReceipts")
    .withIndex("by_user_at", (q) =>
      q.eq("userId", userId).lt("at", now - RECEIPT_LIFETIME_MS),
    )
    .take(RECEIPTS_PRUNED_PER_WRITE);
  for (const receipt of expired) {
    await db.delete("changeReceipts", receipt._id);
  }
}
