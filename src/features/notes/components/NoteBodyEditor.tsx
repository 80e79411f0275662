import { forwardRef, Fragment, memo, useImperativeHandle, useRef } from "react";

// The textarea and the copy of its text behind it must lay out alike: the
// same font, line height, inline padding and wrapping (pre-wrap, long words
// broken), so each line number sits beside the first row of its line.
const TEXT_LAYOUT =
  "px-3 font-mono text-sm leading-6 whitespace-pre-wrap break-words";
const GUTTER =
  "border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900";

/**
 * One line of the body, twice: its number in the gutter, and its text,
 * invisible, in the text column, where it takes the height the line takes
 * in the textarea once wrapped. The grid row is as tall as that.
 */
const Line = memo(function Line({
  number,
  text,
}: {
  number: number;
  text: string;
}) {
  // The first row carries the textarea's top padding.
  const top = number === 1 ? "pt-2" : "";
  return (
    <Fragment>
      <span
        className={`${GUTTER} ${top} px-2 text-right font-mono text-sm leading-6 text-slate-600 select-none dark:text-slate-400`}
        style={{ gridRow: number, gridColumn: 1 }}
      >
        {number}
      </span>
      <span
        className={`invisible ${top} ${TEXT_LAYOUT}`}
        style={{ gridRow: number, gridColumn: 2 }}
      >
        {/* An empty line still takes a row. */}
        {text || " "}
      </span>
    </Fragment>
  );
});

/**
 * The note's body: a plain textarea beside a line-number gutter. Long lines
 * wrap; the gutter numbers the lines as written (a wrapped line keeps one
 * number, beside its first row). The box grows with the text up to a
 * maximum height, then scrolls as a whole, numbers and text together. The
 * gutter is hidden from assistive tech.
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
  useImperativeHandle(ref, () => field.current!, []);
  const lines = value.split("\n");

  return (
    <div className="max-h-[28rem] overflow-y-auto rounded-md border border-slate-300 bg-white focus-within:border-indigo-600 focus-within:ring-1 focus-within:ring-indigo-600 dark:border-slate-700 dark:bg-slate-950 dark:focus-within:border-indigo-400 dark:focus-within:ring-indigo-400">
      <div
        className="grid min-h-24 grid-cols-[auto_minmax(0,1fr)]"
        // A last row carries the bottom padding and takes what the lines
        // leave of the minimum height, so the field fills the box.
        style={{
          gridTemplateRows: `repeat(${lines.length}, auto) minmax(0.5rem, 1fr)`,
        }}
      >
        <div aria-hidden className="contents">
          {lines.map((text, index) => (
            <Line key={index} number={index + 1} text={text} />
          ))}
          <span
            className={GUTTER}
            style={{ gridRow: lines.length + 1, gridColumn: 1 }}
          />
        </div>
        <textarea
          ref={field}
          id={id}
          aria-label="Note body"
          dir="auto"
          placeholder="Write in markdown…"
          value={value}
          disabled={disabled}
          rows={1}
          spellCheck
          // No maxLength: a paste over the limit is kept whole and refused
          // with a message, never cut silently.
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          style={{ gridRow: `1 / ${lines.length + 2}`, gridColumn: 2 }}
          className={`min-h-0 resize-none self-stretch overflow-hidden bg-transparent py-2 outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400 ${TEXT_LAYOUT}`}
        />
      </div>
    </div>
  );
});
