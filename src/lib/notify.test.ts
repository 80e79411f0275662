import { ConvexError } from "convex/values";
import { expect, test, vi } from "vitest";
import { notifyError, notifyRateLimited } from "./notify";
import { toast } from "./toast";

vi.mock("./toast", () => ({ toast: { error: vi.fn() } }));

test("a refused request and an outbox pause say slow down in one shared toast", () => {
  notifyError(
    new ConvexError({
      code: "RATE_LIMITED",
      message: "Slow down — try again in 3 s.",
      retryAfterMs: 2500,
    }),
  );
  notifyRateLimited(4000);
  notifyError(new ConvexError({ code: "NOT_FOUND", message: "Gone." }));
  const calls = vi.mocked(toast.error).mock.calls;
  expect(calls.map(([text]) => text)).toEqual([
    "Slow down — try again in 3 s",
    "Slow down — try again in 4 s",
    "Gone.",
  ]);
  const [first, second, other] = calls.map(([, options]) => options?.id);
  expect(first).toBeTruthy();
  expect(second).toBe(first);
  expect(other).toBeUndefined();
});
