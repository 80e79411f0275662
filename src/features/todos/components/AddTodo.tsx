import { Plus } from "lucide-react";
import { useEffect, useRef, type ClipboardEvent } from "react";
import { LIMITS } from "@convex/lib/limits";
import { IconButton } from "@/components/ui/Button";
import { useKeptText } from "@/lib/keptDrafts";
import { isBlankText } from "@/lib/text";

/** Splits pasted text into the non-blank lines that become todos. */
export function pastedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => !isBlankText(line))
    .slice(0, LIMITS.listItems);
}

/**
 * The inline add field: Enter adds, Shift+Enter starts a new line, `#`,
 * `##`, `###` make a heading, and pasting several lines adds one todo per
 * line. The "+" button is for touch screens. Esc leaves the field and keeps
 * the draft: a long draft is never thrown away by one key. The draft is
 * kept locally (per user and day) until it is added.
 */
export function AddTodo({
  day,
  onAdd,
  onAddMany,
}: {
  day: string;
  onAdd: (text: string) => void;
  onAddMany: (lines: string[]) => void;
}) {
  const kept = useKeptText(`add-todo:${day}`);
  const { value, setValue } = kept;
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.style.height = "auto";
    field.style.height = `${field.scrollHeight}px`;
  }, [value]);

  const submit = () => {
    if (isBlankText(value)) return;
    onAdd(value);
    setValue("");
    kept.forget();
    ref.current?.focus();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = event.clipboardData.getData("text/plain");
    const lines = pastedLines(text);
    if (lines.length < 2) return;
    event.preventDefault();
    onAddMany(lines);
  };

  return (
    <form
      className="flex items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        id="add-todo"
        aria-label="Add a todo"
        dir="auto"
        aria-describedby="add-todo-hint"
        placeholder="Add a todo…"
        rows={1}
        value={value}
        maxLength={LIMITS.todoText}
        onChange={(event) => setValue(event.target.value)}
        onPaste={onPaste}
        onKeyDown={(event) => {
          if (
            event.key === "Enter" &&
            !event.shiftKey &&
            !event.nativeEvent.isComposing
          ) {
            event.preventDefault();
            submit();
          } else if (event.key === "Escape" && value !== "") {
            event.stopPropagation();
            event.currentTarget.blur();
          }
        }}
        className="min-h-10 flex-1 resize-none rounded-md border border-slate-300 bg-white px-3 py-2 leading-6 placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
      />
      <span id="add-todo-hint" className="sr-only">
        Enter adds, Shift+Enter starts a new line. Start with # for a heading.
        Paste several lines to add one todo per line. Esc leaves the field and
        keeps what you typed.
      </span>
      <IconButton
        type="submit"
        label="Add todo"
        variant="secondary"
        icon={<Plus aria-hidden className="size-5" />}
      />
    </form>
  );
}
