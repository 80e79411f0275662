import { strToU8, zipSync } from "fflate";

/*
 * A Convex export of the reference app (better-todo, its WorkOS era) with
 * several people's data, for the import tests: its schema's tables (users,
 * todos, notes, dateLabels, archivedDates) as `npx convex export` lays them
 * out (one folder per table with documents.jsonl and generated_schema.jsonl,
 * plus `_tables/documents.jsonl`). Fake people only (example.com).
 *
 * `OWNER` stands for the person importing: `betterTodoExport(ownerId)`
 * writes their id there, so a test signed in as anyone owns those rows.
 */

export const OWNER = "user_01JREFERENCEOWNER000000000";
const GRACE = "user_01JGRACEHOPPER0000000000000";
const ALAN = "user_01JALANTURING00000000000000";

let clock = 1_729_000_000_000;
let serial = 0;
/** Convex-looking ids and creation times, rising like the real ones. */
function meta(table: string) {
  serial += 1;
  clock += 61_000;
  return {
    _id: `k57${table.slice(0, 2)}${String(serial).padStart(27, "0")}`,
    _creationTime: clock + 0.5,
  };
}

type Row = Record<string, unknown>;

function todo(
  userId: string,
  date: string,
  content: string,
  order: number,
  extra: Partial<{
    type: "todo" | "h1" | "h2" | "h3";
    completed: boolean;
    archived: boolean;
    pinned: boolean;
    parentId: string;
    collapsed: boolean;
  }> = {},
): Row {
  const type = extra.type ?? "todo";
  return {
    ...meta("todos"),
    userId,
    date,
    content,
    type,
    completed: extra.completed ?? false,
    archived: extra.archived ?? false,
    order,
    collapsed: extra.collapsed ?? type !== "todo",
    ...(extra.pinned !== undefined ? { pinned: extra.pinned } : {}),
    ...(extra.parentId !== undefined ? { parentId: extra.parentId } : {}),
  };
}

const users: Row[] = [
  {
    ...meta("users"),
    userId: OWNER,
    email: "reference.owner@example.com",
    firstName: "Ada",
    lastName: "Example",
  },
  {
    ...meta("users"),
    userId: GRACE,
    email: "grace@example.com",
    firstName: "Grace",
    lastName: "Example",
  },
  {
    ...meta("users"),
    userId: ALAN,
    email: "alan@example.com",
    firstName: "Alan",
    lastName: "Example",
  },
];

const ownerHeading = todo(OWNER, "2025-10-14", "Launch", 0, { type: "h1" });

/** Rows in file order; orders deliberately not in file order. */
const todos: Row[] = [
  todo(OWNER, "2025-10-14", "Write the release notes", 2, {
    parentId: ownerHeading._id as string,
  }),
  ownerHeading,
  todo(OWNER, "2025-10-14", "Book the venue", 1, {
    pinned: true,
    parentId: ownerHeading._id as string,
  }),
  todo(OWNER, "2025-10-14", "Send invitations", 3, { completed: true }),
  todo(OWNER, "2025-10-14", "Old idea, put away", 4, { archived: true }),
  todo(OWNER, "2025-10-15", "Groceries", 0, { type: "h2" }),
  todo(OWNER, "2025-10-15", "Oat milk", 1),
  todo(OWNER, "2025-10-15", "Oat milk", 2),
  todo(OWNER, "2025-10-16", "Details", 0, { type: "h3", collapsed: false }),
  todo(OWNER, "2025-10-16", "Call the bank\nabout the card", 1),
  // Dates the reference app never checked: refused by Daybook's rules.
  todo(OWNER, "2025-02-30", "Phantom day", 0),
  todo(OWNER, "2025-10-17", "x".repeat(2_001), 0),
  todo(GRACE, "2025-10-14", "Grace's private todo", 0, { pinned: true }),
  todo(GRACE, "2025-10-20", "Grace's archived", 1, { archived: true }),
  todo(ALAN, "2025-10-14", "Alan's private todo", 0),
];

const notes: Row[] = [
  {
    ...meta("notes"),
    userId: OWNER,
    date: "2025-10-14",
    title: "Launch plan",
    content: "# Plan\n\n- venue\n- guests\n\n~~~\ncode\n~~~",
    order: 0,
    collapsed: false,
  },
  // From before titles and order existed (both optional in its schema).
  {
    ...meta("notes"),
    userId: OWNER,
    date: "2025-10-15",
    content: "Remember the receipts",
  },
  {
    ...meta("notes"),
    userId: OWNER,
    date: "2025-10-15",
    title: "Folded",
    content: "Hidden body",
    order: 1,
    collapsed: true,
  },
  {
    ...meta("notes"),
    userId: GRACE,
    date: "2025-10-14",
    title: "Grace's diary",
    content: "Grace's secret",
    order: 0,
    collapsed: false,
  },
];

const dateLabels: Row[] = [
  {
    ...meta("dateLabels"),
    userId: OWNER,
    date: "2025-10-14",
    label: "Launch day",
  },
  {
    ...meta("dateLabels"),
    userId: ALAN,
    date: "2025-10-14",
    label: "Alan's label",
  },
];

const archivedDates: Row[] = [
  { ...meta("archivedDates"), userId: OWNER, date: "2025-10-16" },
  { ...meta("archivedDates"), userId: GRACE, date: "2025-10-20" },
];

export const BETTER_TODO_TABLES = {
  users,
  todos,
  notes,
  dateLabels,
  archivedDates,
};

/** What the owner's import should bring in (for assertions). */
export const OWNER_EXPECTED = {
  days: ["2025-10-14", "2025-10-15", "2025-10-16"],
  todos: 10,
  notes: 3,
  labels: [["2025-10-14", "Launch day"]],
  archivedDays: ["2025-10-16"],
  invalidTodos: 2,
  otherAccountRows: 6,
} as const;

function jsonl(rows: Row[], ownerId: string): string {
  return rows
    .map((row) =>
      JSON.stringify(row.userId === OWNER ? { ...row, userId: ownerId } : row),
    )
    .join("\n")
    .concat("\n");
}

/** The tables as JSONL files, as they sit in the export's folders. */
export function betterTodoJsonl(ownerId = OWNER): Record<string, string> {
  return Object.fromEntries(
    Object.entries(BETTER_TODO_TABLES).map(([table, rows]) => [
      table,
      jsonl(rows, ownerId),
    ]),
  );
}

/** The whole export as a ZIP, laid out as `npx convex export` writes it. */
export function betterTodoExport(ownerId = OWNER): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const tables = Object.keys(BETTER_TODO_TABLES);
  files["_tables/documents.jsonl"] = strToU8(
    tables
      .map((name, i) => JSON.stringify({ name, id: 10_001 + i }))
      .join("\n") + "\n",
  );
  for (const [table, text] of Object.entries(betterTodoJsonl(ownerId))) {
    files[`${table}/documents.jsonl`] = strToU8(text);
    files[`${table}/generated_schema.jsonl`] = strToU8(
      JSON.stringify({ _id: "string", _creationTime: "normalfloat64" }) + "\n",
    );
  }
  return zipSync(files);
}
