import { beforeEach, describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { LIMITS } from "./lib/limits";
import { ALICE, newBackend, type Backend, expectCode } from "./test.setup";

const DAY = "2025-06-15";
const OTHER_DAY = "2025-06-16";

type Client = ReturnType<Backend["withIdentity"]>;

let t: Backend;
let alice: Client;

beforeEach(() => {
  t = newBackend();
  alice = t.withIdentity(ALICE);
});

function listDay(day = DAY) {
  return alice.query(api.notes.listForDay, { day });
}

async function titles(day = DAY) {
  return (await listDay(day)).map((note) => note.title);
}

async function createAll(names: string[], day = DAY) {
  const ids: Id<"notes">[] = [];
  for (const title of names) {
    ids.push(await alice.mutation(api.notes.create, { day, title }));
  }
  return ids;
}

async function orders() {
  return new Map((await listDay()).map((note) => [note._id, note.order]));
}

describe("create", () => {
  test("defaults to an empty, expanded note", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    expect(await listDay()).toEqual([
      expect.objectContaining({
        _id: id,
        day: DAY,
        title: "",
        body: "",
        collapsed: false,
      }),
    ]);
    expect((await alice.query(api.days.get, { day: DAY }))!.noteCount).toBe(1);
  });

  test("appends each new note after the day's existing notes", async () => {
    await createAll(["first", "second"]);
    await alice.mutation(api.notes.create, {
      day: DAY,
      title: "third",
      body: "with a body",
    });
    expect(await titles()).toEqual(["first", "second", "third"]);
    expect((await listDay())[2]!.body).toBe("with a body");
  });

  test(`a day holds at most ${LIMITS.notesPerDay} notes`, async () => {
    await createAll(
      Array.from({ length: LIMITS.notesPerDay }, (_, i) => `n${i}`),
    );
    await expectCode(
      alice.mutation(api.notes.create, { day: DAY, title: "one more" }),
      "LIMIT_REACHED",
    );
    expect(await listDay()).toHaveLength(LIMITS.notesPerDay);
  });
});

describe("update", () => {
  test("saves the title alone and leaves the body", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "old",
      body: "body stays",
    });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      title: "new",
    });
    expect((await listDay())[0]).toMatchObject({
      title: "new",
      body: "body stays",
    });
  });

  test("saves the body alone and leaves the title", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "title stays",
      body: "old",
    });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "line 1\nline 2",
    });
    expect((await listDay())[0]).toMatchObject({
      title: "title stays",
      body: "line 1\nline 2",
    });
  });

  test("saves title and body together, and may empty them", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "t",
      body: "b",
    });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      title: "",
      body: "",
    });
    expect((await listDay())[0]).toMatchObject({ title: "", body: "" });
  });

  test("rejects an update with neither title nor body, changing nothing", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "t",
      body: "b",
    });
    const before = await listDay();
    await expectCode(
      alice.mutation(api.notes.update, { id, baseVersion: 0 }),
      "INVALID_ARGUMENT",
    );
    expect(await listDay()).toEqual(before);
  });
});

describe("versions", () => {
  test("a new note starts at version 0; a restored note keeps its version", async () => {
    await alice.mutation(api.notes.create, { day: DAY });
    const other = await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.notes.update, {
      id: other,
      baseVersion: 0,
      body: "x",
    });
    const groupId = await alice.mutation(api.notes.remove, { id: other });
    await alice.mutation(api.trash.restoreGroup, { groupId });
    const versions = (await listDay()).map((note) => note.version);
    expect(versions).toEqual([0, 1]);
  });

  test("each save on the current version returns and stores the next one", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    expect(
      await alice.mutation(api.notes.update, {
        id,
        baseVersion: 0,
        body: "one",
      }),
    ).toEqual({ version: 1 });
    expect(
      await alice.mutation(api.notes.update, {
        id,
        baseVersion: 1,
        title: "two",
      }),
    ).toEqual({ version: 2 });
    expect((await listDay())[0]).toMatchObject({
      title: "two",
      body: "one",
      version: 2,
    });
  });

  test("a note from before versions (no version field) counts as version 0", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await t.run((ctx) => ctx.db.patch("notes", id, { version: undefined }));
    expect((await listDay())[0]!.version).toBeUndefined();
    await expectCode(
      alice.mutation(api.notes.update, { id, baseVersion: 1, body: "x" }),
      "CONFLICT",
    );
    expect(
      await alice.mutation(api.notes.update, {
        id,
        baseVersion: 0,
        body: "x",
      }),
    ).toEqual({ version: 1 });
  });

  test("a save on an outdated version is refused with the current note, and nothing changes", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "plan",
      body: "line one",
    });
    // Another tab saves first.
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "line one\nline from tab two",
    });
    const before = await listDay();

    const stale = alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "line one\nline from tab one",
    });
    await expect(stale).rejects.toMatchObject({
      data: {
        code: "CONFLICT",
        message: expect.stringMatching(/changed elsewhere/),
        current: {
          title: "plan",
          body: "line one\nline from tab two",
          version: 1,
        },
      },
    });
    expect(await listDay()).toEqual(before);
  });

  test("a save from a version ahead of the note's is refused too", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await expectCode(
      alice.mutation(api.notes.update, { id, baseVersion: 5, body: "x" }),
      "CONFLICT",
    );
  });

  test("an outdated save of the text the note already holds succeeds without a new version", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "same",
    });
    expect(
      await alice.mutation(api.notes.update, {
        id,
        baseVersion: 0,
        body: "same",
      }),
    ).toEqual({ version: 1 });
    expect((await listDay())[0]!.version).toBe(1);
  });

  test("an outdated save of the cleaned form of an old stored text is no conflict", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await t.run((ctx) =>
      ctx.db.patch("notes", id, {
        title: "cafe\u0301",
        body: "a\r\nb",
        version: 1,
      }),
    );
    expect(
      await alice.mutation(api.notes.update, {
        id,
        baseVersion: 0,
        title: "caf\u00e9",
        body: "a\nb",
      }),
    ).toEqual({ version: 1 });
  });

  test.each([-1, 0.5, Number.NaN])(
    "rejects the base version %s",
    async (baseVersion) => {
      const id = await alice.mutation(api.notes.create, { day: DAY });
      await expectCode(
        alice.mutation(api.notes.update, { id, baseVersion, body: "x" }),
        "INVALID_ARGUMENT",
      );
    },
  );
});

describe(`the ${LIMITS.noteBody.toLocaleString("en-US")}-character body limit`, () => {
  const atLimit = "a".repeat(LIMITS.noteBody);
  const overLimit = "a".repeat(LIMITS.noteBody + 1);

  test("a body of exactly the limit is saved whole", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      body: atLimit,
    });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: atLimit.slice(1) + "b",
    });
    expect((await listDay())[0]!.body).toBe(atLimit.slice(1) + "b");
  });

  test("a longer body is refused with a message naming the limit, never cut", async () => {
    const id = await alice.mutation(api.notes.create, {
      day: DAY,
      body: "kept",
    });
    const refusal = {
      data: {
        code: "INVALID_ARGUMENT",
        message: "Note body is too long: at most 100,000 characters.",
      },
    };
    await expect(
      alice.mutation(api.notes.update, {
        id,
        baseVersion: 0,
        body: overLimit,
      }),
    ).rejects.toMatchObject(refusal);
    await expect(
      alice.mutation(api.notes.create, { day: DAY, body: overLimit }),
    ).rejects.toMatchObject(refusal);
    expect(await listDay()).toEqual([
      expect.objectContaining({ _id: id, body: "kept", version: 0 }),
    ]);
  });
});

describe("setCollapsed", () => {
  test("collapses and expands a note", async () => {
    const [a, b] = await createAll(["a", "b"]);
    await alice.mutation(api.notes.setCollapsed, { id: a!, collapsed: true });
    expect((await listDay()).map((note) => note.collapsed)).toEqual([
      true,
      false,
    ]);
    await alice.mutation(api.notes.setCollapsed, { id: a!, collapsed: false });
    await alice.mutation(api.notes.setCollapsed, { id: b!, collapsed: true });
    expect((await listDay()).map((note) => note.collapsed)).toEqual([
      false,
      true,
    ]);
  });
});

describe("reorder", () => {
  test("moves a note between neighbours, to the start and to the end", async () => {
    const [a, b, c, d] = await createAll(["a", "b", "c", "d"]);
    await alice.mutation(api.notes.reorder, {
      id: d!,
      afterId: a!,
      beforeId: b!,
    });
    expect(await titles()).toEqual(["a", "d", "b", "c"]);
    await alice.mutation(api.notes.reorder, {
      id: c!,
      afterId: null,
      beforeId: a!,
    });
    expect(await titles()).toEqual(["c", "a", "d", "b"]);
    await alice.mutation(api.notes.reorder, {
      id: a!,
      afterId: b!,
      beforeId: null,
    });
    expect(await titles()).toEqual(["c", "d", "b", "a"]);
  });

  test("writes only the moved note's order", async () => {
    const [a, b, c] = await createAll(["a", "b", "c"]);
    const before = await orders();
    await alice.mutation(api.notes.reorder, {
      id: c!,
      afterId: a!,
      beforeId: b!,
    });
    const after = await orders();
    expect(after.get(a!)).toBe(before.get(a!));
    expect(after.get(b!)).toBe(before.get(b!));
    expect(after.get(c!)).not.toBe(before.get(c!));
  });

  test("rejects a neighbour from another day", async () => {
    const [a, b] = await createAll(["a", "b"]);
    const [elsewhere] = await createAll(["x"], OTHER_DAY);
    await expectCode(
      alice.mutation(api.notes.reorder, {
        id: b!,
        afterId: elsewhere!,
        beforeId: a!,
      }),
      "INVALID_ARGUMENT",
    );
    expect(await titles()).toEqual(["a", "b"]);
  });
});

describe("remove", () => {
  test("deletes the note and updates the day's note count", async () => {
    const [a, b] = await createAll(["a", "b"]);
    await alice.mutation(api.notes.remove, { id: a! });
    expect(await titles()).toEqual(["b"]);
    expect((await alice.query(api.days.get, { day: DAY }))!.noteCount).toBe(1);
    await alice.mutation(api.notes.remove, { id: b! });
    expect(await alice.query(api.days.get, { day: DAY })).toBeNull();
    await expectCode(alice.mutation(api.notes.remove, { id: b! }), "NOT_FOUND");
  });
});

describe("delete and Undo (through Recently deleted)", () => {
  test("puts a deleted note back at its old place, body, collapse and all, and the day's counts with it", async () => {
    const [, b] = await createAll(["a", "b", "c"]);
    await alice.mutation(api.notes.update, {
      id: b!,
      baseVersion: 0,
      body: "kept **body**",
    });
    await alice.mutation(api.notes.setCollapsed, { id: b!, collapsed: true });
    const before = await alice.query(api.days.get, { day: DAY });
    const groupId = await alice.mutation(api.notes.remove, { id: b! });
    expect(await titles()).toEqual(["a", "c"]);

    await alice.mutation(api.trash.restoreGroup, { groupId });
    expect(await titles()).toEqual(["a", "b", "c"]);
    expect((await listDay())[1]).toMatchObject({
      body: "kept **body**",
      collapsed: true,
      version: 1,
    });
    const after = await alice.query(api.days.get, { day: DAY });
    expect(after?.noteCount).toBe(before?.noteCount);
    expect(after?.noteBytes).toBe(before?.noteBytes);
  });
});

describe("listForDay", () => {
  test("lists only that day's notes, in display order", async () => {
    await createAll(["one", "two"]);
    await createAll(["elsewhere"], OTHER_DAY);
    await createAll(["three"]);
    expect(await titles()).toEqual(["one", "two", "three"]);
    expect(await titles(OTHER_DAY)).toEqual(["elsewhere"]);
    expect(await titles("2025-06-17")).toEqual([]);
  });
});
