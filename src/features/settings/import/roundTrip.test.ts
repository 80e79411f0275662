import type { ConvexReactClient } from "convex/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import { FakeConvexBackend, TEST_USER } from "@/testing/fakeConvex";
import { betterTodoExport, OWNER_EXPECTED } from "@/testing/betterTodoFixture";
import { collectExport, type ExportDocument } from "../exportData";
import { planDaybookExport } from "./daybookJson";
import type { ImportPlan } from "./importPlan";
import { planMarkdown, toMarkdown } from "./markdown";
import { readImportFiles } from "./readImportFile";
import { convexSender, runImport } from "./runImport";

/*
 * The whole path through the real convex/ functions (convex-test): export,
 * delete my data, import, export again.
 */

afterEach(() => {
  vi.useRealTimers();
});

function signedIn() {
  const backend = new FakeConvexBackend();
  const me = backend.t.withIdentity(TEST_USER);
  // collectExport and the sender use only query and mutation.
  const client = {
    query: me.query.bind(me),
    mutation: me.mutation.bind(me),
  } as unknown as ConvexReactClient;
  return { backend, me, client };
}

type Signed = ReturnType<typeof signedIn>;

/** A history with every kind of thing the export holds. */
async function seedEverything(signed: Signed) {
  const { me } = signed;
  const [work, milk, , , , later] = await me.mutation(api.todos.createMany, {
    day: "2025-03-10",
    lines: [
      "# Work",
      "Buy milk",
      "- [x] Send invoice",
      "## Errands",
      "### Small things",
      "Call mom",
      "Call mom",
    ],
  });
  await me.mutation(api.todos.setPinned, { id: milk!, pinned: true });
  await me.mutation(api.todos.updateText, {
    id: later!,
    baseText: "Call mom",
    text: "Call mom\nabout Sunday",
  });
  await me.mutation(api.todos.reorder, {
    id: work!,
    afterId: milk!,
    beforeId: null,
  });
  await me.mutation(api.todos.create, { day: "2025-03-11", text: "Archived" });
  await me.mutation(api.days.setArchived, {
    day: "2025-03-11",
    archived: true,
  });
  await me.mutation(api.days.setLabel, { day: "2025-03-10", label: "Launch" });
  await me.mutation(api.days.setLabel, {
    day: "2025-03-12",
    label: "Only a label",
  });
  const note = await me.mutation(api.notes.create, {
    day: "2025-03-10",
    title: "Plan",
    body: "# Heading\n\n- [ ] not a todo\n\n~~~\nfenced\n~~~",
  });
  await me.mutation(api.notes.setCollapsed, { id: note, collapsed: true });
  await me.mutation(api.notes.create, {
    day: "2025-03-13",
    title: "Notes only",
  });
  await seedRepeats(signed);
}

/**
 * A running repeating todo with two occurrences (one done), and a stopped
 * one whose occurrence stays. Far-future days for the running one, so
 * "today" never reaches them and showing them makes occurrences.
 */
async function seedRepeats({ me }: Signed) {
  const running = await me.mutation(api.series.create, {
    day: "2099-01-05",
    text: "Water the plants",
    rule: { freq: "daily", interval: 2, end: { kind: "never" } },
  });
  await me.mutation(api.todos.setDone, { id: running.todoId!, done: true });
  expect(await me.mutation(api.series.showDay, { day: "2099-01-07" })).toEqual({
    made: 1,
  });
  const stopped = await me.mutation(api.series.create, {
    day: "2025-03-14",
    text: "Pay rent",
    rule: {
      freq: "monthly",
      interval: 1,
      byMonthDay: 14,
      end: { kind: "count", count: 12 },
    },
  });
  await me.mutation(api.series.stop, { seriesId: stopped.seriesId });
}

async function deleteMyData({ backend, me }: Signed) {
  vi.useFakeTimers();
  await me.mutation(api.account.deleteMyData, {});
  await backend.t.finishAllScheduledFunctions(vi.runAllTimers);
  vi.useRealTimers();
  // Finished, and its job row forgotten a day later.
  expect(await me.query(api.account.deletionStatus, {})).toBeNull();
}

/**
 * The export without what the server makes anew: ids and creation times.
 * An occurrence names its series by the series' place in the export.
 */
function comparable(document: ExportDocument) {
  const seriesIndex = new Map<string, number>(
    document.series.map((row, index) => [row._id, index]),
  );
  const strip = <T extends object>(rows: T[]) =>
    rows.map((row) => {
      const { _id, _creationTime, ...rest } = row as T & {
        _id: unknown;
        _creationTime: unknown;
      };
      return rest;
    });
  return {
    days: strip(document.days),
    series: strip(document.series),
    todos: strip(document.todos).map((row) =>
      row.seriesId === undefined
        ? row
        : { ...row, seriesId: seriesIndex.get(row.seriesId) ?? "missing" },
    ),
    notes: strip(document.notes),
  };
}

async function importPlan(signed: Signed, plan: ImportPlan) {
  return await runImport(plan, convexSender(signed.client), () => {});
}

describe("Daybook's own export", () => {
  test("export, delete my data, import, export again: equal apart from ids and creation times; a second import adds nothing", async () => {
    const signed = signedIn();
    await seedEverything(signed);
    const before = (await collectExport(signed.client, () => {})).document;
    expect(before.todos.length).toBe(11);
    expect(before.series.map((row) => [row.text, row.active])).toEqual([
      ["Pay rent", false],
      ["Water the plants", true],
    ]);
    expect(before.todos.filter((row) => row.seriesId).length).toBe(3);
    // Through JSON text, as the file is.
    const file = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;

    await deleteMyData(signed);
    const empty = (await collectExport(signed.client, () => {})).document;
    expect([empty.todos, empty.notes, empty.days, empty.series]).toEqual([
      [],
      [],
      [],
      [],
    ]);

    const plan = planDaybookExport(file);
    expect(plan.skipped).toEqual([]);
    const outcome = await importPlan(signed, plan);
    expect(outcome.stopped).toBeNull();
    expect(outcome.imported).toEqual({
      series: 2,
      todos: 11,
      notes: 2,
      days: 3,
    });

    const after = (await collectExport(signed.client, () => {})).document;
    expect(comparable(after)).toEqual(comparable(before));
    // The imported series knows the days it made: showing one again makes
    // nothing, and the next day of its rule gets its occurrence.
    expect(
      await signed.me.mutation(api.series.showDay, { day: "2099-01-07" }),
    ).toEqual({ made: 0 });

    const again = await importPlan(signed, planDaybookExport(file));
    expect(again.imported).toEqual({ series: 0, todos: 0, notes: 0, days: 0 });
    expect(again.skipped.series.duplicate).toBe(2);
    expect(again.skipped.todos.duplicate).toBe(11);
    expect(again.skipped.notes.duplicate).toBe(2);
    const third = (await collectExport(signed.client, () => {})).document;
    expect(comparable(third)).toEqual(comparable(before));
  });
});

describe("Markdown", () => {
  test("Export as Markdown, delete my data, import it: the Markdown export is the same", async () => {
    const signed = signedIn();
    await seedEverything(signed);
    const markdown = toMarkdown(
      (await collectExport(signed.client, () => {})).document,
    );
    await deleteMyData(signed);
    const outcome = await importPlan(signed, planMarkdown(markdown));
    expect(outcome.stopped).toBeNull();
    const again = toMarkdown(
      (await collectExport(signed.client, () => {})).document,
    );
    expect(again).toBe(markdown);
    const twice = await importPlan(signed, planMarkdown(markdown));
    expect(twice.imported).toEqual({
      series: 0,
      todos: 0,
      notes: 0,
      days: 0,
    });
  });
});

describe("the reference app's export", () => {
  test("imports the signed-in person's rows only, and nothing the second time", async () => {
    const signed = signedIn();
    const zip = betterTodoExport(TEST_USER.subject!);
    const plan = await readImportFiles(
      [new File([zip as BlobPart], "snapshot.zip")],
      () => signed.me.query(api.imports.accountId, {}),
    );
    const outcome = await importPlan(signed, plan);
    expect(outcome.stopped).toBeNull();
    expect(outcome.imported).toEqual({
      series: 0,
      todos: OWNER_EXPECTED.todos,
      notes: OWNER_EXPECTED.notes,
      days: 2,
    });
    const exported = (await collectExport(signed.client, () => {})).document;
    expect(JSON.stringify(exported)).not.toMatch(/Grace|Alan/);
    expect(
      exported.days.map((row) => [row.day, row.label, row.archived]),
    ).toEqual([
      ["2025-10-14", "Launch day", false],
      ["2025-10-15", undefined, false],
      ["2025-10-16", undefined, true],
    ]);
    const second = await importPlan(signed, plan);
    expect(second.imported).toEqual({
      series: 0,
      todos: 0,
      notes: 0,
      days: 0,
    });
  });
});
