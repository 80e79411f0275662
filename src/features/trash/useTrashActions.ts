import { useMemo } from "react";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { useConfirm } from "@/components/ui/confirm";
import { isolate } from "@/components/ui/UserText";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useRestoreDeleted } from "@/lib/restoreDeleted";
import { shorten } from "@/lib/text";
import { toast } from "@/lib/toast";

type GroupId = Id<"trashGroups">;
type ItemId = Id<"trash">;

/**
 * What the "Recently deleted" view does. Restoring needs no question (it
 * can be deleted again); deleting for good asks first. Failures become
 * toasts (`attempt`); each resolves true once done.
 */
export function useTrashActions() {
  const confirm = useConfirm();
  const restoreDeleted = useRestoreDeleted();
  const restoreItem = useOutboxMutation(api.trash.restoreItem);
  const restoreAll = useOutboxMutation(api.trash.restoreAll);
  const deleteGroupForever = useOutboxMutation(api.trash.deleteGroupForever);
  const deleteItemForever = useOutboxMutation(api.trash.deleteItemForever);
  const empty = useOutboxMutation(api.trash.empty);

  return useMemo(() => {
    const done = async (run: () => Promise<unknown>, action: string) =>
      (await attempt(() => run().then(() => true), action)) ?? false;
    const askToDelete = (name: string, description?: string) =>
      confirm({
        title: `Delete “${isolate(shorten(name))}” forever?`,
        description: description ?? "It cannot be restored afterwards.",
        confirmLabel: "Delete forever",
        destructive: true,
      });
    return {
      restoreGroup: async (groupId: GroupId, name: string) => {
        if (await done(() => restoreDeleted(groupId), "restore it")) {
          toast.success(`Restored “${isolate(shorten(name))}”`);
        }
      },
      restoreItem: async (id: ItemId, name: string) => {
        if (await done(() => restoreItem({ id }), "restore it")) {
          toast.success(`Restored “${isolate(shorten(name))}”`);
        }
      },
      restoreAll: async () => {
        if (await done(() => restoreAll({}), "restore everything")) {
          toast.success(
            "Restoring everything. Whatever would overfill its day stays here.",
          );
        }
      },
      deleteGroupForever: async (
        groupId: GroupId,
        name: string,
        items: number,
      ) => {
        const description =
          items > 1
            ? `All ${items.toLocaleString("en-US")} items in it are deleted for good. This cannot be undone.`
            : undefined;
        if (!(await askToDelete(name, description))) return;
        await done(() => deleteGroupForever({ groupId }), "delete it");
      },
      deleteItemForever: async (id: ItemId, name: string) => {
        if (!(await askToDelete(name))) return;
        await done(() => deleteItemForever({ id }), "delete it");
      },
      empty: async () => {
        const sure = await confirm({
          title: "Empty Recently deleted?",
          description:
            "Everything in it is deleted for good. This cannot be undone.",
          confirmLabel: "Empty trash",
          destructive: true,
        });
        if (!sure) return;
        await done(() => empty({}), "empty the trash");
      },
    };
  }, [
    confirm,
    restoreDeleted,
    restoreItem,
    restoreAll,
    deleteGroupForever,
    deleteItemForever,
    empty,
  ]);
}

export type TrashActions = ReturnType<typeof useTrashActions>;
