import { expect, test } from "vitest";
import { UNDO_STEPS, UndoStack, type Undoable } from "./undoStack";

/** A step that records its undos and redos in `log`. */
function step(name: string, log: string[], fail?: () => unknown): Undoable {
  return {
    label: name,
    undo: async () => {
      const error = fail?.();
      if (error) throw error;
      log.push(`undo ${name}`);
    },
    redo: async () => {
      log.push(`redo ${name}`);
    },
  };
}

test("undo takes back the newest step, then the one before; redo replays them in reverse", async () => {
  const log: string[] = [];
  const stack = new UndoStack();
  for (const name of ["a", "b", "c"]) stack.push(step(name, log));
  await stack.undo();
  await stack.undo();
  await stack.redo();
  expect(log).toEqual(["undo c", "undo b", "redo b"]);
  expect(stack.canUndo).toBe(true);
  expect(stack.canRedo).toBe(true);
});

test("presses made while an undo is on its way run after it, in order", async () => {
  const log: string[] = [];
  const stack = new UndoStack();
  let release!: () => void;
  const slow: Undoable = {
    label: "slow",
    undo: () =>
      new Promise<void>((resolve) => {
        release = () => {
          log.push("undo slow");
          resolve();
        };
      }),
    redo: async () => {},
  };
  stack.push(step("first", log));
  stack.push(slow);
  const first = stack.undo();
  const second = stack.undo();
  await Promise.resolve();
  expect(log).toEqual([]);
  release();
  await Promise.all([first, second]);
  expect(log).toEqual(["undo slow", "undo first"]);
});

test(`keeps the newest ${UNDO_STEPS} steps (at least 20)`, async () => {
  expect(UNDO_STEPS).toBeGreaterThanOrEqual(20);
  const log: string[] = [];
  const stack = new UndoStack();
  for (let i = 0; i < UNDO_STEPS + 5; i++) stack.push(step(`${i}`, log));
  for (let i = 0; i < UNDO_STEPS + 5; i++) await stack.undo();
  expect(log).toHaveLength(UNDO_STEPS);
  expect(log[0]).toBe(`undo ${UNDO_STEPS + 4}`);
  expect(log.at(-1)).toBe("undo 5");
});

test("a new step clears what could be redone", async () => {
  const log: string[] = [];
  const stack = new UndoStack();
  stack.push(step("a", log));
  await stack.undo();
  stack.push(step("b", log));
  expect(await stack.redo()).toEqual({ kind: "empty" });
});

test("a refused undo drops its step, unless keepAfter says to try again later", async () => {
  const log: string[] = [];
  const refusal = new Error("refused");
  const later = new Error("later");
  const stack = new UndoStack({ keepAfter: (e) => e === later });
  let error: Error = refusal;
  stack.push(step("kept", log));
  stack.push(step("flaky", log, () => error));
  const outcome = await stack.undo();
  expect(outcome).toMatchObject({ kind: "failed", error: refusal });
  // Dropped: the next undo takes the step before it.
  await stack.undo();
  expect(log).toEqual(["undo kept"]);

  stack.push(step("flaky", log, () => error));
  error = later;
  expect(await stack.undo()).toMatchObject({ kind: "failed", error: later });
  expect(stack.canUndo).toBe(true);
});

test("an older step can be undone by its own toast, out of order", async () => {
  const log: string[] = [];
  const stack = new UndoStack();
  const a = step("a", log);
  stack.push(a);
  stack.push(step("b", log));
  await stack.undo(a);
  await stack.undo();
  expect(log).toEqual(["undo a", "undo b"]);
});

test("forget removes a step whose change was refused", async () => {
  const log: string[] = [];
  const stack = new UndoStack();
  const a = step("a", log);
  stack.push(a);
  stack.forget(a);
  expect(await stack.undo()).toEqual({ kind: "empty" });
});
