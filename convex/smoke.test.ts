import { expect, test } from "vitest";
import { api } from "./_generated/api";
import { ALICE, newBackend } from "./test.setup";

test("smoke", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  await alice.mutation(api.todos.create, {
    day: "2025-01-02",
    text: "## Plan",
  });
  await alice.mutation(api.todos.createMany, {
    day: "2025-01-02",
    lines: ["- a", "[x] b", "1. c", ""],
  });
  const todos = await alice.query(api.todos.listForDay, { day: "2025-01-02" });
  console.log(todos.map((t) => [t.text, t.kind, t.done, t.order]));
  console.log(
    await alice.query(api.days.list, {
      archived: false,
      paginationOpts: { numItems: 10, cursor: null },
    }),
  );
  await expect(
    t.query(api.todos.listForDay, { day: "2025-01-02" }),
  ).rejects.toThrow();
  await expect(
    alice.mutation(api.todos.create, { day: "2025-02-30", text: "x" }),
  ).rejects.toThrow(/calendar/);
});
