import { useId, useRef, useState, type ReactNode } from "react";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { isolate } from "@/components/ui/UserText";
import { cn } from "@/lib/cn";
import { describeRepeatWithEnd } from "@/lib/datePhrases/describeRepeat";
import {
  choiceFor,
  KIND_LABELS,
  problemWith,
  ruleFor,
  WEEKDAY_NAMES,
  type RepeatChoice,
  type RepeatEnd,
  type RepeatKind,
} from "../repeatChoice";

export type RepeatDialogProps = {
  /** The todo's text and day (the day the repeat starts from). */
  text: string;
  day: string;
  /** How it repeats now; null when it does not. */
  rule: RepeatRule | null;
  onSave: (rule: RepeatRule) => void;
  /** Shown when it repeats: "Stop repeating". */
  onStop?: () => void;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null;
};

const capitalized = (words: string) =>
  words.charAt(0).toUpperCase() + words.slice(1);

const KINDS = Object.keys(KIND_LABELS) as RepeatKind[];

const inputClass =
  "min-h-10 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950 sm:min-h-8";

/** A radio with its label, and what it opens beneath when chosen. */
function Choice({
  name,
  label,
  checked,
  onChoose,
  children,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChoose: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-10 items-center gap-2 text-sm sm:min-h-8">
        <input
          type="radio"
          name={name}
          checked={checked}
          onChange={onChoose}
          className="size-4 accent-indigo-700 dark:accent-indigo-400"
        />
        {label}
      </label>
      {checked && children ? <div className="ml-6">{children}</div> : null}
    </div>
  );
}

/** A whole number field with its visible label. */
function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={Number.isNaN(value) ? "" : value}
        onChange={(event) => onChange(event.target.valueAsNumber)}
        className={`${inputClass} w-20`}
      />
    </label>
  );
}

/**
 * "Repeat": how a todo repeats and when that ends. Saving sends the rule
 * (convex/lib/repeatRule); a todo that repeats can also stop.
 */
export function RepeatDialog({
  text,
  day,
  rule,
  onSave,
  onStop,
  onClose,
  returnFocusTo,
}: RepeatDialogProps) {
  const [choice, setChoice] = useState<RepeatChoice>(() =>
    choiceFor(day, rule),
  );
  const [showProblem, setShowProblem] = useState(false);
  const kindName = useId();
  const endName = useId();
  const problemId = useId();
  const summaryId = useId();
  const kinds = useRef<HTMLFieldSetElement>(null);
  const change = (next: Partial<RepeatChoice>) =>
    setChoice((current) => ({ ...current, ...next }));
  const problem = problemWith(choice, day);
  /** Save was pressed on this problem: the alert says it, not the summary. */
  const alerting = showProblem && problem !== null;
  // A choice that makes no rule says what is wrong at once, in the same
  // words as Save's alert, rather than summing up nothing.
  const summary = problem
    ? alerting
      ? ""
      : problem
    : capitalized(describeRepeatWithEnd(ruleFor(choice), day));

  const toggleWeekday = (weekday: number, on: boolean) =>
    change({
      weekdays: on
        ? [...choice.weekdays, weekday]
        : choice.weekdays.filter((d) => d !== weekday),
    });

  const details: Partial<Record<RepeatKind, ReactNode>> = {
    weekly: (
      <fieldset className="flex flex-wrap gap-x-3">
        <legend className="sr-only">Weekdays</legend>
        {WEEKDAY_NAMES.map((name, weekday) => (
          <label
            key={name}
            className="flex min-h-10 items-center gap-1 text-sm sm:min-h-8"
          >
            <input
              type="checkbox"
              checked={choice.weekdays.includes(weekday)}
              onChange={(event) => toggleWeekday(weekday, event.target.checked)}
              className="size-4 accent-indigo-700 dark:accent-indigo-400"
            />
            {name}
          </label>
        ))}
      </fieldset>
    ),
    monthly: (
      <NumberField
        label="Day of the month"
        value={choice.monthDay}
        min={1}
        max={31}
        onChange={(monthDay) => change({ monthDay })}
      />
    ),
    everyNDays: (
      <NumberField
        label="Number of days"
        value={choice.everyDays}
        min={1}
        max={366}
        onChange={(everyDays) => change({ everyDays })}
      />
    ),
  };

  const ends: [RepeatEnd, string, ReactNode][] = [
    ["never", "Never", null],
    [
      "until",
      "On a date",
      <label key="until" className="flex items-center gap-2 text-sm">
        End date
        <input
          type="date"
          min={day}
          value={choice.untilDay}
          onChange={(event) => change({ untilDay: event.target.value })}
          className={inputClass}
        />
      </label>,
    ],
    [
      "count",
      "After a number of times",
      <NumberField
        key="count"
        label="Times"
        value={choice.count}
        min={1}
        max={1000}
        onChange={(count) => change({ count })}
      />,
    ],
  ];

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Repeat"
      description={`“${isolate(text)}”`}
      returnFocusTo={returnFocusTo}
      // On the way it repeats now, as a radio group should open.
      onOpenAutoFocus={(event) => {
        const checked = kinds.current?.querySelector<HTMLInputElement>(
          'input[type="radio"]:checked',
        );
        if (!checked) return;
        event.preventDefault();
        checked.focus();
      }}
    >
      {/* The choices scroll and the footer stays: on a phone, Save and
          Cancel are in sight however long the choices run. */}
      <form
        noValidate
        className="-mx-5 -mb-5 flex min-h-0 flex-col"
        onSubmit={(event) => {
          event.preventDefault();
          if (problem) {
            setShowProblem(true);
            return;
          }
          onSave(ruleFor(choice));
        }}
      >
        <div className="flex min-h-0 flex-col gap-4 overflow-y-auto px-5 pb-4">
          <fieldset ref={kinds} className="flex flex-col">
            <legend className="mb-1 text-sm font-medium">Repeats</legend>
            {KINDS.map((kind) => (
              <Choice
                key={kind}
                name={kindName}
                label={KIND_LABELS[kind]}
                checked={choice.kind === kind}
                onChoose={() => change({ kind })}
              >
                {details[kind]}
              </Choice>
            ))}
          </fieldset>
          <fieldset className="flex flex-col">
            <legend className="mb-1 text-sm font-medium">Ends</legend>
            {ends.map(([end, label, detail]) => (
              <Choice
                key={end}
                name={endName}
                label={label}
                checked={choice.end === end}
                onChoose={() => change({ end })}
              >
                {detail}
              </Choice>
            ))}
          </fieldset>
        </div>
        <div className="flex flex-col gap-3 border-t border-slate-200 px-5 pt-3 pb-5 dark:border-slate-700">
          {/* Before the summary, so the problem stays where it was read. */}
          {alerting ? (
            <p
              id={problemId}
              role="alert"
              className="text-sm text-red-700 dark:text-red-400"
            >
              {problem}
            </p>
          ) : null}
          <p
            id={summaryId}
            role="status"
            className={cn(
              "min-h-5 text-sm",
              problem ? "text-red-700 dark:text-red-400" : "font-medium",
            )}
          >
            {summary}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            {onStop ? (
              <Button variant="danger" onClick={onStop} className="mr-auto">
                Stop repeating
              </Button>
            ) : null}
            <Button onClick={onClose}>Cancel</Button>
            <Button
              type="submit"
              variant="primary"
              aria-describedby={
                alerting ? problemId : summary ? summaryId : undefined
              }
            >
              Save
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
