/**
 * One step a person can take back: what it was, in words, and how to undo
 * and redo it. `undo` and `redo` reject when the server refuses; they are
 * never run at the same time as another step's.
 */
export type Undoable = {
  /** Past tense, e.g. "Completed “Buy milk”". */
  label: string;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** A button its toast shows before Undo, e.g. "Go there" after an add. */
  secondaryAction?: { label: string; onClick: () => void };
};

export type UndoOutcome =
  | { kind: "empty" }
  | { kind: "done"; entry: Undoable }
  | { kind: "failed"; entry: Undoable; error: unknown };

/** At least the 20 steps per tab the product promises. */
export const UNDO_STEPS = 50;

/**
 * The steps of one tab, newest last, and the steps undone that can be
 * redone. Undo and redo run one at a time, in the order asked (pressing
 * Ctrl+Z three times undoes three steps, one after another). A new step
 * clears what could be redone. A step that fails is dropped, unless
 * `keepAfter(error)` says it can be tried again (it then stays where it was).
 */
export class UndoStack {
  private readonly done: Undoable[] = [];
  private readonly undone: Undoable[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      limit?: number;
      keepAfter?: (error: unknown) => boolean;
    } = {},
  ) {}

  push(entry: Undoable) {
    this.done.push(entry);
    const limit = this.options.limit ?? UNDO_STEPS;
    if (this.done.length > limit) this.done.splice(0, this.done.length - limit);
    this.undone.length = 0;
    this.notify();
  }

  /** Forgets a step (its change was refused, so there is nothing to undo). */
  forget(entry: Undoable) {
    for (const list of [this.done, this.undone]) {
      const index = list.indexOf(entry);
      if (index >= 0) list.splice(index, 1);
    }
    this.notify();
  }

  get canUndo() {
    return this.done.length > 0;
  }

  get canRedo() {
    return this.undone.length > 0;
  }

  /** The step `undo()` or `redo()` would take now. */
  next(direction: "undo" | "redo"): Undoable | undefined {
    return (direction === "undo" ? this.done : this.undone).at(-1);
  }

  /** Undoes the newest step, or `entry` (an Undo button of an older toast). */
  undo(entry?: Undoable): Promise<UndoOutcome> {
    return this.run(() => this.take(this.done, entry), "undo");
  }

  redo(entry?: Undoable): Promise<UndoOutcome> {
    return this.run(() => this.take(this.undone, entry), "redo");
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private take(list: Undoable[], entry?: Undoable) {
    const index = entry ? list.indexOf(entry) : list.length - 1;
    if (index < 0) return null;
    const [taken] = list.splice(index, 1);
    return { entry: taken!, index };
  }

  private run(
    pick: () => { entry: Undoable; index: number } | null,
    direction: "undo" | "redo",
  ): Promise<UndoOutcome> {
    const next = this.queue.then(async (): Promise<UndoOutcome> => {
      const picked = pick();
      if (!picked) return { kind: "empty" };
      const { entry, index } = picked;
      const [from, to] =
        direction === "undo"
          ? [this.done, this.undone]
          : [this.undone, this.done];
      this.notify();
      try {
        await entry[direction]();
        to.push(entry);
        this.notify();
        return { kind: "done", entry };
      } catch (error) {
        if (this.options.keepAfter?.(error)) {
          from.splice(Math.min(index, from.length), 0, entry);
          this.notify();
        }
        return { kind: "failed", entry, error };
      }
    });
    this.queue = next;
    return next;
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}
