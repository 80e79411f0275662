import { cn } from "../../../lib/cn";
import { useEffect, useRef, useState } from "react";
import { LIMITS } from "../../../../convex/lib/limits";
import type { Todo } from "../optimistic";

const HEADING_PREFIX = { todo: "", h1: "# ", h2: "## ", h3: "### " } as const;

/** The text as typed, with its heading marker, for editing. */
export function editableText(todo: Pick<Todo, "kind" | "text">) {
  return HEADING_PREFIX[todo.kind] + todo.text;
}

/**
 * An auto-growing textarea for editing one item. Enter or leaving the field
 * saves, Shift+Enter adds a line, Esc cancels. `byKey` tells whether a key
 * ended the edit (focus then belongs back on the item).
 */
export function TodoEditor({
  initial,
  label,
  onSave,
  onCancel,
}: {
  initial: string;
  label: string;
  onSave: (text: string, byKey: boolean) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, []);

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.style.height = "auto";
    field.style.height = `${field.scrollHeight}px`;
  }, [value]);

  const finish = (save: boolean, byKey = true) => {
    if (finished.current) return;
    finished.current = true;
    if (save) onSave(value, byKey);
    else onCancel();
  };

  return (
    <textarea
      ref={ref}
      aria-label={label}
      value={value}
      rows={1}
      maxLength={LIMITS.todoText}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(true, false)}
      onKeyDown={(event) => {
        if (
          event.key === "Enter" &&
          !event.shiftKey &&
          !event.nativeEvent.isComposing
        ) {
          event.preventDefault();
          finish(true);
        } else if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          finish(false);
        }
      }}
      className={cn(
        "w-full resize-none rounded-md border border-indigo-600 bg-white px-2 py-1 leading-6 dark:border-indigo-400 dark:bg-slate-900",
      )}
    />
  );
}
