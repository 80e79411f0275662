import type { ExportDocument } from "@convex/lib/userTables";
import {
  buildPlan,
  type DayDraft,
  type ImportPlan,
  type NoteDraft,
  type PlanSkip,
  type TodoDraft,
} from "./importPlan";

/*
 * Daybook as plain Markdown, written by "Export as Markdown" and read by
 * Import, so the two round-trip:
 *
 *   # 2025-03-10 Work day        a day (after the date: its label, if any)
 *   - [ ] Buy milk               an open todo
 *   - [x] Send invoice           a done todo
 *   ## Errands                   headings h1, h2, h3 as ##, ###, ####
 *         second line            a todo's further lines, indented 6 spaces
 *   ~~~note Plan                 a note: its title after "note", its body
 *   body, verbatim               verbatim, fenced by enough tildes
 *   ~~~
 *
 * Hand-written files may also use `-`, `*`, `+` or `1.` items without a
 * box (open todos) and loose paragraphs, which become one untitled note per
 * day. What Markdown has no words for stays in the JSON export only: pins,
 * archive marks, a heading's done mark and a note's collapse.
 */

const HEADING_PREFIX = { h1: "## ", h2: "### ", h3: "#### " } as const;
const CONTINUATION = "      ";

function indentContinuation(text: string): string {
  return text.replace(/\n/g, `\n${CONTINUATION}`);
}

/** A tilde fence longer than any run of tildes opening a line of the body. */
function fenceFor(body: string): string {
  let longest = 0;
  for (const match of body.matchAll(/^ {0,3}(~+)/gm)) {
    longest = Math.max(longest, match[1]!.length);
  }
  return "~".repeat(Math.max(3, longest + 1));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The whole export as Markdown, days in date order. */
export function toMarkdown(document: ExportDocument): string {
  const days = new Map<
    string,
    {
      label?: string;
      todos: ExportDocument["todos"];
      notes: ExportDocument["notes"];
    }
  >();
  const dayOf = (day: string) => {
    let entry = days.get(day);
    if (!entry) {
      entry = { todos: [], notes: [] };
      days.set(day, entry);
    }
    return entry;
  };
  for (const row of document.days) {
    if (row.label !== undefined) dayOf(row.day).label = row.label;
  }
  for (const todo of document.todos) dayOf(todo.day).todos.push(todo);
  for (const note of document.notes) dayOf(note.day).notes.push(note);

  const blocks: string[] = [];
  for (const day of [...days.keys()].sort(compare)) {
    const entry = days.get(day)!;
    if (entry.todos.length === 0 && entry.notes.length === 0 && !entry.label)
      continue;
    const lines = [entry.label ? `# ${day} ${entry.label}` : `# ${day}`];
    const byOrder = <T extends { order: string }>(rows: T[]) =>
      [...rows].sort((a, b) => compare(a.order, b.order));
    for (const todo of byOrder(entry.todos)) {
      const prefix =
        todo.kind === "todo"
          ? todo.done
            ? "- [x] "
            : "- [ ] "
          : HEADING_PREFIX[todo.kind];
      lines.push(prefix + indentContinuation(todo.text));
    }
    for (const note of byOrder(entry.notes)) {
      const fence = fenceFor(note.body);
      const title = note.title.replace(/\s*\n\s*/g, " ");
      lines.push("", `${fence}note${title ? ` ${title}` : ""}`);
      if (note.body !== "") lines.push(note.body);
      lines.push(fence);
    }
    blocks.push(lines.join("\n"));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

const DAY_HEADING = /^# +(\S+)(?: +(.*))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TODO_HEADING = /^(#{2,4}) (.*)$/;
const CHECKBOX_ITEM = /^[-*+] \[([ xX])\](?: (.*))?$/;
const PLAIN_ITEM = /^(?:[-*+]|\d{1,3}[.)]) (.*)$/;
const NOTE_FENCE = /^(~{3,}|`{3,}) *note(?: +(.*))?$/;
const KINDS = ["h1", "h2", "h3"] as const;

/** Reads Markdown in the shape above into an import plan. */
export function planMarkdown(text: string): ImportPlan {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const todos: TodoDraft[] = [];
  const notes: NoteDraft[] = [];
  const days: DayDraft[] = [];
  const skipped: PlanSkip[] = [];
  let day: string | null = null;
  let outside = 0;
  /** The todo whose indented lines may follow. */
  let open: TodoDraft | null = null;
  /** Loose text of the current day, for its untitled note. */
  let loose: string[] = [];

  const endDay = () => {
    const body = loose.join("\n").trim();
    if (day !== null && body !== "") {
      notes.push({ day, title: "", body, collapsed: false });
    }
    loose = [];
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = DAY_HEADING.exec(line);
    if (heading) {
      endDay();
      if (DATE.test(heading[1]!)) {
        day = heading[1]!;
        const label = heading[2]?.trim();
        if (label) days.push({ day, label, archived: false });
      } else {
        day = null;
        skipped.push({
          what: "headings",
          count: 1,
          reason: "a top-level heading that is not a date (YYYY-MM-DD)",
        });
      }
      continue;
    }
    if (day === null) {
      if (line.trim() !== "") outside += 1;
      continue;
    }
    const fence = NOTE_FENCE.exec(line);
    if (fence) {
      open = null;
      const marker = fence[1]!;
      const closing = new RegExp(`^${marker[0]}{${marker.length},} *$`);
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !closing.test(lines[j]!))
        body.push(lines[j++]!);
      notes.push({
        day,
        title: fence[2]?.trim() ?? "",
        body: body.join("\n"),
        collapsed: false,
      });
      i = j;
      continue;
    }
    const continued = /^( {2,})(.*)$/.exec(line);
    if (open && continued) {
      const indent = Math.min(continued[1]!.length, CONTINUATION.length);
      (open as TodoDraft).text += `\n${line.slice(indent)}`;
      continue;
    }
    const todoHeading = TODO_HEADING.exec(line);
    const checkbox = todoHeading ? null : CHECKBOX_ITEM.exec(line);
    const plain = todoHeading || checkbox ? null : PLAIN_ITEM.exec(line);
    if (todoHeading) {
      open = {
        day,
        text: todoHeading[2]!,
        kind: KINDS[todoHeading[1]!.length - 2]!,
        done: false,
        pinned: false,
      };
    } else if (checkbox) {
      open = {
        day,
        text: checkbox[2] ?? "",
        kind: "todo",
        done: checkbox[1] !== " ",
        pinned: false,
      };
    } else if (plain) {
      open = { day, text: plain[1]!, kind: "todo", done: false, pinned: false };
    } else {
      open = null;
      loose.push(line);
      continue;
    }
    todos.push(open);
  }
  endDay();
  if (outside > 0) {
    skipped.push({
      what: "lines",
      count: outside,
      reason: "text before the first day heading (# YYYY-MM-DD)",
    });
  }
  return buildPlan({
    format: "markdown",
    todos,
    notes,
    days,
    skipped,
    dropped: [
      "Markdown has no pins, archive marks or collapsed notes: use the JSON export to keep them.",
    ],
  });
}

/** Markdown in this shape: a `# YYYY-MM-DD` heading somewhere. */
export function looksLikeDaybookMarkdown(text: string): boolean {
  return /^# +\d{4}-\d{2}-\d{2}\b/m.test(text);
}
