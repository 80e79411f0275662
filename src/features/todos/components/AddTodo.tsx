import { Plus } from "lucide-react";
import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
} from "react";
import { LIMITS } from "@convex/lib/limits";
import { parseHeading } from "@convex/lib/todoText";
import { AUTO_HEIGHT, useAutoHeight } from "@/components/ui/autoHeight";
import { IconButton } from "@/components/ui/Button";
import { rovingTabStopIn } from "@/components/ui/rovingFocus";
import {
  LengthCounter,
  showsLengthCounter,
  tooLongMessage,
} from "@/components/ui/LengthCounter";
import { todayString } from "@/lib/dates";
import {
  useDatePhrases,
  type DatePhrase,
  type RepeatRule,
} from "@/lib/datePhrases";
import { readDraft, useDraftOwner, useKeptText } from "@/lib/keptDrafts";
import { cleanForSending, isBlankText } from "@/lib/text";
import { pastedLines, pasteOutcome, planPaste } from "../pasteLines";

export const ADD_TODO_HINT =
  "Enter adds · Shift+Enter new line · # heading · Paste lines: one todo each";

// The chip's code comes with the parser (both are fetched on the field's
// focus): no phrase is found before the parser is there.
const chipCode = () => import("./DatePhraseChip");
const DatePhraseChip = lazy(() =>
  chipCode().then((code) => ({ default: code.DatePhraseChip })),
);
const DatePhraseOutcome = lazy(() =>
  chipCode().then((code) => ({ default: code.DatePhraseOutcome })),
);

/**
 * The inline add field: Enter adds, Shift+Enter starts a new line, `#`,
 * `##`, `###` make a heading, and pasting several lines adds one todo per
 * line (all of them, in batches). The "+" button is for touch screens. Esc
 * leaves the field for the day's list (on an empty day, for the "+"
 * button) and keeps the draft: a long draft is
 * never thrown away by one key. The draft is kept locally (per user and day) until it is sent,
 * and comes back if the server refuses it. Nothing is ever cut: text over
 * the length limit stays in the field with a counter and a message, and
 * pasted lines that cannot be added stay in the field with the reason.
 *
 * A date typed in words ("Call mom tomorrow", "Water plants every Sunday")
 * shows a chip with the day it means; Enter then adds the todo there (or
 * makes it repeat), without those words. The chip's button, or Esc, keeps
 * the phrase as text instead. Until the parser has loaded (it starts on the
 * field's focus), and for repeats where `onAddRepeating` is not given, text
 * is simply text. Memoised: what is typed is its own state, and the day's
 * list re-rendering around it changes nothing here.
 */
export const AddTodo = memo(function AddTodo({
  day,
  todosInDay,
  onAdd,
  onAddToDay,
  onAddRepeating,
  onAddMany,
}: {
  day: string;
  /** Items the day holds now (bounds how many pasted lines fit). */
  todosInDay: number;
  /** Resolves true once the server has the todo, false when it refused it. */
  onAdd: (text: string) => Promise<boolean>;
  /** The same, for a todo whose typed date is another day than this one. */
  onAddToDay: (day: string, text: string) => Promise<boolean>;
  /**
   * The same, for a todo typed with a repeat ("every Sunday"): `firstDay`
   * is its first occurrence, from today on, where the series starts.
   */
  onAddRepeating?: (
    text: string,
    rule: RepeatRule,
    firstDay: string,
  ) => Promise<boolean>;
  /** Resolves null once the server has the lines, else why it refused them. */
  onAddMany: (lines: string[]) => Promise<string | null>;
}) {
  const draftName = `add-todo:${day}`;
  const owner = useDraftOwner();
  const kept = useKeptText(draftName);
  const { value, setValue } = kept;
  const ref = useRef<HTMLTextAreaElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  /** Why text in the field was not added; cleared by the next edit. */
  const [notice, setNotice] = useState<string | null>(null);
  const { findDatePhrase, prepare: prepareDatePhrases } = useDatePhrases();
  /** Phrases dismissed from the chip, kept as text until the field empties. */
  const [keptAsText, setKeptAsText] = useState<readonly string[]>([]);

  const repeats = onAddRepeating !== undefined;
  /**
   * What Enter would do with `text`'s date phrase, if it has one. Never a
   * heading's: `# Tomorrow` is a title.
   */
  const datePhraseIn = useCallback(
    (text: string): DatePhrase | null => {
      if (!findDatePhrase || parseHeading(text).kind !== "todo") return null;
      const phrase = findDatePhrase(text, {
        today: todayString(),
        keepAsText: keptAsText,
      });
      if (!phrase || isBlankText(phrase.text)) return null;
      return phrase.kind === "repeat" && !repeats ? null : phrase;
    },
    [findDatePhrase, keptAsText, repeats],
  );
  // Read from a deferred copy of the text: typing never waits for the parser.
  const typed = useDeferredValue(value);
  const chip = useMemo(
    () => datePhraseIn(cleanForSending(typed)),
    [datePhraseIn, typed],
  );
  const keepAsText = (phrase: DatePhrase) => {
    setKeptAsText((phrases) => [...phrases, phrase.phrase]);
    ref.current?.focus();
  };

  useAutoHeight(ref, value);

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
  const submit = () => {
    const text = cleanForSending(value);
    if (isBlankText(text)) return;
    if (text.length > LIMITS.todoText) {
      setNotice(tooLongMessage("a todo", text.length, LIMITS.todoText));
      ref.current?.focus();
      return;
    }
    setNotice(null);
    setValue("");
    kept.forget();
    setKeptAsText([]);
    // Read again from what is sent, which the chip on screen describes.
    const phrase = datePhraseIn(text);
    const adding =
      phrase === null
        ? onAdd(text)
        : phrase.kind === "repeat"
          ? onAddRepeating!(phrase.text, phrase.rule, phrase.firstDay)
          : phrase.day === day
            ? onAdd(phrase.text)
            : onAddToDay(phrase.day, phrase.text);
    void adding.then((added) => added || putBack(text));
    ref.current?.focus();
  };

  /**
   * Sends every line that can be added (batches of `LIMITS.listItems`, sent
   * together; the outbox keeps their order); lines that cannot (too long,
   * past the day's room, or refused by the server) go back to the field in
   * their pasted order, with a message saying how many were added and why
   * the rest were not.
   */
  const addLines = async (lines: string[]) => {
    const { batches, kept: keptLines } = planPaste(lines, todosInDay);
    const refusals = await Promise.all(
      batches.map((batch) => onAddMany(batch.map((index) => lines[index]!))),
    );
    for (const [i, reason] of refusals.entries()) {
      if (reason === null) continue;
      for (const index of batches[i]!) keptLines.set(index, reason);
    }
    if (keptLines.size === 0) return;
    const order = [...keptLines.keys()].sort((a, b) => a - b);
    putBack(order.map((index) => lines[index]!).join("\n"));
    setNotice(
      pasteOutcome(lines.length, keptLines.size, [...keptLines.values()]),
    );
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = cleanForSending(event.clipboardData.getData("text/plain"));
    const lines = pastedLines(text);
    if (lines.length < 2) return;
    event.preventDefault();
    setNotice(null);
    void addLines(lines);
  };

  // The same words as the description above, in short.
  const hint = (
    <p aria-hidden className="text-xs text-slate-600 dark:text-slate-400">
      {ADD_TODO_HINT}
    </p>
  );

  const length = cleanForSending(value).length;
  const tooLong = length > LIMITS.todoText;
  const describedBy = [
    "add-todo-hint",
    showsLengthCounter(length, LIMITS.todoText) && "add-todo-count",
    notice && "add-todo-notice",
    chip && "add-todo-date",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <form
      className="flex items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <textarea
          ref={ref}
          id="add-todo"
          aria-label="Add a todo"
          dir="auto"
          aria-describedby={describedBy}
          aria-invalid={tooLong || undefined}
          placeholder="Add a todo…"
          rows={1}
          value={value}
          onFocus={() => {
            prepareDatePhrases();
            void chipCode();
          }}
          onChange={(event) => {
            setNotice(null);
            setValue(event.target.value);
            if (isBlankText(event.target.value)) setKeptAsText([]);
          }}
          onPaste={onPaste}
          onKeyDown={(event) => {
            if (
              event.key === "Enter" &&
              !event.shiftKey &&
              !event.nativeEvent.isComposing
            ) {
              event.preventDefault();
              submit();
            } else if (
              event.key === "Escape" &&
              chip &&
              !event.nativeEvent.isComposing
            ) {
              // The chip first: a second Esc leaves the field.
              event.preventDefault();
              event.stopPropagation();
              keepAsText(chip);
            } else if (
              event.key === "Escape" &&
              !event.nativeEvent.isComposing
            ) {
              // Leaves for the day's list (where it was last), or on a day
              // without items the Add button beside: never the page's body.
              // Empty too, as the hint says: Esc is how a keyboard leaves.
              event.stopPropagation();
              const section = event.currentTarget.closest("section");
              const list = section && rovingTabStopIn(section);
              (list ?? addButton.current)?.focus();
            }
          }}
          className={`${AUTO_HEIGHT} min-h-10 w-full resize-none rounded-md border border-slate-300 bg-white px-3 py-2 leading-6 placeholder:text-slate-500 aria-invalid:border-red-700 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400 dark:aria-invalid:border-red-400`}
        />
        <span id="add-todo-hint" className="sr-only">
          Enter adds, Shift+Enter starts a new line. Start with # for a heading.
          Paste several lines to add one todo per line. Esc leaves the field for
          the list and keeps what you typed. A date in words, like tomorrow or
          every Sunday, sets the day; Esc keeps it as text.
        </span>
        {/* Always there, so a new outcome is read out as it changes. */}
        <p id="add-todo-date" role="status" className="sr-only">
          {chip ? (
            <Suspense fallback={null}>
              <DatePhraseOutcome phrase={chip} />
            </Suspense>
          ) : null}
        </p>
        {notice ? (
          <p
            id="add-todo-notice"
            role="alert"
            className="text-sm text-red-700 dark:text-red-400"
          >
            {notice}
          </p>
        ) : null}
        {/* Always on screen, so that leaving the field moves nothing: a row
            pressed just after typing must not slide away under the pointer
            before the release (a click lost). */}
        <div className="flex min-h-6 items-center justify-between gap-2 px-1">
          {chip ? (
            <Suspense fallback={hint}>
              <DatePhraseChip
                phrase={chip}
                onKeepAsText={() => keepAsText(chip)}
              />
            </Suspense>
          ) : (
            hint
          )}
          <LengthCounter
            id="add-todo-count"
            length={length}
            max={LIMITS.todoText}
            className="shrink-0"
          />
        </div>
      </div>
      <IconButton
        ref={addButton}
        type="submit"
        label="Add todo"
        variant="secondary"
        icon={<Plus aria-hidden className="size-5" />}
      />
    </form>
  );
});
