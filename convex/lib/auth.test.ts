import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { describe, expectTypeOf, test } from "vitest";
import type { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";

// Type-level: `npx tsc --noEmit -p .` fails if the builder loses a type.
describe("userMutation's types, as the generated api sees them", () => {
  test("handlers' return types reach the api", () => {
    expectTypeOf<FunctionReturnType<typeof api.notes.update>>().toEqualTypeOf<{
      version: number;
    }>();
    expectTypeOf<
      FunctionReturnType<typeof api.todos.createMany>
    >().toEqualTypeOf<Id<"todos">[]>();
    expectTypeOf<
      FunctionReturnType<typeof api.account.deleteMyData>
    >().toEqualTypeOf<Id<"deletions">>();
    expectTypeOf<
      FunctionReturnType<typeof api.todos.updateText>
    >().toEqualTypeOf<null>();
  });

  test("every mutation takes an optional changeId besides its own arguments", () => {
    expectTypeOf<FunctionArgs<typeof api.notes.update>>().toEqualTypeOf<{
      id: Id<"notes">;
      baseVersion: number;
      title?: string;
      body?: string;
      changeId?: string;
    }>();
    expectTypeOf<FunctionArgs<typeof api.todos.reorder>>().toEqualTypeOf<{
      id: Id<"todos">;
      afterId: Id<"todos"> | null;
      beforeId: Id<"todos"> | null;
      changeId?: string;
    }>();
  });
});
