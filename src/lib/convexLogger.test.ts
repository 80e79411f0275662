import { expect, test, vi } from "vitest";
import { createConvexLogger } from "./convexLogger";

function fakeConsole() {
  return {
    log: vi.fn(),
    info: vi.fn(),
    warn: vi.fn(),
    error: vi.fn(),
  } as unknown as Console & Record<"info" | "error", ReturnType<typeof vi.fn>>;
}

test("a refusal the app reports itself (a ConvexError with a code) is logged as information, not as an error", () => {
  const console = fakeConsole();
  // As Convex's client words a refused mutation.
  createConvexLogger(console).error(
    '[CONVEX M(undo:apply)] [Request ID: 0123] Server Error\nUncaught ConvexError: {"code":"UNDO_CONFLICT","message":"It was changed since."}\n    at handler (../convex/undo.ts:1:1)',
  );
  expect(console.error).not.toHaveBeenCalled();
  expect(console.info).toHaveBeenCalledTimes(1);
});

test("any other failure stays a console error", () => {
  const console = fakeConsole();
  const logger = createConvexLogger(console);
  logger.error(
    "[CONVEX M(todos:create)] [Request ID: 0123] Server Error\nUncaught Error: boom",
  );
  logger.error("[CONVEX FATAL ERROR] socket closed");
  expect(console.error).toHaveBeenCalledTimes(2);
  expect(console.info).not.toHaveBeenCalled();
});
