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
async function seedEverything({ me }: Signed) {
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
}

async function deleteMyData({ backend, me }: Signed) {
  vi.useFakeTimers();
  await me.mutation(api.account.deleteMyData, {});
  await backend.t.finishAllScheduledFunctions(vi.runAllTimers);
  vi.useRealTimers();
  // Finished, and its job row forgotten a day later.
  expect(await me.query(api.account.deletionStatus, {})).toBeNull();
}

/** The export without what the server makes anew: ids and creation times. */
function comparable(document: ExportDocument) {
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
    todos: strip(document.todos),
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
    expect(before.todos.length).toBe(8);
    // Through JSON text, as the file is.
    const file = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;

    await deleteMyData(signed);
    const empty = (await collectExport(signed.client, () => {})).document;
    expect([empty.todos, empty.notes, empty.days]).toEqual([[], [], []]);

    const plan = planDaybookExport(file);
    expect(plan.skipped).toEqual([]);
    const outcome = await importPlan(signed, plan);
    expect(outcome.stopped).toBeNull();
    expect(outcome.imported).toEqual({ todos: 8, notes: 2, days: 3 });

    const after = (await collectExport(signed.client, () => {})).document;
    expect(comparable(after)).toEqual(comparable(before));

    const again = await importPlan(signed, planDaybookExport(file));
    expect(again.imported).toEqual({ todos: 0, notes: 0, days: 0 });
    expect(again.skipped.todos.duplicate).toBe(8);
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
    expect(twice.imported).toEqual({ todos: 0, notes: 0, days: 0 });
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
    expect(second.imported).toEqual({ todos: 0, notes: 0, days: 0 });
  });
});
