import { beforeEach, describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { ALICE, BOB, newBackend, type Backend } from "./test.setup";
import { MAX_NOTE_RESULTS, MAX_TODO_RESULTS } from "./search";

const DAY = "2025-07-01";
const OTHER_DAY = "2025-07-02";

type Client = ReturnType<Backend["withIdentity"]>;

let t: Backend;
let alice: Client;
let bob: Client;

beforeEach(() => {
  t = newBackend();
  alice = t.withIdentity(ALICE);
  bob = t.withIdentity(BOB);
});

function search(client: Client, text: string) {
  return client.action(api.search.search, { text });
}

describe("search", () => {
  test("finds todos with their day, kind and done state", async () => {
    const id = await alice.mutation(api.todos.create, {
      day: OTHER_DAY,
      text: "water the plants",
    });
    await alice.mutation(api.todos.setDone, { id, done: true });
    await alice.mutation(api.todos.create, { day: DAY, text: "## Plants" });
    await alice.mutation(api.todos.create, { day: DAY, text: "call the bank" });

    const { todos, notes } = await search(alice, "plants");
    expect(notes).toEqual([]);
    expect(todos).toHaveLength(2);
    expect(todos).toEqual(
      expect.arrayContaining([
        {
          id,
          day: OTHER_DAY,
          text: "water the plants",
          kind: "todo",
          done: true,
        },
        expect.objectContaining({
          day: DAY,
          text: "Plants",
          kind: "h2",
          done: false,
        }),
      ]),
    );
  });

  test("finds notes by title and by body, each note once", async () => {
    const byTitle = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "Recipe ideas",
      body: "soup and bread",
    });
    const byBody = await alice.mutation(api.notes.create, {
      day: OTHER_DAY,
      title: "Shopping",
      body: "ingredients for the recipe",
    });
    await alice.mutation(api.notes.create, {
      day: DAY,
      title: "Other",
      body: "x",
    });

    const { notes } = await search(alice, "recipe");
    expect(notes).toHaveLength(2);
    expect(notes).toEqual(
      expect.arrayContaining([
        {
          id: byTitle,
          day: DAY,
          title: "Recipe ideas",
          snippet: "soup and bread",
        },
        {
          id: byBody,
          day: OTHER_DAY,
          title: "Shopping",
          snippet: "ingredients for the recipe",
        },
      ]),
    );
  });

  test("returns a short snippet around the match instead of a long body", async () => {
    const body = `${"filler ".repeat(500)}needle in the middle ${"more ".repeat(500)}`;
    await alice.mutation(api.notes.create, { day: DAY, title: "Long", body });
    const [note] = (await search(alice, "needle")).notes;
    expect(note!.snippet).toContain("needle in the middle");
    expect(note!.snippet.length).toBeLessThan(300);
    expect(note).not.toHaveProperty("body");
  });

  test("only ever returns the caller's own todos and notes", async () => {
    await alice.mutation(api.todos.create, { day: DAY, text: "secret plan" });
    await alice.mutation(api.notes.create, {
      day: DAY,
      title: "secret title",
      body: "secret body",
    });
    await bob.mutation(api.todos.create, { day: DAY, text: "bob's secret" });

    const forBob = await search(bob, "secret");
    expect(forBob.notes).toEqual([]);
    expect(forBob.todos.map((todo) => todo.text)).toEqual(["bob's secret"]);
    const forAlice = await search(alice, "secret");
    expect(forAlice.todos.map((todo) => todo.text)).toEqual(["secret plan"]);
    expect(forAlice.notes.map((note) => note.title)).toEqual(["secret title"]);
  });

  test("leaves out todos and notes of days stored before the range of days", async () => {
    await alice.mutation(api.todos.create, { day: DAY, text: "harbour walk" });
    await alice.mutation(api.notes.create, { day: DAY, title: "harbour" });
    await t.run(async (ctx) => {
      for (const day of ["1969-12-31", "2200-01-01"]) {
        await ctx.db.insert("todos", {
          userId: ALICE.subject!,
          day,
          text: "harbour trip",
          kind: "todo",
          done: false,
          pinned: false,
          order: "a0",
        });
        await ctx.db.insert("notes", {
          userId: ALICE.subject!,
          day,
          title: "harbour notes",
          body: "harbour",
          collapsed: false,
          order: "a0",
          updatedAt: 0,
        });
      }
    });
    const { todos, notes } = await search(alice, "harbour");
    expect(todos.map((todo) => todo.day)).toEqual([DAY]);
    expect(notes.map((note) => note.day)).toEqual([DAY]);
  });

  test("bounds the number of todo and note results", async () => {
    const lines = Array.from(
      { length: MAX_TODO_RESULTS + 15 },
      (_, i) => `report ${i}`,
    );
    await alice.mutation(api.todos.createMany, { day: DAY, lines });
    for (let i = 0; i < MAX_NOTE_RESULTS + 5; i++) {
      await alice.mutation(api.notes.create, {
        day: DAY,
        title: `report ${i}`,
        body: `report body ${i}`,
      });
    }
    const { todos, notes } = await search(alice, "report");
    expect(todos).toHaveLength(MAX_TODO_RESULTS);
    expect(notes).toHaveLength(MAX_NOTE_RESULTS);
  });

  test("returns markup in notes and todos as the same literal text", async () => {
    const markup = "<img src=x onerror=alert(1)>";
    await alice.mutation(api.notes.create, {
      day: DAY,
      title: "xss",
      body: markup,
    });
    await alice.mutation(api.todos.create, {
      day: DAY,
      text: `xss <b>bold</b>`,
    });
    const { todos, notes } = await search(alice, "xss");
    expect(notes.map((note) => note.snippet)).toEqual([markup]);
    expect(todos.map((todo) => todo.text)).toEqual(["xss <b>bold</b>"]);
  });

  test("accepts regex and markup special characters without throwing", async () => {
    await alice.mutation(api.todos.create, {
      day: DAY,
      text: "call (555) [home] a\\b",
    });
    await alice.mutation(api.notes.create, {
      day: DAY,
      title: "brackets",
      body: "see (555) and [home] and a\\b",
    });
    for (const text of [
      "(",
      "[",
      "\\",
      "(555",
      "[home",
      "a\\b",
      ".*+?^${}|)",
    ]) {
      const result = await search(alice, text);
      expect(Array.isArray(result.todos), text).toBe(true);
      expect(Array.isArray(result.notes), text).toBe(true);
    }
    const { notes } = await search(alice, "[home]");
    expect(notes.map((note) => note.snippet)).toEqual([
      "see (555) and [home] and a\\b",
    ]);
  });

  test("returns empty results for empty or blank text", async () => {
    await alice.mutation(api.todos.create, { day: DAY, text: "anything" });
    await alice.mutation(api.notes.create, { day: DAY, title: "anything" });
    expect(await search(alice, "")).toEqual({ todos: [], notes: [] });
    expect(await search(alice, "   ")).toEqual({ todos: [], notes: [] });
  });
});
