import { useConvex, type ConvexReactClient } from "convex/react";
import { useCallback } from "react";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { attempt } from "./notify";
import { useOutboxMutation } from "./outbox";
import { count, untilJobFinished } from "./progressToast";
import { useUndo } from "./undo";

export type DeletedGroupId = Id<"trashGroups">;

/** What a restore put back: new documents, with new ids. */
export type RestoredItems = {
  items: number;
  todos: Id<"todos">[];
  notes: Id<"notes">[];
};

/**
 * The one way back for every delete: puts a group of "Recently deleted"
 * (a todo, a note, a day, a day's open or done todos) back where it was.
 * Each delete answers with its group, so its undo step calls this with it.
 * Rejects with the server's error (e.g. LIMIT_REACHED when the day is
 * full); callers show it.
 */
export function useRestoreDeleted(): (
  groupId: DeletedGroupId,
) => Promise<RestoredItems> {
  const restoreGroup = useOutboxMutation(api.trash.restoreGroup);
  return useCallback((groupId) => restoreGroup({ groupId }), [restoreGroup]);
}

export type UndoableDelete = {
  /** The step's words, e.g. Deleted “Buy milk”. */
  label: string;
  /** For the error message: "delete the todo". */
  failure: string;
  /**
   * The delete, to "Recently deleted": resolves with its group, or null
   * when there was nothing to delete. `restored` is null the first time;
   * on a redo it holds what the undo put back (new ids), to delete again.
   */
  remove: (restored: RestoredItems | null) => Promise<DeletedGroupId | null>;
};

/**
 * Resolves once a group's deletion or restore, running in batches on the
 * server, has finished (at once for a small one), showing how far it got.
 */
function untilSettled(client: ConvexReactClient, groupId: DeletedGroupId) {
  return untilJobFinished(
    client,
    api.trash.progress,
    { groupId },
    (progress) => {
      if (progress === undefined) return "unknown";
      if (progress === null) return "finished";
      const doing =
        progress.action === "delete"
          ? "Moving to Recently deleted"
          : "Restoring from Recently deleted";
      return {
        text: `${doing}: ${count(progress.moved)} of ${count(progress.total)}`,
      };
    },
  );
}

/**
 * Every delete as a step of this tab's undo stack (Ctrl/Cmd+Z and the
 * toast's Undo): undo restores its group from "Recently deleted", redo
 * deletes again what came back, into a new group.
 */
export function useUndoableDelete(): (
  step: UndoableDelete,
) => Promise<DeletedGroupId | null | undefined> {
  const client = useConvex();
  const restore = useRestoreDeleted();
  const { pushUndoable } = useUndo();
  return useCallback(
    async ({ label, failure, remove }) => {
      let group: DeletedGroupId | null | undefined;
      let restored: RestoredItems | null = null;
      let settled!: (deleted: boolean) => void;
      // Whether it was deleted, once all of it is in the trash (a big day
      // goes in batches): an undo waits for that, so it finds it whole.
      const deleted = new Promise<boolean>((resolve) => (settled = resolve));
      // On the stack at once: Ctrl+Z pressed while a big day is still
      // moving undoes this delete, not the change before it.
      pushUndoable(
        {
          label,
          undo: async () => {
            if (!(await deleted)) return;
            restored = await restore(group!);
            await untilSettled(client, group!);
          },
          redo: async () => {
            group = await remove(restored);
            if (!group) throw new Error("Nothing was left to delete again.");
            await untilSettled(client, group);
          },
        },
        deleted,
      );
      try {
        group = await attempt(() => remove(null), failure);
        if (group) await untilSettled(client, group);
      } finally {
        settled(Boolean(group));
      }
      return group;
    },
    [client, restore, pushUndoable],
  );
}
