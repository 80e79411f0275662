import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";

/**
 * The note's body: a plain textarea beside a line-number gutter. Lines do
 * not wrap (like a code editor), so each number sits beside its line; the
 * gutter follows the textarea's scroll and is hidden from assistive tech.
 */
export const NoteBodyEditor = forwardRef<
  HTMLTextAreaElement,
  {
    id: string;
    value: string;
    onChange: (value: string) => void;
    onBlur: () => void;
    disabled?: boolean;
    /** Over the length limit: marked invalid, described by `describedBy`. */
    invalid?: boolean;
    describedBy?: string;
  }
>(function NoteBodyEditor(
  { id, value, onChange, onBlur, disabled, invalid, describedBy },
  ref,
) {
  const field = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  useImperativeHandle(ref, () => field.current!, []);

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    // Grow with the text up to the max height, then scroll.
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight + 2}px`;
    if (gutter.current) gutter.current.scrollTop = element.scrollTop;
  }, [value]);

  let lines = 1;
  for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1))
    lines++;
  const numbers = Array.from({ length: lines }, (_, i) => i + 1).join("\n");

  return (
    <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white focus-within:border-indigo-600 focus-within:ring-1 focus-within:ring-indigo-600 dark:border-slate-700 dark:bg-slate-950 dark:focus-within:border-indigo-400 dark:focus-within:ring-indigo-400">
      <pre
        ref={gutter}
        aria-hidden
        className="overflow-hidden border-r border-slate-200 bg-slate-50 px-2 py-2 text-right font-mono text-sm leading-6 text-slate-600 select-none dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400"
      >
        {numbers}
      </pre>
      <textarea
        ref={field}
        id={id}
        aria-label="Note body"
        dir="auto"
        placeholder="Write in markdown…"
        value={value}
        disabled={disabled}
        wrap="off"
        spellCheck
        // No maxLength: a paste over the limit is kept whole and refused
        // with a message, never cut silently.
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        onScroll={(event) => {
          if (gutter.current)
            gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        className="max-h-[28rem] min-h-24 flex-1 resize-none overflow-auto bg-transparent px-3 py-2 font-mono text-sm leading-6 outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400"
      />
    </div>
  );
});
