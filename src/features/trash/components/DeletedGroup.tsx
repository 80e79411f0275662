import { ChevronDown, ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { SkeletonList } from "@/components/ui/Skeleton";
import { UserText } from "@/components/ui/UserText";
import { longDate } from "@/lib/dayNames";
import { useSignedInPaginatedQuery } from "@/lib/signedInQueries";
import { isBlankText } from "@/lib/text";
import type { TrashActions } from "../useTrashActions";

export type Group = FunctionReturnType<typeof api.trash.list>["page"][number];

const ITEM_PAGE_SIZE = 25;

const count = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** How the view names a group, in words (also its buttons' names). */
export function groupTitle(group: Group): string {
  const date = longDate(group.day);
  switch (group.what) {
    case "day":
      return group.label && !isBlankText(group.label)
        ? `${group.label} (${date})`
        : date;
    case "openTodos":
      return `Open todos of ${date}`;
    case "doneTodos":
      return `Done todos of ${date}`;
    case "note":
      return isBlankText(group.name) ? "Untitled note" : group.name;
    default:
      return group.name;
  }
}

/** What a group is and holds, and when it goes for good. */
function groupDetails(group: Group): string {
  const held = [
    group.todoCount > 0 ? count(group.todoCount, "todo") : null,
    group.noteCount > 0 ? count(group.noteCount, "note") : null,
  ].filter(Boolean);
  const what =
    group.what === "todo"
      ? `Todo from ${longDate(group.day)}`
      : group.what === "note"
        ? `Note from ${longDate(group.day)}`
        : group.what === "day"
          ? `Day${held.length ? ` with ${held.join(" and ")}` : ""}${group.archived ? ", archived" : ""}`
          : held.join(" and ");
  const until = new Date(group.expiresAt).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
  });
  return `${what} · kept until ${until}`;
}

/** The items of a multi-item group, each with its own Restore and Delete. */
function GroupItems({
  group,
  actions,
}: {
  group: Group;
  actions: TrashActions;
}) {
  const { results, status, loadMore } = useSignedInPaginatedQuery(
    api.trash.listItems,
    { groupId: group._id },
    { initialNumItems: ITEM_PAGE_SIZE },
  );
  if (status === "LoadingFirstPage") {
    return <SkeletonList rows={2} label="Loading the items" />;
  }
  return (
    <div className="flex flex-col gap-2">
      <ul
        aria-label={`Items of ${groupTitle(group)}`}
        className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800"
      >
        {results.map((item) => {
          const name = item.todo
            ? item.todo.text
            : item.note && !isBlankText(item.note.title)
              ? item.note.title
              : "Untitled note";
          return (
            <li
              key={item._id}
              className="flex flex-wrap items-center gap-2 py-1.5"
            >
              <span className="min-w-0 flex-1 text-sm break-words text-slate-800 dark:text-slate-200">
                {item.todo?.done ? (
                  <span className="sr-only">Done: </span>
                ) : null}
                <UserText>{name}</UserText>
                {item.note ? (
                  <span className="text-slate-600 dark:text-slate-400">
                    {" "}
                    (note)
                  </span>
                ) : null}
              </span>
              <RestoreOrDelete
                name={name}
                restore={() => void actions.restoreItem(item._id, name)}
                deleteForever={() =>
                  void actions.deleteItemForever(item._id, name)
                }
              />
            </li>
          );
        })}
      </ul>
      {status === "CanLoadMore" ? (
        <Button
          size="sm"
          onClick={() => loadMore(ITEM_PAGE_SIZE)}
          className="self-start"
        >
          Show more items
        </Button>
      ) : null}
      {status === "LoadingMore" ? (
        <SkeletonList rows={1} label="Loading more items" />
      ) : null}
    </div>
  );
}

/** "Restore" and "Delete forever" for one deleted thing, named by it. */
function RestoreOrDelete({
  name,
  prominent = false,
  restore,
  deleteForever,
}: {
  name: string;
  /** A whole deletion's Restore stands out; an item's inside it does not. */
  prominent?: boolean;
  restore: () => void;
  deleteForever: () => void;
}) {
  return (
    <>
      <Button
        size="sm"
        variant={prominent ? undefined : "ghost"}
        aria-label={`Restore “${name}”`}
        onClick={restore}
      >
        Restore
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Delete forever “${name}”`}
        onClick={deleteForever}
      >
        Delete forever
      </Button>
    </>
  );
}

/** One deletion: a todo, a note, a day or a day's open or done todos. */
export function DeletedGroup({
  group,
  actions,
}: {
  group: Group;
  actions: TrashActions;
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const itemsId = useId();
  const title = groupTitle(group);
  const items = group.todoCount + group.noteCount;
  const single = group.what === "todo" || group.what === "note";
  return (
    <li
      aria-labelledby={titleId}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2
            id={titleId}
            className="font-medium break-words text-slate-900 dark:text-slate-100"
          >
            <UserText>{title}</UserText>
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {groupDetails(group)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <RestoreOrDelete
            name={title}
            prominent
            restore={() => void actions.restoreGroup(group._id, title)}
            deleteForever={() =>
              void actions.deleteGroupForever(group._id, title, items)
            }
          />
        </div>
      </div>
      {!single && items > 0 ? (
        <div className="flex flex-col gap-1">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? itemsId : undefined}
            onClick={() => setOpen(!open)}
            className="flex min-h-10 items-center gap-1 self-start rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 sm:min-h-8 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            {open ? (
              <ChevronDown aria-hidden className="size-4" />
            ) : (
              <ChevronRight aria-hidden className="size-4" />
            )}
            {open
              ? "Hide items"
              : `Show items (${items.toLocaleString("en-US")})`}
          </button>
          {open ? (
            <div id={itemsId}>
              <GroupItems group={group} actions={actions} />
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
