import { memo, useRef, useState, type ReactNode } from "react";
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
import type { TodoActions } from "../useTodoActions";
import { keepFocusOnTodo } from "./keepFocusOnTodo";
import { TodoMenu, type TodoMenuVariant } from "./TodoMenu";
import "@/components/ui/icons.css";
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
 * list it also has a reorder handle. Its lists are roving (useRovingFocus):
 * its controls say `tabIndex={-1}` and their `data-control` kind, and the
 * list gives out its one Tab stop itself.
 *
 * Memoised, and every prop is stable (the todo object is kept while its
 * fields are unchanged, see useStableItems), so a change to one item
 * re-renders one row whatever the size of the day. The row is kept to a
 * few elements (icons drawn by CSS, no wrappers); its lists render rows in
 * runs that skip rendering work off screen (ChunkedList) yet stay in the
 * page for find-in-page, screen readers and Tab.
 */
export const TodoItem = memo(function TodoItem({
  todo,
  actions,
  sortable,
  showDay,
  menu = "day",
}: {
  todo: Todo;
  actions: TodoActions;
  sortable?: SortableRowProps;
  showDay?: ReactNode;
  /** Which moves its menu offers (see TodoMenu). */
  menu?: TodoMenuVariant;
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
    () =>
      (owner && hadDraft ? readDraft<string>(owner, baseName) : undefined) ??
      todo.text,
  );
  // The text an editor opens on again after its save was called off (the
  // question a repeating todo asks was dismissed): what was typed.
  const [reopenText, setReopenText] = useState<string | null>(null);
  const startEdit = () => {
    setReopenText(null);
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
      if (end === "key") keepFocusOnTodo(document.activeElement);
      void actions.remove(todo);
    } else if (text.trim() !== editableText(todo).trim()) {
      // Kept while a question about it is open, so a reload loses nothing.
      if (owner && todo.seriesId) {
        writeDraft(owner, draftName, text);
        writeDraft(owner, baseName, baseText);
      }
      void actions.editText(todo, text, baseText).then((outcome) => {
        if (outcome === "cancelled") {
          setReopenText(text);
          setEditing(true);
        } else if (owner && todo.seriesId) {
          removeDraft(owner, draftName);
          removeDraft(owner, baseName);
        }
      });
    }
  };

  // A heading's button is named by its text, so the heading reads as its
  // text ("Morning", not "Edit Morning"); "Edit" is said as its description.
  const textButton = (
    <button
      type="button"
      tabIndex={-1}
      data-control="text"
      ref={(button) => {
        if (!button || !refocus.current) return;
        refocus.current = false;
        button.focus();
      }}
      disabled={pending}
      onClick={startEdit}
      aria-label={heading ? undefined : `Edit ${todo.text}`}
      aria-description={heading ? "Edit" : undefined}
      className={cn(
        "min-h-10 w-full min-w-0 cursor-text rounded-sm py-2 text-left break-words whitespace-pre-wrap sm:min-h-8 sm:py-1",
        // Alone in the row (no wrapper): it takes the row's free width.
        !heading && !showDay && "flex-1",
        todo.done && "text-slate-600 line-through dark:text-slate-400",
      )}
    >
      <UserText>{todo.text}</UserText>
    </button>
  );

  const HeadingTag = heading
    ? HEADING_TAGS[todo.kind as keyof typeof HEADING_TAGS]
    : null;

  const text = editing ? (
    <InlineEditor
      multiline
      initial={reopenText ?? editableText(todo)}
      label={`Edit ${todo.text}`}
      maxLength={LIMITS.todoText}
      keepAs={draftName}
      onSave={save}
      onCancel={() => endEdit("key")}
    />
  ) : HeadingTag ? (
    <HeadingTag
      className={cn(
        "min-w-0 flex-1",
        HEADING_STYLES[todo.kind as keyof typeof HEADING_STYLES],
      )}
    >
      {textButton}
    </HeadingTag>
  ) : (
    textButton
  );

  return (
    <li
      ref={sortable?.attachRow}
      // Said outright: in a ChunkedList the row's `ul` has no role.
      role="listitem"
      data-todo-id={todo._id}
      className={cn(
        "group relative flex items-start gap-1 rounded-md px-1",
        // No handle (a list that does not reorder): the same indent.
        !sortable && "pl-12 sm:pl-10",
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
          tabIndex={-1}
        />
      ) : null}
      {heading ? null : (
        <input
          type="checkbox"
          // Named by the text itself, which the editor replaces while open;
          // an occurrence of a repeating todo says so.
          aria-label={todo.seriesId ? `${todo.text}, repeats` : todo.text}
          tabIndex={-1}
          data-control="done"
          checked={todo.done}
          disabled={pending}
          onChange={(event) => {
            // The row moves between the open list and Done: focus goes with it.
            keepFocusOnTodo(event.currentTarget);
            void actions.setDone(todo, event.target.checked);
          }}
          // Centred in a 40 (32) px square, as the other controls are.
          className="m-2.5 size-5 shrink-0 accent-indigo-700 sm:m-1.5 dark:accent-indigo-400"
        />
      )}
      {editing || showDay ? (
        <div className="min-w-0 flex-1">
          {text}
          {showDay}
        </div>
      ) : (
        text
      )}
      {todo.pinned ? (
        <span className="icon icon-pin flex h-10 items-center text-indigo-700 sm:h-8 dark:text-indigo-400">
          <span className="sr-only">Pinned</span>
        </span>
      ) : null}
      {todo.seriesId ? (
        // Its name says it repeats (the checkbox's); the icon shows it.
        <span
          aria-hidden
          title="Repeats"
          className="icon icon-repeat flex h-10 items-center text-slate-600 sm:h-8 dark:text-slate-400"
        />
      ) : null}
      <TodoMenu
        todo={todo}
        actions={actions}
        disabled={pending}
        variant={menu}
      />
    </li>
  );
});
