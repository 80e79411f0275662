import { useCallback } from "react";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { useOutboxMutation } from "./outbox";

export type DeletedGroupId = Id<"trashGroups">;

/**
 * The one way back for every delete: puts a group of "Recently deleted"
 * (a todo, a note, a day, a day's open or done todos) back where it was.
 * Each delete answers with its group, so an Undo (a toast's, or the undo
 * stack's) calls this with it. Rejects with the server's error (e.g.
 * LIMIT_REACHED when the day is full); callers show it.
 */
export function useRestoreDeleted(): (
  groupId: DeletedGroupId,
) => Promise<{ items: number }> {
  const restoreGroup = useOutboxMutation(api.trash.restoreGroup);
  return useCallback((groupId) => restoreGroup({ groupId }), [restoreGroup]);
}
