import { Trash2 } from "lucide-react";
import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { SkeletonList } from "@/components/ui/Skeleton";
import { useSignedInPaginatedQuery } from "@/lib/signedInQueries";
import { useTrashActions } from "../useTrashActions";
import { DeletedGroup } from "./DeletedGroup";

const PAGE_SIZE = 25;

/**
 * "Recently deleted": what was deleted in the last 30 days, newest first,
 * one entry per deletion (a deleted day is one entry with everything that
 * was in it), a page at a time.
 */
export default function TrashView() {
  const { results, status, loadMore } = useSignedInPaginatedQuery(
    api.trash.list,
    {},
    { initialNumItems: PAGE_SIZE },
  );
  const actions = useTrashActions();
  const empty = status === "Exhausted" && results.length === 0;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Recently deleted</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Deleted todos, notes and days stay here for 30 days, then they are
          deleted for good.
        </p>
      </div>
      {results.length > 0 ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => void actions.restoreAll()}>Restore all</Button>
          <Button variant="danger" onClick={() => void actions.empty()}>
            Empty trash
          </Button>
        </div>
      ) : null}
      {status === "LoadingFirstPage" ? (
        <SkeletonList label="Loading recently deleted items" />
      ) : empty ? (
        <EmptyState
          icon={<Trash2 className="size-6" />}
          title="Nothing was deleted recently"
        >
          What you delete stays here for 30 days, so you can restore it.
        </EmptyState>
      ) : (
        <ul aria-label="Deleted items" className="flex flex-col gap-3">
          {results.map((group) => (
            <DeletedGroup key={group._id} group={group} actions={actions} />
          ))}
        </ul>
      )}
      {status === "CanLoadMore" ? (
        <Button onClick={() => loadMore(PAGE_SIZE)} className="self-start">
          Show more
        </Button>
      ) : null}
      {status === "LoadingMore" ? (
        <SkeletonList rows={2} label="Loading more deleted items" />
      ) : null}
    </div>
  );
}
