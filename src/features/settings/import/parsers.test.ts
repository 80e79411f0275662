import { describe, expect, test } from "vitest";
import {
  betterTodoExport,
  betterTodoJsonl,
  OWNER,
  OWNER_EXPECTED,
} from "@/testing/betterTodoFixture";
import { planDaybookExport } from "./daybookJson";
import { planCounts } from "./importPlan";
import { planMarkdown, toMarkdown } from "./markdown";
import { readImportFiles, UnreadableFileError } from "./readImportFile";
import type { ExportDocument } from "@convex/lib/userTables";

const ME = "user_me";
const accountId = () => Promise.resolve(ME);

function file(content: string | Uint8Array, name: string) {
  return new File([content as BlobPart], name);
}

describe("Markdown", () => {
  test("reads days, labels, todos, done, headings, multi-line items and fenced notes", () => {
    const plan = planMarkdown(
      [
        "# 2025-03-10 Work day",
        "- [ ] Buy milk",
        "- [x] Send invoice",
        "## Errands",
        "### Sub",
        "#### Deeper",
        "- [ ] Two lines",
        "      second line",
        "* plain item",
        "2. numbered item",
        "- [ ] # not a heading",
        "",
        "~~~~note Plan",
        "body with ~~~ inside",
        "~~~",
        "~~~~",
        "",
        "# 2025-03-11",
        "Loose thoughts",
        "on two lines",
      ].join("\n"),
    );
    expect(
      plan.todos.map((row) => [row.day, row.kind, row.text, row.done]),
    ).toEqual([
      ["2025-03-10", "todo", "Buy milk", false],
      ["2025-03-10", "todo", "Send invoice", true],
      ["2025-03-10", "h1", "Errands", false],
      ["2025-03-10", "h2", "Sub", false],
      ["2025-03-10", "h3", "Deeper", false],
      ["2025-03-10", "todo", "Two lines\nsecond line", false],
      ["2025-03-10", "todo", "plain item", false],
      ["2025-03-10", "todo", "numbered item", false],
      ["2025-03-10", "todo", "# not a heading", false],
    ]);
    expect(plan.notes.map((row) => [row.day, row.title, row.body])).toEqual([
      ["2025-03-10", "Plan", "body with ~~~ inside\n~~~"],
      ["2025-03-11", "", "Loose thoughts\non two lines"],
    ]);
    expect(plan.days).toEqual([
      { day: "2025-03-10", label: "Work day", archived: false },
    ]);
  });

  test("lines outside a dated day and impossible dates are skipped with their reason", () => {
    const plan = planMarkdown(
      [
        "Intro text",
        "# Not a date",
        "- [ ] lost",
        "# 2025-02-30",
        "- [ ] Phantom",
        "# 2025-03-01",
        `- [ ] ${"x".repeat(2_001)}`,
        "- [ ] kept",
      ].join("\n"),
    );
    expect(plan.todos.map((row) => row.text)).toEqual(["kept"]);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        {
          what: "headings",
          count: 1,
          reason: "a top-level heading that is not a date (YYYY-MM-DD)",
        },
        {
          what: "lines",
          count: 2,
          reason: "text before the first day heading (# YYYY-MM-DD)",
        },
        {
          what: "todos",
          count: 1,
          reason: expect.stringMatching(/calendar date/),
        },
        { what: "todos", count: 1, reason: expect.stringMatching(/too long/) },
      ]),
    );
  });

  test("Export as Markdown writes what Import reads back, unchanged", () => {
    const document = {
      exportedAt: "2025-03-12T00:00:00.000Z",
      profile: null,
      days: [
        { day: "2025-03-10", label: "Work day", archived: false },
        { day: "2025-03-09", archived: true },
      ],
      todos: [
        {
          day: "2025-03-10",
          text: "Later",
          kind: "todo",
          done: false,
          order: "a2",
        },
        {
          day: "2025-03-10",
          text: "First",
          kind: "h1",
          done: false,
          order: "a0",
        },
        {
          day: "2025-03-10",
          text: "Done\n  indented",
          kind: "todo",
          done: true,
          order: "a1",
        },
        {
          day: "2025-03-09",
          text: "[ ] literal box",
          kind: "todo",
          done: false,
          order: "a0",
        },
      ],
      notes: [
        {
          day: "2025-03-10",
          title: "Plan",
          body: "~~~\nfenced\n~~~",
          order: "a0",
        },
        { day: "2025-03-10", title: "", body: "", order: "a1" },
      ],
    } as unknown as ExportDocument;
    const markdown = toMarkdown(document);
    expect(markdown).toBe(
      [
        "# 2025-03-09",
        "- [ ] [ ] literal box",
        "",
        "# 2025-03-10 Work day",
        "## First",
        "- [x] Done",
        "        indented",
        "- [ ] Later",
        "",
        "~~~~note Plan",
        "~~~",
        "fenced",
        "~~~",
        "~~~~",
        "",
        "~~~note",
        "~~~",
        "",
      ].join("\n"),
    );
    const plan = planMarkdown(markdown);
    expect(plan.todos.map((row) => [row.kind, row.text, row.done])).toEqual([
      ["todo", "[ ] literal box", false],
      ["h1", "First", false],
      ["todo", "Done\n  indented", true],
      ["todo", "Later", false],
    ]);
    expect(plan.notes.map((row) => [row.title, row.body])).toEqual([
      ["Plan", "~~~\nfenced\n~~~"],
      ["", ""],
    ]);
    expect(plan.days).toEqual([
      { day: "2025-03-10", label: "Work day", archived: false },
    ]);
  });
});

describe("Daybook's JSON export", () => {
  const running = {
    _id: "s_running",
    _creationTime: 1,
    userId: "someone",
    text: "Water the plants",
    rule: {
      freq: "weekly",
      interval: 1,
      byWeekday: [3, 0, 3],
      end: { kind: "never" },
    },
    startDay: "2099-01-05",
    active: true,
    lastDay: "2099-01-08",
    madeDays: ["2099-01-08", "2099-01-05"],
  };
  const occurrence = (id: string, day: string, seriesId: unknown) => ({
    _id: id,
    _creationTime: 1,
    day,
    text: "Water the plants",
    kind: "todo",
    done: false,
    pinned: false,
    order: "a0",
    seriesId,
  });

  test("reads repeating todos by the server's rules, and each occurrence keeps its series' key", () => {
    const plan = planDaybookExport({
      exportedAt: "2099-01-01T00:00:00.000Z",
      days: [],
      notes: [],
      series: [
        running,
        { ...running, _id: "s_stopped", text: "Pay rent", active: false },
        // Headings cannot repeat; a rule of another shape is no export's.
        { ...running, _id: "s_heading", text: "# Head" },
        { ...running, _id: "s_shape", rule: { freq: "hourly" } },
      ],
      todos: [
        occurrence("t1", "2099-01-05", "s_running"),
        occurrence("t2", "2099-01-08", "s_stopped"),
        occurrence("t3", "2099-01-09", "s_heading"),
        occurrence("t4", "2099-01-10", undefined),
      ],
    });
    expect(plan.series).toEqual([
      {
        key: "s_running",
        text: "Water the plants",
        rule: {
          freq: "weekly",
          interval: 1,
          byWeekday: [0, 3],
          end: { kind: "never" },
        },
        startDay: "2099-01-05",
        active: true,
        lastDay: "2099-01-08",
        madeDays: ["2099-01-05", "2099-01-08"],
        occurrence: 0,
      },
      expect.objectContaining({ key: "s_stopped", active: false }),
    ]);
    expect(plan.todos.map((row) => row.seriesKey)).toEqual([
      "s_running",
      "s_stopped",
      undefined,
      undefined,
    ]);
    expect(plan.skipped).toEqual([
      {
        what: "repeating todos",
        count: 1,
        reason: "not in the shape of a Daybook export",
      },
      { what: "repeating todos", count: 1, reason: "Headings cannot repeat." },
      {
        what: "links to a repeating todo",
        count: 1,
        reason: expect.stringMatching(/come in as plain todos/),
      },
    ]);
    expect(planCounts(plan)).toMatchObject({ repeating: 2, todos: 4 });
  });

  test("an export from before repeating todos plans none", () => {
    const plan = planDaybookExport({
      exportedAt: "2025-01-01T00:00:00.000Z",
      days: [],
      notes: [],
      todos: [occurrence("t1", "2025-01-05", undefined)],
    });
    expect(plan.series).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(planCounts(plan)).toMatchObject({ repeating: 0, todos: 1 });
  });
});

describe("the reference app's data", () => {
  test("a Convex export ZIP brings only the signed-in account's rows, mapped, in its order", async () => {
    const plan = await readImportFiles(
      [file(betterTodoExport(ME), "snapshot.zip")],
      accountId,
    );
    expect(plan.format).toBe("betterTodo");
    expect(plan.sourceUserId).toBe(ME);
    expect(JSON.stringify(plan)).not.toMatch(/Grace|Alan|user_01J/);
    expect(plan.todos).toHaveLength(OWNER_EXPECTED.todos);
    const launch = plan.todos
      .filter((row) => row.day === "2025-10-14")
      .map((row) => [row.kind, row.text, row.done, row.pinned]);
    expect(launch).toEqual([
      ["h1", "Launch", false, false],
      ["todo", "Book the venue", false, true],
      ["todo", "Write the release notes", false, false],
      ["todo", "Send invitations", true, false],
      ["todo", "Old idea, put away", true, false],
    ]);
    const milk = plan.todos.filter((row) => row.text === "Oat milk");
    expect(milk.map((row) => row.occurrence)).toEqual([0, 1]);
    expect(
      plan.notes.map((row) => [row.day, row.title, row.collapsed]),
    ).toEqual([
      ["2025-10-14", "Launch plan", false],
      ["2025-10-15", "Folded", true],
      ["2025-10-15", "", false],
    ]);
    expect(plan.days).toEqual([
      { day: "2025-10-14", label: "Launch day", archived: false },
      { day: "2025-10-16", archived: true },
    ]);
    expect(planCounts(plan)).toMatchObject({
      days: 3,
      notes: 3,
      labels: 1,
      archivedDays: 1,
    });
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        {
          what: "rows of other accounts",
          count: OWNER_EXPECTED.otherAccountRows,
          reason: expect.stringMatching(/stay on this device/),
        },
        {
          what: "todos",
          count: 1,
          reason: expect.stringMatching(/calendar date/),
        },
        { what: "todos", count: 1, reason: expect.stringMatching(/too long/) },
      ]),
    );
    expect(plan.dropped.join(" ")).toMatch(/parentId/);
    expect(plan.dropped.join(" ")).toMatch(/users table/);
  });

  test("the tables' JSONL files read like the ZIP, bare documents.jsonl by their rows' shape", async () => {
    const tables = betterTodoJsonl(ME);
    const plan = await readImportFiles(
      [
        file(tables.todos!, "documents.jsonl"),
        file(tables.notes!, "notes.jsonl"),
        file(tables.dateLabels!, "dateLabels.jsonl"),
        file(tables.archivedDates!, "archivedDates.jsonl"),
      ],
      accountId,
    );
    expect(plan.todos).toHaveLength(OWNER_EXPECTED.todos);
    expect(plan.notes).toHaveLength(OWNER_EXPECTED.notes);
    expect(plan.days).toHaveLength(2);
  });

  test("an export with none of the account's rows plans nothing and says why", async () => {
    const plan = await readImportFiles(
      [file(betterTodoExport(OWNER), "snapshot.zip")],
      accountId,
    );
    expect(plan.todos).toEqual([]);
    expect(plan.notes).toEqual([]);
    expect(plan.days).toEqual([]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({ what: "rows of other accounts", count: 23 }),
    ]);
  });
});

describe("choosing files", () => {
  test("a file that is no import says what it is not", async () => {
    await expect(
      readImportFiles([file("hello", "notes.txt")], accountId),
    ).rejects.toBeInstanceOf(UnreadableFileError);
    await expect(
      readImportFiles([file('{"a":1}', "x.json")], accountId),
    ).rejects.toThrow(/not a Daybook export/);
    await expect(
      readImportFiles([file("{", "x.json")], accountId),
    ).rejects.toThrow(/not valid JSON/);
  });
});
