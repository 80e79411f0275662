import {
  buildPlan,
  type DayDraft,
  type ImportPlan,
  type NoteDraft,
  type TodoDraft,
} from "./importPlan";

/*
 * Daybook's own export (exportData.ts: `{ exportedAt, profile, days,
 * todos, notes }`), read back field for field so a round trip is lossless:
 * order keys, done with its time, pins, headings, notes with their
 * collapse, version and edit time, labels and archive marks. Ids, creation
 * times and the day summaries' counts are the server's to make. The
 * profile is not imported: it comes from the sign-in (WorkOS).
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

export function planDaybookExport(file: Json): ImportPlan {
  let malformed = { todos: 0, notes: 0, days: 0 };
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
    todos,
    notes,
    days,
    skipped: [
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
