import { useConvex } from "convex/react";
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
} from "convex/server";
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  type ReactNode,
} from "react";
import type { OptimisticUpdate } from "convex/browser";
import { api } from "@convex/_generated/api";
import { errorCode } from "../errors";
import { notifyError } from "../notify";
import { newChangeId, useOutboxMutation, type ChangeArgs } from "../outbox";
import { count, untilJobFinished } from "../progressToast";
import { ACTION_TOAST_ID, toast } from "../toast";
import { keepFocusThroughStep } from "./keepFocusThroughStep";
import { UndoStack, type Undoable } from "./undoStack";

/** Rows an undo restores in its first transaction (convex/undo's batch). */
const FIRST_BATCH = 250;
/** One toast for undo, replaced by the next, never stacked. */
const TOAST_ID = ACTION_TOAST_ID;

export type UndoApi = {
  /**
   * Adds a step to this tab's undo stack and shows its toast with "Undo".
   * For changes undone some other way than the undo log (a delete, undone
   * by restoring from the trash). A change still on its way joins the stack
   * at once, so Ctrl+Z right after it undoes it (its `undo` waits for it);
   * its toast shows once `done` says it happened, and it leaves the stack
   * if `done` says it did not.
   */
  pushUndoable: (entry: Undoable, done?: Promise<boolean>) => void;
  /** Ctrl/Cmd+Z: undoes the newest step. */
  undo: () => void;
  /** Ctrl/Cmd+Shift+Z: redoes the step undone last. */
  redo: () => void;
};

type UndoContextValue = UndoApi & {
  /** A step undone through the undo log: the change sent with `changeId`. */
  logStep: (label: string, changeId: string) => Undoable;
  /** Adds a step, noting where it was taken (see keepFocusThroughStep). */
  push: (entry: Undoable) => void;
  forget: (entry: Undoable) => void;
  announce: (entry: Undoable) => void;
};

const UndoContext = createContext<UndoContextValue | null>(null);

/**
 * This tab's undo stack (at least 20 steps), for the signed-in user: every
 * change made through `useUndoableMutation` or `pushUndoable` joins it.
 * Undo and redo of logged changes go through the outbox like any change,
 * so a retry runs once; the server refuses an undo that would overwrite
 * newer work (UNDO_CONFLICT), and the toast says so.
 */
export function UndoProvider({ children }: { children: ReactNode }) {
  const client = useConvex();
  const apply = useOutboxMutation(api.undo.apply);
  const value = useMemo(() => {
    const stack = new UndoStack({
      keepAfter: (error) => errorCode(error) === "UNDO_PENDING",
    });

    /** Shows a step's toast, with the button that takes it back. */
    const announce = (entry: Undoable) =>
      toast.message(entry.label, {
        id: TOAST_ID,
        action: { label: "Undo", onClick: () => void undo(entry) },
        secondaryAction: entry.secondaryAction,
      });

    const report = (
      outcome: Awaited<ReturnType<UndoStack["undo"]>>,
      direction: "undo" | "redo",
    ) => {
      if (outcome.kind === "empty") {
        toast.message(
          direction === "undo" ? "Nothing to undo" : "Nothing to redo",
          { id: TOAST_ID },
        );
      } else if (outcome.kind === "failed") {
        notifyError(outcome.error, direction);
      } else if (direction === "undo") {
        const { entry } = outcome;
        toast.message(`Undone: ${entry.label}`, {
          id: TOAST_ID,
          action: { label: "Redo", onClick: () => void redo(entry) },
        });
      } else {
        announce(outcome.entry);
      }
    };
    // Where each step was taken: focus goes back there after its undo
    // when the step takes away the focused control and nothing nearer is
    // left.
    const origins = new WeakMap<Undoable, Element>();
    const push = (entry: Undoable) => {
      const active = document.activeElement;
      if (active && active !== document.body) origins.set(entry, active);
      stack.push(entry);
    };
    const step = (direction: "undo" | "redo", entry?: Undoable) => {
      const taken = entry ?? stack.next(direction);
      const outcome = stack[direction](entry);
      keepFocusThroughStep(outcome, () => taken && origins.get(taken));
      return outcome.then((result) => report(result, direction));
    };
    const undo = (entry?: Undoable) => step("undo", entry);
    const redo = (entry?: Undoable) => step("redo", entry);

    /** Sends an undo of `target`; resolves once all of it is restored. */
    const applyUndo = async (target: string, label: string) => {
      const changeId = newChangeId();
      const { total } = await apply({ change: target }, changeId);
      if (total > FIRST_BATCH) {
        await untilRestored(changeId, total, label);
      }
      return changeId;
    };

    /** Shows a long undo's progress until its last batch has run. */
    const untilRestored = (changeId: string, total: number, label: string) =>
      untilJobFinished(
        client,
        api.undo.progress,
        { change: changeId },
        (progress) =>
          progress?.finished
            ? "finished"
            : {
                text: `Undoing ${label}: ${count(Math.min(progress?.restored ?? FIRST_BATCH, total))} of ${count(total)}`,
              },
      );

    const logStep = (label: string, changeId: string): Undoable => {
      // The newest change of this step: the original, then each undo and
      // redo of it (a redo is the undo of an undo).
      let latest = changeId;
      const flip = async () => {
        latest = await applyUndo(latest, label);
      };
      return { label, undo: flip, redo: flip };
    };

    return {
      push,
      announce,
      logStep,
      forget: (entry: Undoable) => stack.forget(entry),
      pushUndoable: (entry: Undoable, done = Promise.resolve(true)) => {
        push(entry);
        void done.then(
          (happened) => (happened ? announce(entry) : stack.forget(entry)),
          () => stack.forget(entry),
        );
      },
      undo: () => void undo(),
      redo: () => void redo(),
    };
  }, [apply, client]);
  return <UndoContext.Provider value={value}>{children}</UndoContext.Provider>;
}

function useUndoContext(): UndoContextValue {
  const value = useContext(UndoContext);
  if (!value) throw new Error("Undo needs an <UndoProvider>.");
  return value;
}

/** Undo, redo and `pushUndoable` for this tab (see UndoApi). */
export function useUndo(): UndoApi {
  const { pushUndoable, undo, redo } = useUndoContext();
  return useMemo(
    () => ({ pushUndoable, undo, redo }),
    [pushUndoable, undo, redo],
  );
}

/**
 * `useOutboxMutation` for a change the server logs for undo (an
 * `undoable` mutation of convex/): each call takes the words its toast
 * shows, joins the undo stack at once (so Ctrl+Z right after the click
 * undoes it, sent after it) and shows its toast once the server has it. A
 * refused change leaves the stack again.
 */
export function useUndoableMutation<
  Mutation extends FunctionReference<"mutation">,
>(
  mutation: Mutation,
  options: {
    optimisticUpdate?: OptimisticUpdate<FunctionArgs<Mutation>>;
    onReplayRefused?: (args: ChangeArgs<Mutation>, error: unknown) => void;
  } = {},
): (
  args: ChangeArgs<Mutation>,
  label: StepLabel<FunctionReturnType<Mutation>>,
) => Promise<FunctionReturnType<Mutation>> {
  const send = useOutboxMutation(mutation, options);
  const { push, forget, logStep, announce } = useUndoContext();
  return useCallback(
    async (args, label) => {
      const changeId = newChangeId();
      const entry = logStep(
        typeof label === "string" ? label : label.pending,
        changeId,
      );
      push(entry);
      try {
        const result = await send(args, changeId);
        const words =
          typeof label === "string" ? label : label.afterResult(result);
        if (words === null) {
          forget(entry);
        } else if (typeof words === "string") {
          entry.label = words;
          announce(entry);
        } else {
          entry.label = words.label;
          entry.secondaryAction = words.secondaryAction;
          announce(entry);
        }
        return result;
      } catch (error) {
        forget(entry);
        throw error;
      }
    },
    [send, push, forget, logStep, announce],
  );
}

/**
 * A step's words: fixed, or known from the server's answer (`pending`
 * until then), then perhaps with a button its toast shows before Undo
 * ("Go there"); null from `afterResult`: the change changed nothing, so it
 * leaves the stack without a toast (the caller says why).
 */
export type StepLabel<Result> =
  | string
  | {
      pending: string;
      afterResult: (
        result: Result,
      ) => string | Pick<Undoable, "label" | "secondaryAction"> | null;
    };
