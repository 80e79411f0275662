import type { DatabaseReader } from "../_generated/server";

/** The caller's latest "delete my data" job (one indexed read), or null. */
export function latestDeletion(db: DatabaseReader, userId: string) {
  return db
    .query("deletions")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .order("desc")
    .first();
}

/** Whether "delete my data" is running for the user now. */
export async function isDeleting(
  db: DatabaseReader,
  userId: string,
): Promise<boolean> {
  const job = await latestDeletion(db, userId);
  return job !== null && job.status !== "done";
}
