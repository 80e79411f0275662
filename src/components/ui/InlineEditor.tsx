import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";
import { AUTO_HEIGHT, useAutoHeight } from "./autoHeight";
import { LengthCounter, showsLengthCounter } from "./LengthCounter";
import { useKeptText } from "@/lib/keptDrafts";

/** How an edit ended: by a key (focus then belongs back on the item) or by leaving the field. */
export type EditEnd = "key" | "blur";

const count = new Intl.NumberFormat("en-US");

/**
 * True while an input method is composing (Japanese, Chinese, Korean…): the
 * Enter that confirms a composition must not save.
 */
function composing(event: KeyboardEvent) {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/**
 * The one inline editor: a field that replaces a piece of text while it is
 * edited. Enter saves (Shift+Enter adds a line when `multiline`), leaving
 * the field saves, Esc cancels, and none of them fires mid-composition.
 * It opens focused with the caret at the end (or the text selected).
 * With `keepAs`, what is typed is kept locally (per user) until the edit
 * ends, and an editor opened again under that name starts from it.
 * Text is never cut at `maxLength`: near it a counter shows, and past it
 * saving is refused with a message (the edit stays open, text as typed).
 */
export function InlineEditor({
  initial,
  label,
  maxLength,
  multiline = false,
  selectOnOpen = false,
  placeholder,
  className,
  keepAs,
  onSave,
  onCancel,
}: {
  initial: string;
  /** The field's accessible name. */
  label: string;
  maxLength: number;
  multiline?: boolean;
  selectOnOpen?: boolean;
  placeholder?: string;
  className?: string;
  /** The name the typed text is kept under until the edit ends. */
  keepAs?: string;
  onSave: (value: string, end: EditEnd) => void;
  onCancel: () => void;
}) {
  const kept = useKeptText(keepAs ?? null, initial);
  const { value, setValue } = kept;
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  // Enter or Esc, then the blur that follows, must end the edit only once.
  const finished = useRef(false);
  const id = useId();
  const [refused, setRefused] = useState<string | null>(null);
  const tooLong = value.length > maxLength;

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.focus();
    if (selectOnOpen) field.select();
    else field.setSelectionRange(field.value.length, field.value.length);
    // Only on opening: later renders must not move the caret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useAutoHeight(ref, value, multiline);

  const finish = (save: boolean, end: EditEnd) => {
    if (finished.current) return;
    if (save && tooLong) {
      setRefused(
        `Not saved: this holds at most ${count.format(maxLength)} characters and this text has ${count.format(value.length)}. Shorten it, then press Enter.`,
      );
      return;
    }
    finished.current = true;
    kept.forget();
    if (save) onSave(value, end);
    else onCancel();
  };

  const describedBy =
    [
      showsLengthCounter(value.length, maxLength) && `${id}-count`,
      refused && `${id}-refused`,
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  const props = {
    "aria-label": label,
    "aria-invalid": tooLong || undefined,
    "aria-describedby": describedBy,
    value,
    placeholder,
    onChange: (event: { target: { value: string } }) => {
      setRefused(null);
      setValue(event.target.value);
    },
    onBlur: () => finish(true, "blur"),
    onKeyDown: (event: KeyboardEvent) => {
      if (composing(event)) return;
      if (event.key === "Enter" && !(multiline && event.shiftKey)) {
        event.preventDefault();
        finish(true, "key");
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        finish(false, "key");
      }
    },
  };
  const look = cn(
    "w-full rounded-md border border-indigo-600 bg-white px-2 dark:border-indigo-400 dark:bg-slate-900",
    multiline && `${AUTO_HEIGHT} resize-none py-1 leading-6`,
    className,
  );
  const field = multiline ? (
    <textarea ref={ref} rows={1} dir="auto" {...props} className={look} />
  ) : (
    <input ref={ref} dir="auto" {...props} className={look} />
  );
  // Always wrapped, so the field is never remounted (losing focus) when
  // the counter or the message appears.
  return (
    <div className="flex w-full min-w-0 flex-col gap-1">
      {field}
      <LengthCounter
        id={`${id}-count`}
        length={value.length}
        max={maxLength}
        className="self-end"
      />
      {refused ? (
        <p
          id={`${id}-refused`}
          role="alert"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {refused}
        </p>
      ) : null}
    </div>
  );
}
