import type { RepeatRule } from "@convex/lib/repeatRule";
import {
  buildPlan,
  type DayDraft,
  type ImportPlan,
  type NoteDraft,
  type SeriesDraft,
  type TodoDraft,
} from "./importPlan";

/*
 * Daybook's own export (exportData.ts: `{ exportedAt, profile, days,
 * todos, notes }`), read back field for field so a round trip is lossless:
 * order keys, done with its time, pins, headings, notes with their
 * collapse, version and edit time, labels and archive marks, repeating
 * todos (`series`, absent from exports made before them) with the link of
 * each occurrence (`seriesId`, a key within the file). Ids, creation times
 * and the day summaries' counts are the server's to make. The profile is
 * not imported: it comes from the sign-in (WorkOS).
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Looks like a Daybook export (a parse of the file's JSON). */
export function isDaybookExport(value: unknown): value is Json {
  return (
    isObject(value) &&
    typeof value.exportedAt === "string" &&
    Array.isArray(value.todos) &&
    Array.isArray(value.notes) &&
    Array.isArray(value.days)
  );
}

const KINDS = new Set(["todo", "h1", "h2", "h3"]);

const optionalNumber = (value: unknown) =>
  typeof value === "number" ? value : undefined;
const optionalString = (value: unknown) =>
  typeof value === "string" ? value : undefined;

const FREQUENCIES = new Set(["daily", "weekly", "monthly", "yearly"]);

const isNumberList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === "number");

/**
 * The rule in the shape the server stores (lib/repeatRule), or null; its
 * bounds are checked by the server's own rules in buildPlan.
 */
function asRepeatRule(value: unknown): RepeatRule | null {
  if (
    !isObject(value) ||
    typeof value.freq !== "string" ||
    !FREQUENCIES.has(value.freq) ||
    typeof value.interval !== "number" ||
    (value.byWeekday !== undefined && !isNumberList(value.byWeekday)) ||
    (value.byMonthDay !== undefined && typeof value.byMonthDay !== "number") ||
    !isObject(value.end)
  ) {
    return null;
  }
  const { end } = value;
  let cleanEnd: RepeatRule["end"];
  if (end.kind === "never") cleanEnd = { kind: "never" };
  else if (end.kind === "until" && typeof end.day === "string") {
    cleanEnd = { kind: "until", day: end.day };
  } else if (end.kind === "count" && typeof end.count === "number") {
    cleanEnd = { kind: "count", count: end.count };
  } else return null;
  return {
    freq: value.freq as RepeatRule["freq"],
    interval: value.interval,
    ...(value.byWeekday !== undefined
      ? { byWeekday: value.byWeekday as number[] }
      : {}),
    ...(value.byMonthDay !== undefined
      ? { byMonthDay: value.byMonthDay as number }
      : {}),
    end: cleanEnd,
  };
}

function asSeriesDraft(row: unknown): SeriesDraft | null {
  if (
    !isObject(row) ||
    typeof row._id !== "string" ||
    typeof row.text !== "string" ||
    typeof row.startDay !== "string" ||
    typeof row.active !== "boolean" ||
    (row.lastDay !== undefined && typeof row.lastDay !== "string") ||
    (row.stoppedOn !== undefined && typeof row.stoppedOn !== "string") ||
    !Array.isArray(row.madeDays) ||
    !row.madeDays.every((day) => typeof day === "string")
  ) {
    return null;
  }
  const rule = asRepeatRule(row.rule);
  if (rule === null) return null;
  return {
    key: row._id,
    text: row.text,
    rule,
    startDay: row.startDay,
    active: row.active,
    ...(typeof row.lastDay === "string" ? { lastDay: row.lastDay } : {}),
    ...(typeof row.stoppedOn === "string" ? { stoppedOn: row.stoppedOn } : {}),
    madeDays: row.madeDays as string[],
  };
}

export function planDaybookExport(file: Json): ImportPlan {
  let malformed = { series: 0, todos: 0, notes: 0, days: 0 };
  const series: SeriesDraft[] = [];
  const seriesRows = Array.isArray(file.series) ? file.series : [];
  for (const row of seriesRows as unknown[]) {
    const draft = asSeriesDraft(row);
    if (draft === null) {
      malformed = { ...malformed, series: malformed.series + 1 };
      continue;
    }
    series.push(draft);
  }
  const todos: TodoDraft[] = [];
  for (const row of file.todos as unknown[]) {
    if (
      !isObject(row) ||
      typeof row.day !== "string" ||
      typeof row.text !== "string" ||
      typeof row.kind !== "string" ||
      !KINDS.has(row.kind)
    ) {
      malformed = { ...malformed, todos: malformed.todos + 1 };
      continue;
    }
    todos.push({
      day: row.day,
      text: row.text,
      kind: row.kind as TodoDraft["kind"],
      done: row.done === true,
      pinned: row.pinned === true,
      completedAt: optionalNumber(row.completedAt),
      order: optionalString(row.order),
      seriesKey: optionalString(row.seriesId),
    });
  }
  const notes: NoteDraft[] = [];
  for (const row of file.notes as unknown[]) {
    if (!isObject(row) || typeof row.day !== "string") {
      malformed = { ...malformed, notes: malformed.notes + 1 };
      continue;
    }
    notes.push({
      day: row.day,
      title: optionalString(row.title) ?? "",
      body: optionalString(row.body) ?? "",
      collapsed: row.collapsed === true,
      order: optionalString(row.order),
      updatedAt: optionalNumber(row.updatedAt),
      version: optionalNumber(row.version),
    });
  }
  const days: DayDraft[] = [];
  for (const row of file.days as unknown[]) {
    if (!isObject(row) || typeof row.day !== "string") {
      malformed = { ...malformed, days: malformed.days + 1 };
      continue;
    }
    const label = optionalString(row.label);
    if (label === undefined && row.archived !== true) continue;
    days.push({ day: row.day, label, archived: row.archived === true });
  }
  const reason = "not in the shape of a Daybook export";
  return buildPlan({
    format: "daybook",
    series,
    todos,
    notes,
    days,
    skipped: [
      { what: "repeating todos", count: malformed.series, reason },
      { what: "todos", count: malformed.todos, reason },
      { what: "notes", count: malformed.notes, reason },
      { what: "days", count: malformed.days, reason },
    ],
    dropped: [
      "Ids and creation times: Daybook gives every imported item new ones.",
      "The profile: it comes from your sign-in.",
    ],
  });
}
