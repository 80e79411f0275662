import { catchFocusFallingToBody } from "@/components/ui/focus";
import { withSonner } from "./lazySonner";

/**
 * Toasts without sonner in the day view's bundle: the library (9 kB of
 * gzipped JavaScript) loads with the first toast (lib/lazySonner), and each
 * call waits for it. A toast reports what was done, so no click waits on
 * it: the click's work is done at once, its toast follows a moment later
 * (from the service worker's cache once that has filled), and a toast's
 * buttons exist only once it is shown.
 */

type Button = { label: string; onClick: () => void };

export type ToastOptions = {
  /** An action button, e.g. Undo after a delete. */
  action?: Button;
  /** A second button, before `action` (e.g. "Go there"); it closes the toast. */
  secondaryAction?: Button;
  /** A later toast with the same id replaces this one. */
  id?: string;
  /** Stays until acted on or closed, instead of going after a few seconds. */
  persistent?: boolean;
};

/**
 * The one toast that offers an action (Undo, Redo): a newer one replaces
 * it, so the button on screen always means the latest step, and there is
 * never more than one "Undo" to choose from.
 */
export const ACTION_TOAST_ID = "undo";

/**
 * sonner removes a toast whose button was clicked a moment later, by its
 * id, and would take with it whatever replaced it under that id meanwhile
 * (the "Undone … Redo" toast of a quick undo). So each id is shown under a
 * generation of its own, moved on by a click of one of its buttons.
 */
const generations = new Map<string, number>();
const sonnerId = (id: string) => `${id}:${generations.get(id) ?? 0}`;
function clickedMovesOn(id: string | undefined, button: Button | undefined) {
  if (!button) return button;
  return {
    label: button.label,
    onClick: () => {
      if (id !== undefined) {
        generations.set(id, (generations.get(id) ?? 0) + 1);
      }
      // After the click's own work, so that a guard of its own (an undo's,
      // which knows where the step came from) places focus first.
      button.onClick();
      keepFocusOffBody();
    },
  };
}

/**
 * A toast's button goes with its toast. sonner then gives focus back to
 * what had it before, but that may be gone too (Undo takes away the row
 * it came from): focus would fall to the page's body. This one place
 * catches that for every toast: focus goes to the main content instead,
 * or the page's first heading. It watches only until focus has settled.
 */
function keepFocusOffBody() {
  catchFocusFallingToBody(() =>
    document.querySelector<HTMLElement>("#main, main, h1"),
  );
}

export const toast = {
  message(
    text: string,
    { persistent, secondaryAction, ...options }: ToastOptions = {},
  ) {
    const id = options.id ?? (options.action ? ACTION_TOAST_ID : undefined);
    // Every field given, even when empty: sonner merges a toast into the
    // one it replaces, which would otherwise keep that one's Undo (undoing
    // an older step), its "Go there" or its staying on screen. The second
    // action is sonner's "cancel" button: shown before the action, it
    // closes the toast.
    const shown = {
      action: clickedMovesOn(id, options.action),
      cancel: clickedMovesOn(id, secondaryAction),
      duration: persistent ? Infinity : undefined,
      ...(id === undefined ? {} : { id: sonnerId(id) }),
    };
    withSonner(({ toast: show }) => show(text, shown));
  },
  success(text: string) {
    withSonner(({ toast: show }) => show.success(text));
  },
  /** `id`: a later toast with the same id replaces this one. */
  error(text: string, { id }: { id?: string } = {}) {
    withSonner(({ toast: show }) =>
      show.error(text, id === undefined ? undefined : { id: sonnerId(id) }),
    );
  },
};
