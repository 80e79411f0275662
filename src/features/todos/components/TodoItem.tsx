import { cn } from "../../../lib/cn";
import { GripVertical, MoreHorizontal, Pin } from "lucide-react";
import {
  forwardRef,
  lazy,
  Suspense,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type ReactNode,
  type Ref,
} from "react";
import { IconButton } from "../../../components/ui/Button";
import { isPendingTodo, type Todo } from "../optimistic";
import type { Neighbours, TodoActions } from "../useTodoActions";

// Menus load right after the first paint; until then their button shows.
const TodoMenu = lazy(() => import("./TodoMenu"));

/** The menu's button; forwards Radix's trigger props and ref. */
export const TodoMenuButton = forwardRef<
  HTMLButtonElement,
  { text: string } & ButtonHTMLAttributes<HTMLButtonElement>
>(function TodoMenuButton({ text, ...props }, ref) {
  return (
    <IconButton
      ref={ref}
      label={`More actions for ${text}`}
      size="sm"
      icon={<MoreHorizontal aria-hidden className="size-4" />}
      {...props}
    />
  );
});
import { editableText, TodoEditor } from "./TodoText";

const HEADING_TAGS = { h1: "h2", h2: "h3", h3: "h4" } as const;
const HEADING_STYLES = {
  h1: "text-xl font-semibold",
  h2: "text-lg font-semibold",
  h3: "text-base font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300",
} as const;

/** Props dnd-kit puts on the drag handle (set when the list is sortable). */
export type DragHandleAttributes = Record<string, unknown>;

/**
 * One item: a checkbox named by its text (or a heading), click the text to
 * edit it, and its menu. Emptying the text deletes the item.
 */
export function TodoItem({
  todo,
  actions,
  neighbours,
  dragHandle,
  handleRef,
  containerRef,
  style,
  isDragging,
  showDay,
}: {
  todo: Todo;
  actions: TodoActions;
  neighbours: () => Neighbours;
  /** Set when the list is sortable (drag-and-drop has loaded). */
  dragHandle?: DragHandleAttributes;
  handleRef?: (element: HTMLElement | null) => void;
  containerRef?: Ref<HTMLLIElement>;
  style?: CSSProperties;
  isDragging?: boolean;
  showDay?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  // After Enter or Esc ends an edit, focus goes back to the item's text.
  const refocus = useRef(false);
  const textId = useId();
  const pending = isPendingTodo(todo);
  const heading = todo.kind !== "todo";

  const save = (text: string, byKey: boolean) => {
    setEditing(false);
    refocus.current = byKey;
    if (text.trim() === "") {
      void actions.remove(todo, neighbours());
    } else if (text.trim() !== editableText(todo).trim()) {
      void actions.editText(todo, text);
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
      onClick={() => setEditing(true)}
      aria-label={`Edit ${todo.text}`}
      className={cn(
        "min-h-10 w-full cursor-text rounded-sm py-2 text-left break-words whitespace-pre-wrap sm:min-h-8 sm:py-1",
        todo.done && "text-slate-600 line-through dark:text-slate-400",
      )}
    >
      <span id={textId}>{todo.text}</span>
    </button>
  );

  const HeadingTag = heading
    ? HEADING_TAGS[todo.kind as keyof typeof HEADING_TAGS]
    : null;

  return (
    <li
      ref={containerRef}
      style={style}
      data-todo-id={todo._id}
      className={cn(
        "group relative flex items-start gap-1 rounded-md px-1",
        heading && "mt-3",
        isDragging && "z-10 bg-slate-100 shadow-md dark:bg-slate-800",
        pending && "opacity-70",
      )}
    >
      {dragHandle ? (
        <button
          type="button"
          ref={handleRef}
          {...dragHandle}
          aria-label={`Reorder ${todo.text}`}
          className="flex size-10 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 sm:size-8 dark:text-slate-400 dark:hover:bg-slate-800"
        >
          <GripVertical aria-hidden className="size-4" />
        </button>
      ) : (
        <span aria-hidden className="size-10 shrink-0 sm:size-8" />
      )}
      {heading ? null : (
        <span className="flex size-10 shrink-0 items-center justify-center sm:size-8">
          <input
            type="checkbox"
            aria-labelledby={textId}
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
          <TodoEditor
            initial={editableText(todo)}
            label={`Edit ${todo.text}`}
            onSave={save}
            onCancel={() => {
              setEditing(false);
              refocus.current = true;
            }}
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
        <Suspense
          fallback={<TodoMenuButton text={todo.text} disabled={pending} />}
        >
          <TodoMenu
            todo={todo}
            actions={actions}
            neighbours={neighbours}
            disabled={pending}
          />
        </Suspense>
      </span>
    </li>
  );
}
