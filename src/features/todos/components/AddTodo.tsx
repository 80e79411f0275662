import { Plus } from "lucide-react";
import { useEffect, useRef, type ClipboardEvent } from "react";
import { LIMITS } from "@convex/lib/limits";
import { IconButton } from "@/components/ui/Button";
import { readDraft, useDraftOwner, useKeptText } from "@/lib/keptDrafts";
import { cleanForSending, isBlankText } from "@/lib/text";

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
 * kept locally (per user and day) until it is sent, and comes back if the
 * server refuses it.
 */
export function AddTodo({
  day,
  onAdd,
  onAddMany,
}: {
  day: string;
  /** Resolves true once the server has the todo, false when it refused it. */
  onAdd: (text: string) => Promise<boolean>;
  onAddMany: (lines: string[]) => Promise<boolean>;
}) {
  const draftName = `add-todo:${day}`;
  const owner = useDraftOwner();
  const kept = useKeptText(draftName);
  const { value, setValue } = kept;
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.style.height = "auto";
    field.style.height = `${field.scrollHeight}px`;
  }, [value]);

  /**
   * Text the server refused (too long, a limit reached...) comes back to
   * the field to be fixed, never lost. If something new was typed
   * meanwhile, both stay: the refused text first (it was written first), on
   * its own line, and the caret stays at the end of what is being typed.
   * If this day is no longer open, it goes into the day's kept draft.
   */
  const putBack = (text: string) => {
    const now =
      ref.current?.value ??
      (owner ? readDraft<string>(owner, draftName) : undefined) ??
      "";
    setValue(isBlankText(now) ? text : `${text}\n${now}`);
  };

  // The field empties at once (the todo shows optimistically). The kept
  // draft goes too: from here the outbox keeps the change across a reload,
  // and a draft kept as well would come back in the field after a reload
  // while the outbox sends the same todo, inviting a second one.
  const send = (text: string, lines?: string[]) => {
    void (lines ? onAddMany(lines) : onAdd(text)).then(
      (added) => added || putBack(text),
    );
  };

  const submit = () => {
    const text = cleanForSending(value);
    if (isBlankText(text)) return;
    setValue("");
    kept.forget();
    send(text);
    ref.current?.focus();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = cleanForSending(event.clipboardData.getData("text/plain"));
    const lines = pastedLines(text);
    if (lines.length < 2) return;
    event.preventDefault();
    send(lines.join("\n"), lines);
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
