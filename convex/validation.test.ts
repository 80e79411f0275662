import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as account from "./account";
import * as carryOver from "./carryOver";
import { api } from "./_generated/api";
import type { Id, TableNames } from "./_generated/dataModel";
import * as days from "./days";
import * as imports from "./imports";
import { textBytes } from "./lib/daySummary";
import { LIMITS } from "./lib/limits";
import { MAX_PAGE_SIZE } from "./lib/pagination";
import { addDays, dayInTimeZone } from "./lib/timeZone";
import * as notes from "./notes";
import schema from "./schema";
import * as search from "./search";
import * as series from "./series";
import * as settings from "./settings";
import * as trash from "./trash";
import { ALICE, type Backend, newBackend } from "./test.setup";
import * as todos from "./todos";
import * as undo from "./undo";
import * as users from "./users";

type Caller = Pick<Backend, "query" | "mutation" | "action">;
type Args = Record<string, unknown>;
type Fixture = {
  day: string;
  otherDay: string;
  todo: Id<"todos">;
  /** The text of `todo`, the base of an edit. */
  todoText: string;
  todo2: Id<"todos">;
  heading: Id<"todos">;
  note: Id<"notes">;
  note2: Id<"notes">;
};

const MODULES = {
  account,
  carryOver,
  days,
  imports,
  notes,
  search,
  series,
  settings,
  todos,
  trash,
  undo,
  users,
} as unknown as Record<
  string,
  Record<string, { isQuery?: boolean; isAction?: boolean }>
>;

function call(who: Caller, name: string, args: Args) {
  const [module, fn] = name.split(":") as [string, string];
  if (MODULES[module]![fn]!.isQuery === true) {
    return who.query(makeFunctionReference<"query">(name), args);
  }
  if (MODULES[module]![fn]!.isAction === true) {
    return who.action(makeFunctionReference<"action">(name), args);
  }
  return who.mutation(makeFunctionReference<"mutation">(name), args);
}

/** Every row of every table, including scheduled jobs. */
function everything(t: Backend) {
  return t.run(async (ctx) => {
    const rows: unknown[] = [];
    for (const table of Object.keys(schema.tables) as TableNames[]) {
      rows.push(await ctx.db.query(table).take(1e5));
    }
    rows.push(await ctx.db.system.query("_scheduled_functions").take(1e5));
    return JSON.stringify(rows);
  });
}

/**
 * Asserts the call is rejected with a ConvexError of `code` carrying a human
 * message, and that nothing at all was written.
 */
async function expectRejected(
  t: Backend,
  who: Caller,
  name: string,
  args: Args,
  code: string,
) {
  const before = await everything(t);
  const error = await call(who, name, args).then(
    () => expect.fail(`${name} accepted ${JSON.stringify(args).slice(0, 80)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  const data = (error as ConvexError<{ code: string; message: string }>).data;
  expect(Object.keys(data).sort()).toEqual(["code", "message"]);
  expect(data.code).toBe(code);
  expect(data.message).toEqual(expect.stringMatching(/\S/));
  expect(await everything(t)).toBe(before);
}

// Alice without profile claims, so syncProfile uses the client's values.
const ME = { subject: ALICE.subject, issuer: ALICE.issuer };

async function setup() {
  const t = newBackend();
  const me = t.withIdentity(ME);
  const [day, otherDay] = ["2025-03-10", "2025-03-11"];
  const [todo, todo2, heading] = await me.mutation(api.todos.createMany, {
    day,
    lines: ["one", "two", "# Head"],
  });
  await me.mutation(api.todos.create, { day: otherDay, text: "later" });
  const note = await me.mutation(api.notes.create, { day, title: "n1" });
  const note2 = await me.mutation(api.notes.create, { day, title: "n2" });
  const fx: Fixture = {
    day,
    otherDay,
    todo: todo!,
    todoText: "one",
    todo2: todo2!,
    heading: heading!,
    note,
    note2,
  };
  const deadTodo = await me.mutation(api.todos.create, { day, text: "gone" });
  await me.mutation(api.todos.remove, { id: deadTodo });
  const deadNote = await me.mutation(api.notes.create, { day });
  await me.mutation(api.notes.remove, { id: deadNote });
  return { t, me, fx, deadTodo, deadNote };
}

const a = (n: number) => "a".repeat(n);

const EVERY_DAY = {
  freq: "daily",
  interval: 1,
  end: { kind: "never" },
} as const;

const importedTodo = (day: string, text: string) => ({
  day,
  text,
  kind: "todo",
  done: false,
  pinned: false,
  occurrence: 0,
});

const importedNote = (day: string, title: string, body: string) => ({
  day,
  title,
  body,
  collapsed: false,
  occurrence: 0,
});

const importedSeries = (
  startDay: string,
  text = "x",
  change: Record<string, unknown> = {},
) => ({
  text,
  rule: EVERY_DAY,
  startDay,
  active: true,
  madeDays: [],
  occurrence: 0,
  ...change,
});

const TEXT_BOUNDS: [
  string,
  string,
  number,
  (fx: Fixture, n: number) => Args,
][] = [
  [
    "todos:create",
    "text",
    LIMITS.todoText,
    (fx, n) => ({ day: fx.day, text: a(n) }),
  ],
  [
    "todos:updateText",
    "text",
    LIMITS.todoText,
    (fx, n) => ({ id: fx.todo, baseText: fx.todoText, text: a(n) }),
  ],
  [
    "series:create",
    "text",
    LIMITS.todoText,
    (fx, n) => ({ day: fx.day, text: a(n), rule: EVERY_DAY }),
  ],
  [
    "todos:createMany",
    "a line",
    LIMITS.todoText,
    (fx, n) => ({ day: fx.day, lines: ["x", a(n)] }),
  ],
  [
    "notes:create",
    "title",
    LIMITS.noteTitle,
    (fx, n) => ({ day: fx.day, title: a(n) }),
  ],
  [
    "notes:create",
    "body",
    LIMITS.noteBody,
    (fx, n) => ({ day: fx.day, body: a(n) }),
  ],
  [
    "notes:update",
    "title",
    LIMITS.noteTitle,
    (fx, n) => ({ id: fx.note, baseVersion: 0, title: a(n) }),
  ],
  [
    "notes:update",
    "body",
    LIMITS.noteBody,
    (fx, n) => ({ id: fx.note, baseVersion: 0, body: a(n) }),
  ],
  [
    "days:setLabel",
    "label",
    LIMITS.dayLabel,
    (fx, n) => ({ day: fx.day, label: a(n) }),
  ],
  ["search:search", "text", LIMITS.searchText, (_fx, n) => ({ text: a(n) })],
  [
    "imports:importTodos",
    "text",
    LIMITS.todoText,
    (fx, n) => ({ rows: [importedTodo(fx.day, a(n))] }),
  ],
  [
    "imports:importNotes",
    "title",
    LIMITS.noteTitle,
    (fx, n) => ({ rows: [importedNote(fx.day, a(n), "")] }),
  ],
  [
    "imports:importNotes",
    "body",
    LIMITS.noteBody,
    (fx, n) => ({ rows: [importedNote(fx.day, "", a(n))] }),
  ],
  [
    "imports:importSeries",
    "text",
    LIMITS.todoText,
    (fx, n) => ({ rows: [importedSeries(fx.day, a(n))] }),
  ],
  [
    "imports:importDays",
    "label",
    LIMITS.dayLabel,
    (fx, n) => ({ rows: [{ day: fx.day, label: a(n), archived: false }] }),
  ],
];

describe("string bounds", () => {
  test.each(TEXT_BOUNDS)(
    "%s accepts a %s of exactly the limit (%i characters)",
    async (name, _field, limit, args) => {
      const { t, me, fx } = await setup();
      const before = await everything(t);
      await call(me, name, args(fx, limit));
      if (name !== "search:search")
        expect(await everything(t)).not.toBe(before);
    },
  );

  test.each(TEXT_BOUNDS)(
    "%s rejects a %s one character over the limit of %i",
    async (name, _field, limit, args) => {
      const { t, me, fx } = await setup();
      await expectRejected(
        t,
        me,
        name,
        args(fx, limit + 1),
        "INVALID_ARGUMENT",
      );
    },
  );
});

describe("list sizes", () => {
  test("todos.createMany accepts exactly 500 lines and creates 500 todos", async () => {
    const { me, fx } = await setup();
    const lines = Array.from({ length: LIMITS.listItems }, (_, i) => `t${i}`);
    const ids = await me.mutation(api.todos.createMany, {
      day: "2025-05-01",
      lines,
    });
    expect(ids).toHaveLength(500);
    expect(
      await me.query(api.todos.listForDay, { day: "2025-05-01" }),
    ).toHaveLength(500);
    expect(fx.day).not.toBe("2025-05-01");
  });

  test.each([
    [
      "501 lines",
      Array.from({ length: LIMITS.listItems + 1 }, (_, i) => `t${i}`),
    ],
    ["no lines", []],
    ["only blank lines", ["", "   ", "\t\n"]],
    ["only empty checklist items", ["- [ ]", "* [x] ", "+ [X]"]],
  ])("todos.createMany rejects %s", async (_what, lines) => {
    const { t, me, fx } = await setup();
    await expectRejected(
      t,
      me,
      "todos:createMany",
      { day: fx.day, lines },
      "INVALID_ARGUMENT",
    );
  });
});

const BAD_DATES = [
  "2025-02-30",
  "2025-13-01",
  "pinned",
  "",
  "2025-1-5",
  " 2025-01-05",
  "2025-01-05 ",
  "2023-02-29",
  "2025-00-10",
  "2025-01-32",
  "20250105",
  // Real dates outside the app's range (lib/dayRange).
  "1969-12-31",
  "2200-01-01",
  "0001-01-01",
  "9999-12-31",
];

const DAY_ARGS: [string, string, (fx: Fixture, day: string) => Args][] = [
  ["todos:listForDay", "day", (_fx, day) => ({ day })],
  ["todos:create", "day", (_fx, day) => ({ day, text: "x" })],
  ["todos:createMany", "day", (_fx, day) => ({ day, lines: ["x"] })],
  ["todos:moveToDay", "day", (fx, day) => ({ id: fx.todo, day })],
  ["todos:completeAllOpen", "day", (_fx, day) => ({ day })],
  ["todos:deleteAllOpen", "day", (_fx, day) => ({ day })],
  ["todos:deleteAllDone", "day", (_fx, day) => ({ day })],
  [
    "todos:copyOpenToDay",
    "fromDay",
    (fx, day) => ({ fromDay: day, toDay: fx.otherDay }),
  ],
  [
    "todos:copyOpenToDay",
    "toDay",
    (fx, day) => ({ fromDay: fx.day, toDay: day }),
  ],
  ["notes:listForDay", "day", (_fx, day) => ({ day })],
  ["series:create", "day", (_fx, day) => ({ day, text: "x", rule: EVERY_DAY })],
  ["series:showDay", "day", (_fx, day) => ({ day })],
  ["notes:create", "day", (_fx, day) => ({ day, title: "x" })],
  ["days:get", "day", (_fx, day) => ({ day })],
  ["days:setLabel", "day", (_fx, day) => ({ day, label: "x" })],
  ["days:setArchived", "day", (_fx, day) => ({ day, archived: true })],
  ["days:remove", "day", (_fx, day) => ({ day })],
  [
    "imports:importTodos",
    "day",
    (_fx, day) => ({ rows: [importedTodo(day, "x")] }),
  ],
  [
    "imports:importNotes",
    "day",
    (_fx, day) => ({ rows: [importedNote(day, "x", "")] }),
  ],
  [
    "imports:importDays",
    "day",
    (_fx, day) => ({ rows: [{ day, archived: true }] }),
  ],
  [
    "imports:importSeries",
    "startDay",
    (_fx, day) => ({ rows: [importedSeries(day)] }),
  ],
  [
    "imports:importSeries",
    "lastDay",
    (fx, day) => ({ rows: [importedSeries(fx.day, "x", { lastDay: day })] }),
  ],
  [
    "imports:importSeries",
    "a made day",
    (fx, day) => ({
      rows: [importedSeries(fx.day, "x", { madeDays: [fx.day, day] })],
    }),
  ],
];

describe("dates", () => {
  test.each(DAY_ARGS)(
    "%s accepts a leap day as %s",
    async (name, _field, args) => {
      const { me, fx } = await setup();
      await call(me, name, args(fx, "2024-02-29"));
    },
  );

  test.each(
    DAY_ARGS.flatMap(([name, field, args]) =>
      BAD_DATES.map(
        (bad) => [name, field, JSON.stringify(bad), bad, args] as const,
      ),
    ),
  )("%s rejects %s %s", async (name, _field, _shown, bad, args) => {
    const { t, me, fx } = await setup();
    await expectRejected(t, me, name, args(fx, bad), "INVALID_ARGUMENT");
  });
});

describe("the browser's today", () => {
  // Nobody here has a time zone stored: the server's today is the UTC day.
  const TODAY_ARGS: [string, (today: string) => Args][] = [
    ["carryOver:list", (today) => ({ today, limit: 20 })],
    ["carryOver:moveAllToToday", (today) => ({ today })],
    ["carryOver:moveAutomatically", (today) => ({ today })],
  ];

  test.each(
    TODAY_ARGS.flatMap(([name, args]) =>
      BAD_DATES.map((bad) => [name, JSON.stringify(bad), bad, args] as const),
    ),
  )("%s rejects today %s", async (name, _shown, bad, args) => {
    const { t, me } = await setup();
    await expectRejected(t, me, name, args(bad), "INVALID_ARGUMENT");
  });

  test.each(
    TODAY_ARGS.flatMap(([name, args]) =>
      [-2, 2, -400].map((offset) => [name, offset, args] as const),
    ),
  )(
    "%s refuses a today %i days from the server's as DAY_OUT_OF_RANGE",
    async (name, offset, args) => {
      const { t, me } = await setup();
      const today = addDays(dayInTimeZone(Date.now(), "UTC"), offset);
      await expectRejected(t, me, name, args(today), "DAY_OUT_OF_RANGE");
    },
  );

  test.each(
    TODAY_ARGS.flatMap(([name, args]) =>
      [-1, 0, 1].map((offset) => [name, offset, args] as const),
    ),
  )(
    "%s accepts a today %i days from the server's",
    async (name, offset, args) => {
      const { me } = await setup();
      const today = addDays(dayInTimeZone(Date.now(), "UTC"), offset);
      await call(me, name, args(today));
    },
  );
});

describe("settings", () => {
  test.each([
    "Mars/Olympus_Mons",
    "",
    "+05:00",
    "Europe/Paris;",
    `Europe/${a(60)}`,
  ])("settings:setTimeZone rejects the zone %j", async (timeZone) => {
    const { t, me } = await setup();
    await expectRejected(
      t,
      me,
      "settings:setTimeZone",
      { timeZone, source: "choice" },
      "INVALID_ARGUMENT",
    );
  });
});

describe("required text", () => {
  test.each([
    ["todos:create", ""],
    ["todos:create", "   "],
    ["todos:create", "\n\t "],
    ["todos:updateText", ""],
    ["todos:updateText", "   "],
    ["todos:updateText", "\n\t "],
  ])("%s rejects the blank text %j", async (name, text) => {
    const { t, me, fx } = await setup();
    const args =
      name === "todos:create"
        ? { day: fx.day, text }
        : { id: fx.todo, baseText: fx.todoText, text };
    await expectRejected(t, me, name, args, "INVALID_ARGUMENT");
  });
});

describe("text cleaning", () => {
  // Each public function that stores or searches user text, with that text.
  // (Not a restore from "Recently deleted": it puts back exactly what was
  // stored, including text from before these rules.)
  const TEXT_FIELDS: [string, string, (fx: Fixture, text: string) => Args][] = [
    ["todos:create", "text", (fx, text) => ({ day: fx.day, text })],
    [
      "todos:updateText",
      "text",
      (fx, text) => ({ id: fx.todo, baseText: fx.todoText, text }),
    ],
    [
      "todos:createMany",
      "a line",
      (fx, text) => ({ day: fx.day, lines: ["x", text] }),
    ],
    ["notes:create", "title", (fx, title) => ({ day: fx.day, title })],
    ["notes:create", "body", (fx, body) => ({ day: fx.day, body })],
    [
      "notes:update",
      "title",
      (fx, title) => ({ id: fx.note, baseVersion: 0, title }),
    ],
    [
      "notes:update",
      "body",
      (fx, body) => ({ id: fx.note, baseVersion: 0, body }),
    ],
    ["days:setLabel", "label", (fx, label) => ({ day: fx.day, label })],
    ["search:search", "text", (_fx, text) => ({ text })],
  ];

  test.each(
    TEXT_FIELDS.flatMap(([name, field, args]) =>
      [
        ["NUL", "a\u0000b"],
        ["escape", "a\u001b[31m"],
        ["a C1 control", "a\u0085"],
        ["a lone surrogate", "a\ud800b"],
      ].map(([what, text]) => [name, field, what!, text!, args] as const),
    ),
  )(
    "%s refuses a %s with %s as INVALID_ARGUMENT",
    async (name, field, _what, text, args) => {
      const { t, me, fx } = await setup();
      await expectRejected(t, me, name, args(fx, text), "INVALID_ARGUMENT");
      expect(field).not.toBe("");
    },
  );

  test.each([
    ["todos:create", (fx: Fixture) => ({ day: fx.day, text: "\u200b\u202e" })],
    [
      "todos:updateText",
      (fx: Fixture) => ({
        id: fx.todo,
        baseText: fx.todoText,
        text: "\u200d \ufeff",
      }),
    ],
    ["todos:create", (fx: Fixture) => ({ day: fx.day, text: "# \u200b" })],
  ] as const)("%s refuses invisible-only text as empty", async (name, args) => {
    const { t, me, fx } = await setup();
    await expectRejected(t, me, name, args(fx), "INVALID_ARGUMENT");
  });

  test("stored text is NFC with \\n line ends; invisible-only optional text is stored empty", async () => {
    const { me, fx } = await setup();
    const decomposed = "Cafe\u0301";
    const todo = await me.mutation(api.todos.create, {
      day: fx.day,
      text: `${decomposed}\r\nnext`,
    });
    const ids = await me.mutation(api.todos.createMany, {
      day: fx.day,
      lines: [decomposed, "- \u200b", "ok"],
    });
    expect(ids).toHaveLength(2);
    const note = await me.mutation(api.notes.create, {
      day: fx.day,
      title: decomposed,
      body: "a\rb\r\nc",
    });
    await me.mutation(api.days.setLabel, { day: fx.day, label: decomposed });
    await me.mutation(api.days.setLabel, {
      day: fx.otherDay,
      label: "\u200b",
    });
    const todos = await me.query(api.todos.listForDay, { day: fx.day });
    expect(todos.find((row) => row._id === todo)!.text).toBe("Caf\u00e9\nnext");
    expect(todos.find((row) => row._id === ids[0])!.text).toBe("Caf\u00e9");
    const notes = await me.query(api.notes.listForDay, { day: fx.day });
    expect(notes.find((row) => row._id === note)).toMatchObject({
      title: "Caf\u00e9",
      body: "a\nb\nc",
    });
    expect(await me.query(api.days.get, { day: fx.day })).toMatchObject({
      label: "Caf\u00e9",
    });
    expect(
      (await me.query(api.days.get, { day: fx.otherDay }))?.label,
    ).toBeUndefined();
  });

  test("an edit based on the decomposed form of the stored text is no conflict", async () => {
    const { me, fx } = await setup();
    const id = await me.mutation(api.todos.create, {
      day: fx.day,
      text: "Cafe\u0301",
    });
    await me.mutation(api.todos.updateText, {
      id,
      baseText: "Cafe\u0301",
      text: "Tea",
    });
    const todos = await me.query(api.todos.listForDay, { day: fx.day });
    expect(todos.find((row) => row._id === id)!.text).toBe("Tea");
  });
});

describe("other invalid arguments", () => {
  test.each<[string, string, (fx: Fixture) => Args]>([
    [
      "notes:update",
      "with nothing to save",
      (fx: Fixture) => ({ id: fx.note, baseVersion: 0 }),
    ],
    [
      "todos:copyOpenToDay",
      "onto the same day",
      (fx: Fixture) => ({ fromDay: fx.day, toDay: fx.day }),
    ],
    [
      "todos:reorder",
      "without neighbours",
      (fx: Fixture) => ({ id: fx.todo, afterId: null, beforeId: null }),
    ],
    [
      "todos:reorder",
      "next to itself",
      (fx: Fixture) => ({ id: fx.todo, afterId: fx.todo, beforeId: null }),
    ],
    [
      "todos:reorder",
      "between neighbours out of order",
      (fx: Fixture) => ({
        id: fx.heading,
        afterId: fx.todo2,
        beforeId: fx.todo,
      }),
    ],
    [
      "notes:reorder",
      "without neighbours",
      (fx: Fixture) => ({ id: fx.note, afterId: null, beforeId: null }),
    ],
    [
      "todos:setDone",
      "on a heading",
      (fx: Fixture) => ({ id: fx.heading, done: true }),
    ],
    ["undo:apply", "for an empty change id", () => ({ change: "" })],
    [
      "undo:apply",
      "for a change id over 64 characters",
      () => ({ change: a(65) }),
    ],
    [
      "undo:apply",
      "for a change id of other characters",
      () => ({ change: "a;b" }),
    ],
    ["undo:progress", "for an empty change id", () => ({ change: "" })],
    ...[0, -1, 1.5, Number.NaN, 501].map(
      (limit) =>
        [
          "carryOver:list",
          `showing ${limit} todos`,
          () => ({ today: dayInTimeZone(Date.now(), "UTC"), limit }),
        ] as [string, string, (fx: Fixture) => Args],
    ),
    [
      "undo:progress",
      "for a change id over 64 characters",
      () => ({ change: a(65) }),
    ],
  ])("%s is rejected %s", async (name, _what, args) => {
    const { t, me, fx } = await setup();
    await expectRejected(t, me, name, args(fx), "INVALID_ARGUMENT");
  });
});

describe("unknown ids", () => {
  test("undo:apply rejects a change id never sent as not found; 64 characters are accepted", async () => {
    const { t, me } = await setup();
    await expectRejected(t, me, "undo:apply", { change: a(64) }, "NOT_FOUND");
  });

  test.each([
    [
      "todos:updateText",
      (todo: string) => ({ id: todo, baseText: "x", text: "y" }),
    ],
    ["todos:setDone", (todo: string) => ({ id: todo, done: true })],
    ["todos:setPinned", (todo: string) => ({ id: todo, pinned: true })],
    ["todos:moveToDay", (todo: string) => ({ id: todo, day: "2025-04-01" })],
    ["todos:remove", (todo: string) => ({ id: todo })],
    [
      "todos:reorder",
      (todo: string, fx: Fixture) => ({
        id: todo,
        afterId: fx.todo,
        beforeId: null,
      }),
    ],
    [
      "todos:reorder",
      (todo: string, fx: Fixture) => ({
        id: fx.todo,
        afterId: todo,
        beforeId: null,
      }),
    ],
    [
      "todos:reorder",
      (todo: string, fx: Fixture) => ({
        id: fx.todo,
        afterId: null,
        beforeId: todo,
      }),
    ],
  ] as const)(
    "%s rejects a deleted todo's id as not found",
    async (name, args) => {
      const { t, me, fx, deadTodo } = await setup();
      await expectRejected(t, me, name, args(deadTodo, fx), "NOT_FOUND");
    },
  );

  test.each([
    [
      "notes:update",
      (note: string) => ({ id: note, baseVersion: 0, title: "x" }),
    ],
    ["notes:setCollapsed", (note: string) => ({ id: note, collapsed: true })],
    ["notes:remove", (note: string) => ({ id: note })],
    [
      "notes:reorder",
      (note: string, fx: Fixture) => ({
        id: note,
        afterId: fx.note,
        beforeId: null,
      }),
    ],
    [
      "notes:reorder",
      (note: string, fx: Fixture) => ({
        id: fx.note,
        afterId: note,
        beforeId: null,
      }),
    ],
    [
      "notes:reorder",
      (note: string, fx: Fixture) => ({
        id: fx.note,
        afterId: null,
        beforeId: note,
      }),
    ],
  ] as const)(
    "%s rejects a deleted note's id as not found",
    async (name, args) => {
      const { t, me, fx, deadNote } = await setup();
      await expectRejected(t, me, name, args(deadNote, fx), "NOT_FOUND");
    },
  );
});

describe("Recently deleted", () => {
  /** A group deleted for good, and the id its item had. */
  async function goneForGood(me: Caller) {
    const id = await me.mutation(api.todos.create, {
      day: "2025-03-10",
      text: "gone",
    });
    const groupId = await me.mutation(api.todos.remove, { id });
    const [item] = (
      await me.query(api.trash.listItems, {
        groupId,
        paginationOpts: { numItems: 1, cursor: null },
      })
    ).page;
    await me.mutation(api.trash.deleteGroupForever, { groupId });
    return { groupId, itemId: item!._id };
  }

  test.each([
    ["trash:restoreGroup", "group"],
    ["trash:deleteGroupForever", "group"],
    ["trash:listItems", "group"],
    ["trash:restoreItem", "item"],
    ["trash:deleteItemForever", "item"],
  ] as const)(
    "%s rejects the id of a %s deleted for good as not found",
    async (name, what) => {
      const { t, me } = await setup();
      const gone = await goneForGood(me);
      const args =
        what === "group"
          ? {
              groupId: gone.groupId,
              ...(name === "trash:listItems"
                ? { paginationOpts: { numItems: 5, cursor: null } }
                : {}),
            }
          : { id: gone.itemId };
      await expectRejected(t, me, name, args, "NOT_FOUND");
    },
  );

  test("a group's items come a bounded page at a time", async () => {
    const { me, fx } = await setup();
    const groupId = await me.mutation(api.days.remove, { day: fx.day });
    const page = await me.query(api.trash.listItems, {
      groupId: groupId!,
      paginationOpts: { numItems: 1_000_000, cursor: null },
    });
    // "one", "two", "# Head" and two notes: within one page.
    expect(page.page).toHaveLength(5);
    await expect(
      me.query(api.trash.listItems, {
        groupId: groupId!,
        paginationOpts: { numItems: 0, cursor: null },
      }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });
});

const PAGED: [string, Args][] = [
  ["todos:listPinned", {}],
  ["days:list", { archived: false }],
];

describe("pagination", () => {
  test.each(
    [...PAGED, ["trash:list", {}] as [string, Args]].flatMap(([name, rest]) =>
      [0, -1, -100, 2.5].map((n) => [name, n, rest] as const),
    ),
  )("%s rejects numItems %d", async (name, numItems, rest) => {
    const { t, me } = await setup();
    const args = { ...rest, paginationOpts: { numItems, cursor: null } };
    await expectRejected(t, me, name, args, "INVALID_ARGUMENT");
  });

  test.each(PAGED)(
    "%s clamps a huge numItems to the largest page",
    async (name, rest) => {
      const { t, me } = await setup();
      await t.run(async (ctx) => {
        for (let i = 0; i < MAX_PAGE_SIZE + 5; i++) {
          const day = new Date(Date.UTC(2020, 0, 1 + i))
            .toISOString()
            .slice(0, 10);
          await ctx.db.insert("todos", {
            userId: ME.subject!,
            day,
            text: `p${i}`,
            kind: "todo",
            done: false,
            pinned: true,
            order: "a0",
          });
          await ctx.db.insert("days", {
            userId: ME.subject!,
            day,
            archived: false,
            todoCount: 1,
            openCount: 1,
            doneCount: 0,
            todoBytes: textBytes(`p${i}`),
            noteCount: 0,
            noteBytes: 0,
          });
        }
      });
      const args = {
        ...rest,
        paginationOpts: { numItems: Number.MAX_SAFE_INTEGER, cursor: null },
      };
      const result = (await call(me, name, args)) as {
        page: unknown[];
        isDone: boolean;
      };
      expect(result.page).toHaveLength(MAX_PAGE_SIZE);
      expect(result.isDone).toBe(false);
    },
  );
});

describe("LIMIT_REACHED", () => {
  // One backend: every case below must write nothing, which each asserts.
  let t: Backend;
  let me: Caller;
  let fx: Fixture;
  const full = "2025-06-01";
  beforeAll(async () => {
    // Filling a day takes more pastes than the rate limits allow at once:
    // a minute passes between them (lib/rateLimits).
    vi.useFakeTimers();
    ({ t, me, fx } = await setup());
    const lines = Array.from({ length: LIMITS.listItems }, (_, i) => `f${i}`);
    for (let i = 0; i < LIMITS.todosPerDay / LIMITS.listItems; i++) {
      await me.mutation(api.todos.createMany, { day: full, lines });
      vi.advanceTimersByTime(60_000);
    }
    for (let i = 0; i < LIMITS.notesPerDay; i++) {
      await me.mutation(api.notes.create, { day: full, title: `n${i}` });
    }
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  test.each([
    ["todos:create", () => ({ day: full, text: "one more" })],
    ["todos:createMany", () => ({ day: full, lines: ["one more"] })],
    ["todos:moveToDay", () => ({ id: fx.todo, day: full })],
    ["todos:copyOpenToDay", () => ({ fromDay: fx.day, toDay: full })],
    ["notes:create", () => ({ day: full, title: "one more" })],
  ])(
    "%s into a full day is rejected with LIMIT_REACHED and a message",
    async (name, args) => {
      await expectRejected(t, me, name, args(), "LIMIT_REACHED");
    },
  );

  test("todos.createMany that would overflow a day writes none of its lines", async () => {
    await me.mutation(api.todos.remove, {
      id: (await me.query(api.todos.listForDay, { day: full }))[0]!._id,
    });
    await expectRejected(
      t,
      me,
      "todos:createMany",
      { day: full, lines: ["a", "b"] },
      "LIMIT_REACHED",
    );
    await me.mutation(api.todos.create, { day: full, text: "fits exactly" });
    expect(await me.query(api.days.get, { day: full })).toMatchObject({
      todoCount: LIMITS.todosPerDay,
    });
  });
});

describe("repeating todos", () => {
  const rule = (change: Record<string, unknown>) => ({
    ...EVERY_DAY,
    ...change,
  });
  const BAD_RULES = [
    ["an interval of 0", rule({ interval: 0 })],
    ["an interval of 367", rule({ interval: 367 })],
    ["a fractional interval", rule({ interval: 1.5 })],
    ["no weekdays", rule({ freq: "weekly", byWeekday: [] })],
    ["weekday 7", rule({ freq: "weekly", byWeekday: [7] })],
    [
      "eight weekdays",
      rule({ freq: "weekly", byWeekday: [0, 1, 2, 3, 4, 5, 6, 0] }),
    ],
    ["weekdays on a monthly rule", rule({ freq: "monthly", byWeekday: [0] })],
    ["day of the month 0", rule({ freq: "monthly", byMonthDay: 0 })],
    ["day of the month 32", rule({ freq: "monthly", byMonthDay: 32 })],
    [
      "a day of the month on a weekly rule",
      rule({ freq: "weekly", byMonthDay: 3 }),
    ],
    ["a count of 0", rule({ end: { kind: "count", count: 0 } })],
    ["a count of 1001", rule({ end: { kind: "count", count: 1001 } })],
    [
      "an end date that is no date",
      rule({ end: { kind: "until", day: "2025-02-30" } }),
    ],
    [
      "an end date out of range",
      rule({ end: { kind: "until", day: "2200-01-01" } }),
    ],
    [
      "an end before the start",
      rule({ end: { kind: "until", day: "2025-03-09" } }),
    ],
  ] as const;
  test.each(BAD_RULES)(
    "series:create refuses %s, writing nothing",
    async (_what, bad) => {
      const { t, me, fx } = await setup();
      await expectRejected(
        t,
        me,
        "series:create",
        { day: fx.day, text: "x", rule: bad },
        "INVALID_ARGUMENT",
      );
    },
  );

  test.each(BAD_RULES)(
    "imports:importSeries refuses %s, writing nothing",
    async (_what, bad) => {
      const { t, me, fx } = await setup();
      await expectRejected(
        t,
        me,
        "imports:importSeries",
        { rows: [importedSeries(fx.day, "x", { rule: bad })] },
        "INVALID_ARGUMENT",
      );
    },
  );

  test.each([
    ["a heading", { text: "# Head" }],
    ["a blank text", { text: "   " }],
    ["a negative occurrence", { occurrence: -1 }],
    ["a fractional occurrence", { occurrence: 0.5 }],
    ["an occurrence past the bound", { occurrence: 1e9 }],
  ])(
    "imports:importSeries refuses %s, writing nothing",
    async (_what, change) => {
      const { t, me, fx } = await setup();
      await expectRejected(
        t,
        me,
        "imports:importSeries",
        { rows: [importedSeries(fx.day, "x", change)] },
        "INVALID_ARGUMENT",
      );
    },
  );

  test("imports:importSeries takes exactly 100 rows and 400 made days, and refuses one more of either", async () => {
    const { t, me, fx } = await setup();
    const madeDays = (n: number) =>
      Array.from({ length: n }, (_, i) => addDays("2099-01-01", i));
    const rows = (n: number, days: number) =>
      Array.from({ length: n }, (_, i) =>
        importedSeries(fx.day, `s${i}`, {
          active: false,
          madeDays: i === 0 ? madeDays(days) : [],
        }),
      );
    for (const bad of [rows(101, 0), rows(1, LIMITS.seriesMadeDays + 1), []]) {
      await expectRejected(
        t,
        me,
        "imports:importSeries",
        { rows: bad },
        "INVALID_ARGUMENT",
      );
    }
    const result = await me.mutation(api.imports.importSeries, {
      rows: rows(100, LIMITS.seriesMadeDays),
    });
    expect(result).toMatchObject({ consumed: 100, imported: 100 });
  });

  test("the largest bounds are accepted", async () => {
    const { me, fx } = await setup();
    await me.mutation(api.series.create, {
      day: fx.day,
      text: "x",
      rule: {
        ...EVERY_DAY,
        interval: 366,
        end: { kind: "count", count: 1000 },
      },
    });
    await me.mutation(api.series.create, {
      day: fx.day,
      text: "y",
      rule: {
        freq: "monthly",
        interval: 1,
        byMonthDay: 31,
        end: EVERY_DAY.end,
      },
    });
  });

  test.each([
    [
      "series:create",
      (fx: Fixture) => ({ day: fx.day, text: "   ", rule: EVERY_DAY }),
    ],
    [
      "series:create",
      (fx: Fixture) => ({ day: fx.day, text: "# Head", rule: EVERY_DAY }),
    ],
    [
      "series:setRepeat",
      (fx: Fixture) => ({ id: fx.heading, rule: EVERY_DAY }),
    ],
    [
      "series:setRepeat",
      (fx: Fixture) => ({ id: fx.todo, rule: rule({ interval: 0 }) }),
    ],
    [
      "series:editFollowing",
      (fx: Fixture) => ({ id: fx.todo, baseText: fx.todoText, text: "y" }),
    ],
    ["series:deleteFollowing", (fx: Fixture) => ({ id: fx.todo })],
  ] as const)(
    "%s refuses bad text, a heading or a todo that does not repeat",
    async (name, args) => {
      const { t, me, fx } = await setup();
      await expectRejected(t, me, name, args(fx), "INVALID_ARGUMENT");
    },
  );

  test("an occurrence's edit is bounded like a todo's text", async () => {
    const { t, me, fx } = await setup();
    const { todoId } = await me.mutation(api.series.create, {
      day: fx.day,
      text: "x",
      rule: EVERY_DAY,
    });
    const edit = (n: number) => ({ id: todoId!, baseText: "x", text: a(n) });
    await expectRejected(
      t,
      me,
      "series:editFollowing",
      edit(LIMITS.todoText + 1),
      "INVALID_ARGUMENT",
    );
    await me.mutation(api.series.editFollowing, edit(LIMITS.todoText));
  });

  test.each([
    ["series:setRepeat", (todo: string) => ({ id: todo, rule: EVERY_DAY })],
    [
      "series:editFollowing",
      (todo: string) => ({ id: todo, baseText: "x", text: "y" }),
    ],
    ["series:deleteFollowing", (todo: string) => ({ id: todo })],
  ] as const)(
    "%s rejects a deleted todo's id as not found",
    async (name, args) => {
      const { t, me, deadTodo } = await setup();
      await expectRejected(t, me, name, args(deadTodo), "NOT_FOUND");
    },
  );

  test.each([
    ["series:stop", (id: string) => ({ seriesId: id })],
    ["series:get", (id: string) => ({ seriesId: id })],
  ] as const)(
    "%s rejects a series that is gone as not found",
    async (name, args) => {
      const { t, me, fx } = await setup();
      const { seriesId } = await me.mutation(api.series.create, {
        day: fx.otherDay,
        text: "gone",
        rule: EVERY_DAY,
      });
      await t.run((ctx) => ctx.db.delete("series", seriesId));
      await expectRejected(t, me, name, args(seriesId), "NOT_FOUND");
    },
  );
});
