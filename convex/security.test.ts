import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id, TableNames } from "./_generated/dataModel";
import { dayInTimeZone } from "./lib/timeZone";
import { USER_TABLE_NAMES, userRows } from "./lib/userTables";
import schema from "./schema";
import { syncProfile } from "./users";
import { ALICE, BOB, type Backend, modules, newBackend } from "./test.setup";

type Caller = Pick<Backend, "query" | "mutation" | "action">;
type Args = Record<string, unknown>;

/** Ids and days of one user's documents; security cases build args from it. */
type Fixture = {
  day: string;
  otherDay: string;
  todo: Id<"todos">;
  /** The text of `todo`, the base of an edit. */
  todoText: string;
  todo2: Id<"todos">;
  note: Id<"notes">;
  note2: Id<"notes">;
  /** The change id of an undoable change (collapsing `note2`). */
  change: string;
  /** A group in "Recently deleted", and an item in it. */
  deletedGroup: Id<"trashGroups">;
  deletedItem: Id<"trash">;
  /** A repeating todo, and its occurrence on `day` (with its text). */
  series: Id<"series">;
  occurrence: Id<"todos">;
  occurrenceText: string;
};

const EVERY_DAY = {
  freq: "daily",
  interval: 1,
  end: { kind: "never" },
} as const;

const PAGE = { numItems: 10, cursor: null };

/** Today for someone without a time zone (UTC), by the clock of the call. */
const serverToday = () => dayInTimeZone(Date.now(), "UTC");

/**
 * One entry per public function: valid args for the owner of `fx`. `byId`
 * marks functions that take a document id from the client.
 */
const CASES: Record<
  string,
  { args: (fx: Fixture) => Args; byId?: true; byChange?: true }
> = {
  "account:deleteMyData": { args: () => ({}) },
  "account:deletionStatus": { args: () => ({}) },
  "account:exportPage": { args: () => ({ table: "todos", cursor: null }) },
  "carryOver:list": { args: () => ({ today: serverToday(), limit: 20 }) },
  "carryOver:moveAllToToday": { args: () => ({ today: serverToday() }) },
  "carryOver:moveAutomatically": { args: () => ({ today: serverToday() }) },
  "carryOver:moveProgress": { args: () => ({}) },
  "days:get": { args: (fx) => ({ day: fx.day }) },
  "days:list": { args: () => ({ archived: false, paginationOpts: PAGE }) },
  "days:remove": { args: (fx) => ({ day: fx.day }) },
  "days:setArchived": { args: (fx) => ({ day: fx.day, archived: true }) },
  "days:setLabel": { args: (fx) => ({ day: fx.day, label: "Mine" }) },
  "imports:accountId": { args: () => ({}) },
  "imports:importDays": {
    args: (fx) => ({ rows: [{ day: fx.day, label: "Mine", archived: true }] }),
  },
  "imports:importNotes": {
    args: (fx) => ({
      rows: [
        {
          day: fx.day,
          title: "T",
          body: "B",
          collapsed: false,
          occurrence: 0,
        },
      ],
    }),
  },
  "imports:importSeries": {
    args: (fx) => ({
      rows: [
        {
          text: "x",
          rule: EVERY_DAY,
          startDay: fx.day,
          active: true,
          madeDays: [fx.day],
          occurrence: 0,
        },
      ],
    }),
  },
  // An occurrence names its series: the id must be the caller's.
  "imports:importTodos": {
    args: (fx) => ({
      rows: [
        {
          day: fx.day,
          text: "x",
          kind: "todo",
          done: false,
          pinned: false,
          occurrence: 0,
          seriesId: fx.series,
        },
      ],
    }),
    byId: true,
  },
  "notes:create": { args: (fx) => ({ day: fx.day, title: "T", body: "B" }) },
  "notes:listForDay": { args: (fx) => ({ day: fx.day }) },
  "notes:remove": { args: (fx) => ({ id: fx.note }), byId: true },
  "notes:reorder": {
    args: (fx) => ({ id: fx.note, afterId: fx.note2, beforeId: null }),
    byId: true,
  },
  "notes:setCollapsed": {
    args: (fx) => ({ id: fx.note, collapsed: true }),
    byId: true,
  },
  "notes:update": {
    args: (fx) => ({
      id: fx.note,
      baseVersion: 0,
      title: "Owned",
      body: "pwned",
    }),
    byId: true,
  },
  "search:search": { args: () => ({ text: "secret" }) },
  "series:create": {
    args: (fx) => ({ day: fx.day, text: "x", rule: EVERY_DAY }),
  },
  "series:deleteFollowing": {
    args: (fx) => ({ id: fx.occurrence }),
    byId: true,
  },
  "series:editFollowing": {
    args: (fx) => ({
      id: fx.occurrence,
      baseText: fx.occurrenceText,
      text: "rewritten",
    }),
    byId: true,
  },
  "series:get": { args: (fx) => ({ seriesId: fx.series }), byId: true },
  "series:setRepeat": {
    args: (fx) => ({ id: fx.todo, rule: EVERY_DAY }),
    byId: true,
  },
  "series:showDay": { args: (fx) => ({ day: fx.day }) },
  "series:stop": { args: (fx) => ({ seriesId: fx.series }), byId: true },
  "settings:get": { args: () => ({}) },
  "settings:setMoveUnfinishedAutomatically": {
    args: () => ({ enabled: true }),
  },
  "settings:setTimeZone": {
    args: () => ({ timeZone: "Europe/Paris", source: "choice" }),
  },
  "todos:completeAllOpen": { args: (fx) => ({ day: fx.day }) },
  "todos:copyOpenToDay": {
    args: (fx) => ({ fromDay: fx.day, toDay: fx.otherDay }),
  },
  "todos:create": { args: (fx) => ({ day: fx.day, text: "x" }) },
  "todos:createMany": { args: (fx) => ({ day: fx.day, lines: ["x", "y"] }) },
  "todos:deleteAllDone": { args: (fx) => ({ day: fx.day }) },
  "todos:deleteAllOpen": { args: (fx) => ({ day: fx.day }) },
  "todos:listForDay": { args: (fx) => ({ day: fx.day }) },
  "todos:listPinned": { args: () => ({ paginationOpts: PAGE }) },
  "todos:moveToDay": {
    args: (fx) => ({ id: fx.todo, day: fx.otherDay }),
    byId: true,
  },
  "todos:remove": { args: (fx) => ({ id: fx.todo }), byId: true },
  "todos:reorder": {
    args: (fx) => ({ id: fx.todo, afterId: fx.todo2, beforeId: null }),
    byId: true,
  },
  "todos:setDone": { args: (fx) => ({ id: fx.todo, done: true }), byId: true },
  "todos:setPinned": {
    args: (fx) => ({ id: fx.todo, pinned: false }),
    byId: true,
  },
  "todos:updateText": {
    args: (fx) => ({ id: fx.todo, baseText: fx.todoText, text: "rewritten" }),
    byId: true,
  },
  "undo:apply": { args: (fx) => ({ change: fx.change }), byChange: true },
  "undo:progress": { args: (fx) => ({ change: fx.change }) },
  "trash:deleteGroupForever": {
    args: (fx) => ({ groupId: fx.deletedGroup }),
    byId: true,
  },
  "trash:deleteItemForever": {
    args: (fx) => ({ id: fx.deletedItem }),
    byId: true,
  },
  "trash:empty": { args: () => ({}) },
  "trash:list": { args: () => ({ paginationOpts: PAGE }) },
  "trash:listItems": {
    args: (fx) => ({ groupId: fx.deletedGroup, paginationOpts: PAGE }),
    byId: true,
  },
  "trash:restoreAll": { args: () => ({}) },
  "trash:restoreGroup": {
    args: (fx) => ({ groupId: fx.deletedGroup }),
    byId: true,
  },
  "trash:restoreItem": { args: (fx) => ({ id: fx.deletedItem }), byId: true },
  // Another user's group reads as finished (null), like a missing one.
  "trash:progress": { args: (fx) => ({ groupId: fx.deletedGroup }) },
  "users:me": { args: () => ({}) },
  "users:syncProfile": { args: () => ({}) },
};
const NAMES = Object.keys(CASES).sort();
const BY_ID = NAMES.filter((name) => CASES[name]!.byId);
const BY_CHANGE = NAMES.filter((name) => CASES[name]!.byChange);
const BY_DAY = NAMES.filter(
  (name) => !CASES[name]!.byId && !CASES[name]!.byChange,
);

type Registered = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
};

/** Every public function the backend modules export, as "module:export". */
async function publicFunctions() {
  const found: Record<string, "query" | "mutation" | "action"> = {};
  for (const [path, load] of Object.entries(modules)) {
    // Deployment config, not functions (it reads deployment variables).
    if (path === "./auth.config.ts") continue;
    const module = path.replace(/^\.\//, "").replace(/\.[jt]s$/, "");
    const exports = (await load()) as Record<string, Registered | undefined>;
    for (const [name, fn] of Object.entries(exports)) {
      // The generated `api` is a proxy that answers every property: compare
      // with `true`, as Convex's registration marks functions.
      if (fn?.isPublic !== true) continue;
      if (fn.isQuery === true) found[`${module}:${name}`] = "query";
      else if (fn.isMutation === true) found[`${module}:${name}`] = "mutation";
      else if (fn.isAction === true) found[`${module}:${name}`] = "action";
    }
  }
  return found;
}
const KINDS = await publicFunctions();

function call(who: Caller, name: string, args: Args) {
  if (KINDS[name] === "query") {
    return who.query(makeFunctionReference<"query">(name), args);
  }
  if (KINDS[name] === "action") {
    return who.action(makeFunctionReference<"action">(name), args);
  }
  return who.mutation(makeFunctionReference<"mutation">(name), args);
}

/** The ConvexError data a call was rejected with (fails if it resolved). */
async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail("expected the call to be rejected"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  const data = (error as ConvexError<{ code: string; message: string }>).data;
  expect(data.message).toEqual(expect.stringMatching(/\S/));
  return data;
}

const ALICE_ID = ALICE.subject!;

/** A user's rows in every user table, read only through its userId index. */
function rowsOf(t: Backend, userId: string) {
  return t.run(async (ctx) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of USER_TABLE_NAMES) {
      rows[table] = await userRows(ctx.db, table, userId).take(10_000);
    }
    return JSON.stringify(rows);
  });
}

/** Every row of every table, including scheduled jobs. */
function everything(t: Backend) {
  return t.run(async (ctx) => {
    const rows: unknown[] = [];
    for (const table of Object.keys(schema.tables) as TableNames[]) {
      rows.push(await ctx.db.query(table).take(1e4));
    }
    rows.push(await ctx.db.system.query("_scheduled_functions").take(1e4));
    return JSON.stringify(rows);
  });
}

/**
 * A user with todos (one pinned, one done, a heading), notes, a label, an
 * archived day and a profile, plus ids of documents they created and deleted.
 */
async function seed(who: Caller, tag: string) {
  const [day, otherDay] = ["2025-03-10", "2025-03-11"];
  const [todo, todo2] = await who.mutation(api.todos.createMany, {
    day,
    lines: [`${tag} secret one`, `${tag} two`, `- [x] ${tag} done`, "# Head"],
  });
  await who.mutation(api.todos.setPinned, { id: todo!, pinned: true });
  await who.mutation(api.todos.create, { day: otherDay, text: `${tag} later` });
  const note = await who.mutation(api.notes.create, {
    day,
    title: `${tag} plan`,
    body: `${tag} secret body`,
  });
  const note2 = await who.mutation(api.notes.create, { day, title: tag });
  const change = `${tag}-collapse`;
  await who.mutation(api.notes.setCollapsed, {
    id: note2,
    collapsed: true,
    changeId: change,
  });
  await who.mutation(api.days.setLabel, { day, label: `${tag} work` });
  await who.mutation(api.days.setArchived, { day: otherDay, archived: true });
  await who.mutation(api.users.syncProfile, {});
  const deadTodo = await who.mutation(api.todos.create, { day, text: "gone" });
  await who.mutation(api.todos.remove, { id: deadTodo });
  const deadNote = await who.mutation(api.notes.create, { day });
  await who.mutation(api.notes.remove, { id: deadNote });
  const trashed = await who.mutation(api.todos.create, {
    day,
    text: `${tag} secret trashed`,
  });
  const deletedGroup = await who.mutation(api.todos.remove, { id: trashed });
  const itemOf = async (groupId: Id<"trashGroups">) =>
    (
      await who.query(api.trash.listItems, {
        groupId,
        paginationOpts: PAGE,
      })
    ).page[0]!._id;
  const deletedItem = await itemOf(deletedGroup);
  const purged = await who.mutation(api.todos.create, { day, text: "purged" });
  const deadGroup = await who.mutation(api.todos.remove, { id: purged });
  const deadItem = await itemOf(deadGroup);
  await who.mutation(api.trash.deleteGroupForever, { groupId: deadGroup });
  const occurrenceText = `${tag} secret repeat`;
  const repeat = await who.mutation(api.series.create, {
    day,
    text: occurrenceText,
    rule: EVERY_DAY,
  });
  // Removed for good by `setup`: the id of a series that is gone.
  const goneSeries = await who.mutation(api.series.create, {
    day,
    text: "gone",
    rule: EVERY_DAY,
  });
  const fx: Fixture = {
    day,
    otherDay,
    todo: todo!,
    todoText: `${tag} secret one`,
    todo2: todo2!,
    note,
    note2,
    change,
    deletedGroup,
    deletedItem,
    series: repeat.seriesId,
    occurrence: repeat.todoId!,
    occurrenceText,
  };
  const dead: Fixture = {
    ...fx,
    todo: deadTodo,
    todo2: deadTodo,
    note: deadNote,
    note2: deadNote,
    change: `${tag}-never-made`,
    deletedGroup: deadGroup,
    deletedItem: deadItem,
    series: goneSeries.seriesId,
    occurrence: deadTodo,
  };
  return { fx, dead, goneSeries };
}

async function setup() {
  const t = newBackend();
  const alice = await seed(t.withIdentity(ALICE), "alice");
  // No function deletes a series (stopping keeps it): removed raw.
  await t.withIdentity(ALICE).mutation(api.todos.remove, {
    id: alice.goneSeries.todoId!,
  });
  await t.run((ctx) => ctx.db.delete("series", alice.goneSeries.seriesId));
  return {
    t,
    ...alice,
    alice: t.withIdentity(ALICE),
    bob: t.withIdentity(BOB),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the security table", () => {
  test("covers exactly the public functions the backend exports", () => {
    expect(Object.keys(KINDS).sort()).toEqual(NAMES);
    expect(NAMES.length).toBeGreaterThan(20);
  });

  test("has one public action, search, which reaches data only through internal functions given the caller's id", () => {
    const actions = NAMES.filter((name) => KINDS[name] === "action");
    expect(actions).toEqual(["search:search"]);
  });

  test.each(NAMES)(
    "%s accepts its table args from the data's owner",
    async (name) => {
      const { alice, fx } = await setup();
      await expect(
        call(alice, name, CASES[name]!.args(fx)),
      ).resolves.not.toThrow();
    },
  );
});

describe("an anonymous caller", () => {
  test.each(NAMES)(
    "is rejected by %s as unauthenticated and writes nothing",
    async (name) => {
      const { t, fx } = await setup();
      const before = await everything(t);
      const data = await rejection(call(t, name, CASES[name]!.args(fx)));
      expect(data.code).toBe("UNAUTHENTICATED");
      expect(await everything(t)).toBe(before);
    },
  );
});

describe("another user passing the first user's ids", () => {
  test.each(BY_ID)(
    "is rejected by %s exactly as for a missing id, and changes nothing",
    async (name) => {
      const { t, bob, fx, dead } = await setup();
      const before = await everything(t);
      const foreign = await rejection(call(bob, name, CASES[name]!.args(fx)));
      const missing = await rejection(call(bob, name, CASES[name]!.args(dead)));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign).toEqual(missing);
      expect(await everything(t)).toBe(before);
      expect(await rowsOf(t, ALICE_ID)).toMatch(/alice secret/);
    },
  );

  const neighbours = [
    ["todos:reorder", "afterId", "todo"],
    ["todos:reorder", "beforeId", "todo"],
    ["notes:reorder", "afterId", "note"],
    ["notes:reorder", "beforeId", "note"],
  ] as const;
  test.each(neighbours)(
    "is rejected by %s when %s is someone else's %s (the reference app's unchecked parent id)",
    async (name, side, kind) => {
      const { t, bob, fx, dead } = await setup();
      const mine = (await seed(bob, "bob")).fx;
      const args = (other: Fixture) => ({
        id: mine[kind],
        afterId: null,
        beforeId: null,
        [side]: other[kind],
      });
      const before = await everything(t);
      const foreign = await rejection(call(bob, name, args(fx)));
      const missing = await rejection(call(bob, name, args(dead)));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign).toEqual(missing);
      expect(await everything(t)).toBe(before);
    },
  );
});

describe("another user passing the first user's change ids", () => {
  test.each(BY_CHANGE)(
    "is rejected by %s exactly as for a change never made, and changes nothing of the first user's",
    async (name) => {
      const { t, bob, fx, dead } = await setup();
      const before = await rowsOf(t, ALICE_ID);
      const foreign = await rejection(call(bob, name, CASES[name]!.args(fx)));
      const missing = await rejection(call(bob, name, CASES[name]!.args(dead)));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign).toEqual(missing);
      expect(await rowsOf(t, ALICE_ID)).toBe(before);
    },
  );
});

describe("ids of another table, or malformed", () => {
  const swapped = (fx: Fixture): Fixture => ({
    ...fx,
    todo: fx.note as unknown as Id<"todos">,
    todo2: fx.note2 as unknown as Id<"todos">,
    note: fx.todo as unknown as Id<"notes">,
    note2: fx.todo2 as unknown as Id<"notes">,
    deletedGroup: fx.deletedItem as unknown as Id<"trashGroups">,
    deletedItem: fx.deletedGroup as unknown as Id<"trash">,
    series: fx.todo as unknown as Id<"series">,
    occurrence: fx.note as unknown as Id<"todos">,
  });
  const malformed = (fx: Fixture): Fixture => ({
    ...fx,
    todo: "not-an-id" as Id<"todos">,
    todo2: "12;todos" as Id<"todos">,
    note: "" as Id<"notes">,
    note2: "x".repeat(200) as Id<"notes">,
    deletedGroup: "not-an-id" as Id<"trashGroups">,
    deletedItem: "12;trash" as Id<"trash">,
    series: "12;series" as Id<"series">,
    occurrence: "not-an-id" as Id<"todos">,
  });
  test.each(
    BY_ID.flatMap((name) => [
      [name, "an id of the other table", swapped] as const,
      [name, "malformed ids", malformed] as const,
    ]),
  )(
    "%s refuses %s as INVALID_ARGUMENT, writing nothing",
    async (name, _what, ids) => {
      const { t, alice, fx } = await setup();
      const before = await everything(t);
      const data = await rejection(
        call(alice, name, CASES[name]!.args(ids(fx))),
      );
      expect(data.code).toBe("INVALID_ARGUMENT");
      expect(data.message).toMatch(
        /^That id is not a (todo|note|deleted item|deleted group|repeating todo) id\.$/,
      );
      expect(await everything(t)).toBe(before);
    },
  );

  test("the answer is the same for another user's id of the wrong table", async () => {
    const { bob, fx } = await setup();
    const mine = await rejection(
      bob.mutation(api.todos.remove, { id: "not-an-id" as Id<"todos"> }),
    );
    const aliceNote = await rejection(
      bob.mutation(api.todos.remove, {
        id: fx.note as unknown as Id<"todos">,
      }),
    );
    expect(aliceNote).toEqual(mine);
  });
});

describe("another user's day-scoped calls on the first user's days", () => {
  test.each(BY_DAY)(
    "%s sees and changes only the caller's own data, scheduled work included",
    async (name) => {
      vi.useFakeTimers();
      const { t, bob, fx } = await setup();
      const before = await rowsOf(t, ALICE_ID);
      const result = await call(bob, name, CASES[name]!.args(fx));
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      const seen = JSON.stringify(result ?? null);
      for (const id of [fx.todo, fx.todo2, fx.note, fx.note2]) {
        expect(seen).not.toContain(id);
      }
      expect(seen).not.toMatch(/alice/i);
      expect(await rowsOf(t, ALICE_ID)).toBe(before);
    },
  );
});

describe("the reference app's security defects", () => {
  test("another user cannot update or reorder a note by its id", async () => {
    const { t, bob, fx } = await setup();
    const before = await rowsOf(t, ALICE_ID);
    const update = {
      id: fx.note,
      baseVersion: 0,
      title: "x",
      body: "<script>x</script>",
    };
    const reorder = { id: fx.note, afterId: fx.note2, beforeId: null };
    expect(
      await rejection(bob.mutation(api.notes.update, update)),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      await rejection(bob.mutation(api.notes.reorder, reorder)),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await rowsOf(t, ALICE_ID)).toBe(before);
  });

  test("users.syncProfile takes no user id nor profile, and writes only the caller's row", async () => {
    const { t, bob } = await setup();
    const fields = JSON.parse(
      (syncProfile as unknown as { exportArgs(): string }).exportArgs(),
    ) as {
      value: Record<string, unknown>;
    };
    // `changeId` is every user mutation's (lib/changeReceipts), never a user.
    expect(Object.keys(fields.value)).toEqual(["changeId"]);
    const before = await rowsOf(t, ALICE_ID);
    for (const sneaky of [
      { userId: ALICE_ID },
      { name: "Mallory", email: "m@x.io" },
    ]) {
      await expect(
        bob.mutation(
          makeFunctionReference<"mutation">("users:syncProfile"),
          sneaky,
        ),
      ).rejects.toThrow(/userId|name|email/);
    }
    await bob.mutation(api.users.syncProfile, {});
    expect(await rowsOf(t, ALICE_ID)).toBe(before);
    expect(await bob.query(api.users.me, {})).toMatchObject({
      userId: BOB.subject,
      name: "bob",
    });
  });

  test("search returns plain text, never markup, and accepts regex characters", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const text = `<img src=x onerror="alert(1)"> payload (`;
    await alice.mutation(api.todos.create, { day: "2025-01-01", text });
    const body = `before <script>alert("x")</script> payload [a- after`;
    await alice.mutation(api.notes.create, {
      day: "2025-01-01",
      title: "<b>payload</b>",
      body,
    });
    const result = await alice.action(api.search.search, { text: "payload" });
    expect(result.todos.map((r) => r.text)).toEqual([text]);
    expect(result.notes).toHaveLength(1);
    const note = result.notes[0]!;
    expect(note.title).toBe("<b>payload</b>");
    expect(body).toContain(note.snippet.replace(/^…|…$/g, ""));
    expect(Object.keys(note).sort()).toEqual(["day", "id", "snippet", "title"]);
    for (const query of ["(", "[a-", "payload (", "\\", "*+?"]) {
      await expect(
        alice.action(api.search.search, { text: query }),
      ).resolves.toBeTruthy();
    }
  });
});

const MUTATIONS = NAMES.filter((name) => KINDS[name] === "mutation");

describe("every public mutation", () => {
  test("is a user mutation taking an optional changeId", async () => {
    expect(MUTATIONS.length).toBeGreaterThan(15);
    for (const name of MUTATIONS) {
      const [module, fn] = name.split(":") as [string, string];
      const load = modules[`./${module}.ts`]!;
      const exported = ((await load()) as Record<string, unknown>)[fn] as {
        exportArgs(): string;
      };
      const args = JSON.parse(exported.exportArgs()) as {
        value: Record<
          string,
          { fieldType: { type: string }; optional: boolean }
        >;
      };
      expect(args.value.changeId, name).toEqual({
        fieldType: { type: "string" },
        optional: true,
      });
    }
  });

  test.each(MUTATIONS)(
    "%s, sent twice with one changeId, runs once and answers the repeat with the first result",
    async (name) => {
      vi.useFakeTimers();
      const { t, alice, fx } = await setup();
      const args = { ...CASES[name]!.args(fx), changeId: "sent-twice" };
      const first = await call(alice, name, args);
      const after = await everything(t);
      expect(await call(alice, name, args)).toEqual(first);
      expect(await everything(t)).toBe(after);
    },
  );

  test.each(MUTATIONS.filter((name) => name !== "account:deleteMyData"))(
    "%s is refused with DELETING while the caller's data is being deleted, and writes nothing",
    async (name) => {
      vi.useFakeTimers();
      const { t, alice, fx } = await setup();
      await alice.mutation(api.account.deleteMyData, {});
      const before = await everything(t);
      const data = await rejection(call(alice, name, CASES[name]!.args(fx)));
      expect(data).toEqual({
        code: "DELETING",
        message: "Your data is being deleted, so this change was not saved.",
      });
      expect(await everything(t)).toBe(before);
    },
  );

  test("another user's changes go on while the first user's data is deleted", async () => {
    vi.useFakeTimers();
    const { alice, bob, fx } = await setup();
    await alice.mutation(api.account.deleteMyData, {});
    await bob.mutation(api.todos.create, { day: fx.day, text: "bob's" });
    expect(
      (await bob.query(api.todos.listForDay, { day: fx.day })).map(
        (todo) => todo.text,
      ),
    ).toEqual(["bob's"]);
  });
});
