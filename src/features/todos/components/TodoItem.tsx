import { Pin } from "lucide-react";
import { useRef, useState, type ReactNode } from "react";
import { LIMITS } from "@convex/lib/limits";
import { InlineEditor, type EditEnd } from "@/components/ui/InlineEditor";
import {
  DragHandle,
  type SortableRowProps,
} from "@/components/ui/SortableList";
import { cn } from "@/lib/cn";
import { isPending } from "@/lib/dayItems";
import {
  readDraft,
  removeDraft,
  useDraftOwner,
  useHasKeptDraft,
  writeDraft,
} from "@/lib/keptDrafts";
import type { Todo } from "../optimistic";
import { editableText } from "../todoText";
import type { TodoActions, TodoNeighbours } from "../useTodoActions";
import { TodoMenu } from "./TodoMenu";
import { UserText } from "@/components/ui/UserText";
import { isBlankText } from "@/lib/text";

const HEADING_TAGS = { h1: "h2", h2: "h3", h3: "h4" } as const;
const HEADING_STYLES = {
  h1: "text-xl font-semibold",
  h2: "text-lg font-semibold",
  h3: "text-base font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300",
} as const;

/**
 * One item: a checkbox named by its text (or a heading), click the text to
 * edit it, and its menu. Emptying the text deletes the item. In a sortable
 * list it also has a reorder handle.
 */
export function TodoItem({
  todo,
  actions,
  neighbours,
  sortable,
  showDay,
}: {
  todo: Todo;
  actions: TodoActions;
  neighbours: () => TodoNeighbours;
  sortable?: SortableRowProps;
  showDay?: ReactNode;
}) {
  // An edit typed before a reload (or an ended session) opens again.
  const draftName = `todo:${todo._id}`;
  const baseName = `${draftName}:base`;
  const owner = useDraftOwner();
  const hadDraft = useHasKeptDraft(draftName);
  const [editing, setEditing] = useState(hadDraft);
  // The text the edit started from, kept with it: the server refuses the
  // edit if the todo has changed since, and the person chooses.
  const [baseText, setBaseText] = useState(
    () => (owner ? readDraft<string>(owner, baseName) : undefined) ?? todo.text,
  );
  const startEdit = () => {
    setBaseText(todo.text);
    if (owner) writeDraft(owner, baseName, todo.text);
    setEditing(true);
  };
  // After Enter or Esc ends an edit, focus goes back to the item's text.
  const refocus = useRef(false);
  const pending = isPending(todo);
  const heading = todo.kind !== "todo";

  const endEdit = (end: EditEnd) => {
    setEditing(false);
    if (owner) removeDraft(owner, baseName);
    refocus.current = end === "key";
  };
  const save = (text: string, end: EditEnd) => {
    endEdit(end);
    if (isBlankText(text)) {
      void actions.remove(todo, neighbours());
    } else if (text.trim() !== editableText(todo).trim()) {
      void actions.editText(todo, text, baseText);
    }
  };

  const textButton = (
    <button
      type="button"
      ref={(button) => {
        if (!button || !refocus.current) return;
        refocus.current = false;
        button.focus();
      }}
      disabled={pending}
      onClick={startEdit}
      aria-label={`Edit ${todo.text}`}
      className={cn(
        "min-h-10 w-full cursor-text rounded-sm py-2 text-left break-words whitespace-pre-wrap sm:min-h-8 sm:py-1",
        todo.done && "text-slate-600 line-through dark:text-slate-400",
      )}
    >
      <UserText>{todo.text}</UserText>
    </button>
  );

  const HeadingTag = heading
    ? HEADING_TAGS[todo.kind as keyof typeof HEADING_TAGS]
    : null;

  return (
    <li
      ref={sortable?.attachRow}
      style={sortable?.style}
      data-todo-id={todo._id}
      className={cn(
        "group relative flex items-start gap-1 rounded-md px-1",
        heading && "mt-3",
        sortable?.isDragging && "z-10 bg-slate-100 shadow-md dark:bg-slate-800",
        pending && "opacity-70",
      )}
    >
      {sortable ? (
        <DragHandle
          label={`Reorder ${todo.text}`}
          attachHandle={sortable.attachHandle}
          dragHandle={sortable.dragHandle}
        />
      ) : (
        <span aria-hidden className="size-10 shrink-0 sm:size-8" />
      )}
      {heading ? null : (
        <span className="flex size-10 shrink-0 items-center justify-center sm:size-8">
          <input
            type="checkbox"
            // Named by the text itself, which the editor replaces while open.
            aria-label={todo.text}
            checked={todo.done}
            disabled={pending}
            onChange={(event) =>
              void actions.setDone(todo, event.target.checked)
            }
            className="size-5 accent-indigo-700 dark:accent-indigo-400"
          />
        </span>
      )}
      <div className="min-w-0 flex-1">
        {editing ? (
          <InlineEditor
            multiline
            initial={editableText(todo)}
            label={`Edit ${todo.text}`}
            maxLength={LIMITS.todoText}
            keepAs={draftName}
            onSave={save}
            onCancel={() => endEdit("key")}
          />
        ) : HeadingTag ? (
          <HeadingTag
            className={HEADING_STYLES[todo.kind as keyof typeof HEADING_STYLES]}
          >
            {textButton}
          </HeadingTag>
        ) : (
          textButton
        )}
        {showDay}
      </div>
      {todo.pinned ? (
        <span className="flex h-10 items-center text-indigo-700 sm:h-8 dark:text-indigo-400">
          <Pin aria-hidden className="size-4" />
          <span className="sr-only">Pinned</span>
        </span>
      ) : null}
      <span className="flex h-10 items-center sm:h-8">
        <TodoMenu
          todo={todo}
          actions={actions}
          neighbours={neighbours}
          disabled={pending}
        />
      </span>
    </li>
  );
}
