import type {
  ImportedDay,
  ImportedNote,
  ImportedSeries,
  ImportedTodo,
} from "@convex/imports";
import { LIMITS } from "@convex/lib/limits";
import {
  requireSchedule,
  requireSeriesText,
  type RepeatRule,
} from "@convex/lib/repeatRule";
import { requireDay, requireText, TEXT_RULES } from "@convex/lib/validate";
import type { TodoKind } from "@convex/lib/todoText";

/*
 * What a file holds once read: rows in Daybook's shape, each checked by the
 * backend's own rules (the same modules, so the preview says what the
 * server would refuse), plus what cannot come in and why. Building it is
 * pure: parsers (daybookJson, markdown, betterTodo) feed it, the Settings
 * preview shows it, runImport sends it.
 */

export type ImportFormat = "daybook" | "markdown" | "betterTodo";

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  daybook: "Daybook export (JSON)",
  markdown: "Markdown",
  betterTodo: "Better Todo data (Convex export)",
};

/** One kind of thing left out, with the reason said once. */
export type PlanSkip = { what: string; count: number; reason: string };

/**
 * A repeating todo as sent, with `key`: its id in the file, which means
 * nothing here but names it for its occurrences (`seriesKey`).
 */
export type PlannedSeries = ImportedSeries & { key: string };

/** A todo as sent, but naming its series by the file's key, not an id. */
export type PlannedTodo = Omit<ImportedTodo, "seriesId"> & {
  seriesKey?: string;
};

export type ImportPlan = {
  format: ImportFormat;
  /** Repeating todos (Daybook's export only), in file order. */
  series: PlannedSeries[];
  todos: PlannedTodo[];
  notes: ImportedNote[];
  days: ImportedDay[];
  /** Rows that will not be imported, grouped by reason. */
  skipped: PlanSkip[];
  /** Fields or tables of the file that Daybook has no place for. */
  dropped: string[];
  /** The reference app's rows are sent as this account's (imports.ts). */
  sourceUserId?: string;
};

/** A todo as a parser found it, before the app's rules. */
export type TodoDraft = {
  day: string;
  text: string;
  kind: TodoKind;
  done: boolean;
  pinned: boolean;
  completedAt?: number;
  order?: string;
  /** The file's id of the series this todo is an occurrence of. */
  seriesKey?: string;
};

export type SeriesDraft = {
  key: string;
  text: string;
  rule: RepeatRule;
  startDay: string;
  active: boolean;
  lastDay?: string;
  stoppedOn?: string;
  madeDays: string[];
};

export type NoteDraft = {
  day: string;
  title: string;
  body: string;
  collapsed: boolean;
  order?: string;
  updatedAt?: number;
  version?: number;
};

export type DayDraft = { day: string; label?: string; archived: boolean };

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "data" in error) {
    const data = (error as { data: unknown }).data;
    if (data && typeof data === "object" && "message" in data) {
      return String((data as { message: unknown }).message);
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Counts of skipped rows by (what, reason), in the order first met. */
class Skips {
  private readonly byKey = new Map<string, PlanSkip>();

  add(what: string, reason: string, count = 1) {
    if (count <= 0) return;
    const key = JSON.stringify([what, reason]);
    const found = this.byKey.get(key);
    if (found) found.count += count;
    else this.byKey.set(key, { what, reason, count });
  }

  list(): PlanSkip[] {
    return [...this.byKey.values()];
  }
}

const {
  todoText: todoTextRule,
  noteTitle: titleRule,
  noteBody: bodyRule,
  dayLabel: labelRule,
} = TEXT_RULES;

/** Numbers each row by how many equal rows of its day came before it. */
function occurrences() {
  const seen = new Map<string, number>();
  return (day: string, content: unknown[]) => {
    const key = JSON.stringify([day, ...content]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
}

/**
 * The plan for drafts in file order: each row cleaned by the app's rules or
 * skipped with the rule's own message; `occurrence` numbered on the cleaned
 * content, as the backend compares it.
 */
export function buildPlan(input: {
  format: ImportFormat;
  series?: SeriesDraft[];
  todos: TodoDraft[];
  notes: NoteDraft[];
  days: DayDraft[];
  skipped?: PlanSkip[];
  dropped?: string[];
  sourceUserId?: string;
}): ImportPlan {
  const skips = new Skips();
  for (const skip of input.skipped ?? []) {
    skips.add(skip.what, skip.reason, skip.count);
  }
  const series = planSeries(input.series ?? [], skips);
  const seriesKeys = new Set(series.map((row) => row.key));
  const todoOccurrence = occurrences();
  const todos: PlannedTodo[] = [];
  let unlinked = 0;
  for (const draft of input.todos) {
    try {
      const day = requireDay(draft.day, "The day");
      const text = requireText(draft.text, todoTextRule);
      const linked =
        draft.seriesKey !== undefined &&
        draft.kind === "todo" &&
        seriesKeys.has(draft.seriesKey);
      if (draft.seriesKey !== undefined && !linked) unlinked += 1;
      todos.push({
        day,
        text,
        kind: draft.kind,
        done: draft.done,
        pinned: draft.pinned,
        ...(draft.done && draft.completedAt !== undefined
          ? { completedAt: draft.completedAt }
          : {}),
        ...(draft.order !== undefined ? { order: draft.order } : {}),
        occurrence: todoOccurrence(day, [draft.kind, text]),
        ...(linked ? { seriesKey: draft.seriesKey } : {}),
      });
    } catch (error) {
      skips.add("todos", messageOf(error));
    }
  }
  skips.add(
    "links to a repeating todo",
    "the repeating todo is not in the file or could not be read, so these come in as plain todos",
    unlinked,
  );
  const noteOccurrence = occurrences();
  const notes: ImportedNote[] = [];
  for (const draft of input.notes) {
    try {
      const day = requireDay(draft.day, "The day");
      const title = requireText(draft.title, titleRule);
      const body = requireText(draft.body, bodyRule);
      notes.push({
        day,
        title,
        body,
        collapsed: draft.collapsed,
        ...(draft.order !== undefined ? { order: draft.order } : {}),
        ...(draft.updatedAt !== undefined
          ? { updatedAt: draft.updatedAt }
          : {}),
        ...(draft.version !== undefined ? { version: draft.version } : {}),
        occurrence: noteOccurrence(day, [title, body]),
      });
    } catch (error) {
      skips.add("notes", messageOf(error));
    }
  }
  const days = new Map<string, ImportedDay>();
  for (const draft of input.days) {
    try {
      const day = requireDay(draft.day, "The day");
      const label =
        draft.label === undefined
          ? undefined
          : requireText(draft.label, labelRule).trim() || undefined;
      const merged = days.get(day) ?? { day, archived: false };
      if (label !== undefined) merged.label = label;
      merged.archived ||= draft.archived;
      if (merged.label !== undefined || merged.archived) days.set(day, merged);
    } catch (error) {
      skips.add(
        draft.label !== undefined ? "labels" : "archive marks",
        messageOf(error),
      );
    }
  }
  return {
    format: input.format,
    series,
    todos: sortByDay(todos),
    notes: sortByDay(notes),
    days: [...days.values()].sort((a, b) => compare(a.day, b.day)),
    skipped: skips.list(),
    dropped: input.dropped ?? [],
    ...(input.sourceUserId !== undefined
      ? { sourceUserId: input.sourceUserId }
      : {}),
  };
}

/**
 * Repeating todos checked by the server's rules (lib/repeatRule), in file
 * order, numbered like todos: the how-many-th with the same text, rule and
 * start day.
 */
function planSeries(drafts: SeriesDraft[], skips: Skips): PlannedSeries[] {
  const occurrence = occurrences();
  const keys = new Set<string>();
  const planned: PlannedSeries[] = [];
  for (const draft of drafts) {
    try {
      if (keys.has(draft.key)) {
        throw new Error("Another repeating todo in the file has the same id.");
      }
      const text = requireSeriesText(draft.text);
      const startDay = requireDay(draft.startDay, "The start day");
      const { rule } = requireSchedule(draft.rule, startDay);
      if (draft.madeDays.length > LIMITS.seriesMadeDays) {
        throw new Error(
          `A repeating todo remembers at most ${LIMITS.seriesMadeDays} days.`,
        );
      }
      const madeDays = [
        ...new Set(draft.madeDays.map((day) => requireDay(day, "A made day"))),
      ].sort();
      const lastDay =
        draft.lastDay === undefined
          ? undefined
          : requireDay(draft.lastDay, "The last day");
      const stoppedOn =
        draft.stoppedOn === undefined
          ? undefined
          : requireDay(draft.stoppedOn, "The day it stopped");
      keys.add(draft.key);
      planned.push({
        key: draft.key,
        text,
        rule,
        startDay,
        active: draft.active,
        ...(lastDay !== undefined ? { lastDay } : {}),
        ...(stoppedOn !== undefined ? { stoppedOn } : {}),
        madeDays,
        occurrence: occurrence(startDay, [text, rule]),
      });
    } catch (error) {
      skips.add("repeating todos", messageOf(error));
    }
  }
  return planned;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Grouped by day, keeping file order within a day (a stable sort), so a
 * batch touches few days (imports.ts reads each day it touches).
 */
function sortByDay<T extends { day: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => compare(a.day, b.day));
}

/** What the preview lists: how much of each kind will come in. */
export function planCounts(plan: ImportPlan) {
  const days = new Set<string>();
  for (const row of [...plan.todos, ...plan.notes, ...plan.days])
    days.add(row.day);
  return {
    days: days.size,
    repeating: plan.series.length,
    todos: plan.todos.filter((row) => row.kind === "todo").length,
    headings: plan.todos.filter((row) => row.kind !== "todo").length,
    done: plan.todos.filter((row) => row.kind === "todo" && row.done).length,
    notes: plan.notes.length,
    labels: plan.days.filter((row) => row.label !== undefined).length,
    archivedDays: plan.days.filter((row) => row.archived).length,
  };
}

export function isEmptyPlan(plan: ImportPlan): boolean {
  return (
    plan.series.length === 0 &&
    plan.todos.length === 0 &&
    plan.notes.length === 0 &&
    plan.days.length === 0
  );
}
