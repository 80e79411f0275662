import { useConvex } from "convex/react";
import { Upload } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { api } from "@convex/_generated/api";
import type { SkipCounts } from "@convex/imports";
import { LIMITS } from "@convex/lib/limits";
import { Button } from "@/components/ui/Button";
import {
  FORMAT_NAMES,
  isEmptyPlan,
  planCounts,
  type ImportPlan,
  type PlanSkip,
} from "../import/importPlan";
import { readImportFiles, UnreadableFileError } from "../import/readImportFile";
import {
  convexSender,
  runImport,
  type ImportKind,
  type ImportOutcome,
  type ImportProgress,
} from "../import/runImport";

type State =
  | { step: "idle" }
  | { step: "reading" }
  | { step: "preview"; plan: ImportPlan; fileName: string }
  | { step: "running"; plan: ImportPlan; progress: ImportProgress }
  | { step: "done"; plan: ImportPlan; outcome: ImportOutcome }
  | { step: "error"; message: string };

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

const KIND_WORDS: Record<ImportKind, [string, string]> = {
  series: ["repeating todo", "repeating todos"],
  todos: ["todo or heading", "todos and headings"],
  notes: ["note", "notes"],
  days: ["day label or archive mark", "day labels and archive marks"],
};

const SKIP_REASONS: Record<keyof SkipCounts, string> = {
  duplicate: "already in Daybook (the same day and content)",
  dayFull: `the day is full (at most ${LIMITS.todosPerDay.toLocaleString("en-US")} todos and ${LIMITS.notesPerDay} notes a day)`,
  quota: "your account has reached its limit of todos, notes, days or text",
  labelDiffers: "the day already has another label, which was kept",
};

/** Why rows of `kind` were skipped: repeating todos have a limit of their own. */
const skipReason = (kind: ImportKind, reason: keyof SkipCounts) =>
  kind === "series" && reason === "quota"
    ? `at most ${LIMITS.activeSeries} repeating todos can run at once, so their occurrences came in as plain todos`
    : kind === "series" && reason === "duplicate"
      ? "already in Daybook (the same text, repeat and start)"
      : SKIP_REASONS[reason];

function Section({
  heading,
  children,
}: {
  heading: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1">
      <h4 id={id} className="text-sm font-medium">
        {heading}
      </h4>
      {children}
    </section>
  );
}

/** "todos (2): why", for rows the file could not give (importPlan). */
const skipLine = (skip: PlanSkip) =>
  `${skip.what} (${skip.count.toLocaleString("en-US")}): ${skip.reason}`;

/** A headed list of lines; nothing at all when there are none. */
function LinesSection({
  heading,
  lines,
}: {
  heading: string;
  lines: readonly string[];
}) {
  if (lines.length === 0) return null;
  return (
    <Section heading={heading}>
      <ul className="list-disc pl-5 text-sm text-slate-700 marker:text-slate-500 dark:text-slate-300">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Section>
  );
}

/** What will come in and what will not: the plan, before anything is sent. */
function Preview({ plan }: { plan: ImportPlan }) {
  const counts = planCounts(plan);
  const items = [
    count(counts.days, "day"),
    `${count(counts.todos, "todo")}${counts.done > 0 ? ` (${counts.done.toLocaleString("en-US")} done)` : ""}`,
    count(counts.headings, "heading"),
    // Only Daybook's own export has them: not listed for other files.
    ...(counts.repeating > 0
      ? [count(counts.repeating, "repeating todo")]
      : []),
    count(counts.notes, "note"),
    count(counts.labels, "day label"),
    count(counts.archivedDays, "archived day"),
  ];
  return (
    <>
      <LinesSection heading="Will be imported" lines={items} />
      <LinesSection
        heading="Will be skipped"
        lines={plan.skipped.map(skipLine)}
      />
      <LinesSection heading="No equivalent in Daybook" lines={plan.dropped} />
    </>
  );
}

/** The summary after the last batch: what landed, what did not and why. */
function Summary({
  plan,
  outcome,
}: {
  plan: ImportPlan;
  outcome: ImportOutcome;
}) {
  const kinds: ImportKind[] = [
    ...(plan.series.length > 0 ? (["series"] as const) : []),
    "todos",
    "notes",
    "days",
  ];
  const imported = kinds.map((kind) => {
    const [one, many] = KIND_WORDS[kind];
    return count(outcome.imported[kind], one, many);
  });
  const skipped = kinds.flatMap((kind) =>
    (Object.keys(SKIP_REASONS) as (keyof SkipCounts)[])
      .filter((reason) => outcome.skipped[kind][reason] > 0)
      .map((reason) => {
        const [one, many] = KIND_WORDS[kind];
        return `${count(outcome.skipped[kind][reason], one, many)}: ${skipReason(kind, reason)}`;
      }),
  );
  const notRead = plan.skipped.map(skipLine);
  const stopped = outcome.stopped;
  return (
    <>
      {stopped ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          The import stopped: {stopped.message} Not imported:{" "}
          {kinds
            .map((kind) => {
              const [one, many] = KIND_WORDS[kind];
              return count(stopped.notSent[kind], one, many);
            })
            .join(", ")}
          . Importing the same file again adds only what is missing.
        </p>
      ) : null}
      <LinesSection heading="Imported" lines={imported} />
      <LinesSection heading="Skipped" lines={[...notRead, ...skipped]} />
      <LinesSection heading="No equivalent in Daybook" lines={plan.dropped} />
    </>
  );
}

function Progress({ progress }: { progress: ImportProgress }) {
  const label =
    progress.waitingMs !== undefined
      ? `Paused by the rate limit; going on in ${Math.ceil(progress.waitingMs / 1000)} s (${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} rows)`
      : `Importing… ${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} rows`;
  const percent =
    progress.total === 0
      ? 0
      : Math.round((100 * progress.done) / progress.total);
  return (
    <div className="flex flex-col gap-2">
      <div
        role="progressbar"
        aria-label="Importing"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        aria-valuetext={label}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className="h-full bg-indigo-700 transition-[width] dark:bg-indigo-400"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm">{label}</p>
    </div>
  );
}

/**
 * Import: choose a file, see what it holds, confirm, watch the batches go,
 * then read what was imported and what was skipped, and why.
 */
export function ImportSection() {
  const convex = useConvex();
  const [state, setState] = useState<State>({ step: "idle" });
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);

  const choose = async (files: File[]) => {
    if (files.length === 0) return;
    setState({ step: "reading" });
    try {
      const plan = await readImportFiles(files, () =>
        convex.query(api.imports.accountId, {}),
      );
      setState({
        step: "preview",
        plan,
        fileName: files.map((file) => file.name).join(", "),
      });
    } catch (error) {
      setState({
        step: "error",
        message:
          error instanceof UnreadableFileError
            ? error.message
            : "This file could not be read.",
      });
    }
  };

  const start = async (plan: ImportPlan) => {
    setState({ step: "running", plan, progress: { done: 0, total: 0 } });
    const outcome = await runImport(plan, convexSender(convex), (progress) =>
      setState({ step: "running", plan, progress }),
    );
    setState({ step: "done", plan, outcome });
  };

  const reset = () => {
    if (input.current) input.current.value = "";
    refocusInput.current = true;
    setState({ step: "idle" });
  };

  // The control that had focus goes away at each step (the file input, the
  // Import button): focus moves to what replaced it, so keyboard and screen
  // reader users stay in place.
  const panel = useRef<HTMLDivElement>(null);
  const refocusInput = useRef(false);
  useEffect(() => {
    if (
      state.step === "preview" ||
      state.step === "running" ||
      state.step === "done"
    ) {
      panel.current?.focus();
    } else if (state.step === "idle" && refocusInput.current) {
      refocusInput.current = false;
      input.current?.focus();
    }
  }, [state.step]);

  const status =
    state.step === "reading"
      ? "Reading the file…"
      : state.step === "done"
        ? state.outcome.stopped
          ? "The import stopped before the end."
          : "Import finished."
        : "";

  return (
    <section aria-labelledby="import-heading" className="flex flex-col gap-2">
      <h3 id="import-heading" className="font-medium">
        Import
      </h3>
      <p id={hintId} className="text-sm text-slate-700 dark:text-slate-300">
        A Daybook export (JSON or Markdown), or Better Todo data: a Convex
        export ZIP or its tables’ .jsonl files. You see what it holds before
        anything is imported.
      </p>
      {state.step === "idle" ||
      state.step === "reading" ||
      state.step === "error" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={inputId} className="text-sm font-medium">
            Choose a file to import
          </label>
          <input
            ref={input}
            id={inputId}
            type="file"
            multiple
            accept=".json,.md,.markdown,.zip,.jsonl,application/json,text/markdown,application/zip"
            aria-describedby={hintId}
            disabled={state.step === "reading"}
            onChange={(event) =>
              void choose([...(event.currentTarget.files ?? [])])
            }
            className="text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-4 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-100 dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100 dark:hover:file:bg-slate-800"
          />
        </div>
      ) : null}
      {state.step === "error" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      <div
        ref={panel}
        tabIndex={-1}
        className="flex flex-col gap-3 outline-none"
      >
        {state.step === "preview" ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm">
              {state.fileName}: {FORMAT_NAMES[state.plan.format]}
            </p>
            {isEmptyPlan(state.plan) ? (
              <p role="alert" className="text-sm">
                {state.plan.format === "betterTodo"
                  ? "Nothing in this file belongs to the account you are signed in with, so there is nothing to import. Sign in with the account you used in Better Todo."
                  : "There is nothing in this file to import."}
              </p>
            ) : null}
            <Preview plan={state.plan} />
            <div className="flex flex-wrap gap-2">
              <Button
                variant="primary"
                disabled={isEmptyPlan(state.plan)}
                onClick={() => void start(state.plan)}
              >
                <Upload aria-hidden className="size-4" />
                Import
              </Button>
              <Button onClick={reset}>Cancel</Button>
            </div>
          </div>
        ) : null}
        {state.step === "running" ? (
          <Progress progress={state.progress} />
        ) : null}
        {state.step === "done" ? (
          <div className="flex flex-col gap-3">
            <Summary plan={state.plan} outcome={state.outcome} />
            <Button className="self-start" onClick={reset}>
              Import another file
            </Button>
          </div>
        ) : null}
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
    </section>
  );
}
