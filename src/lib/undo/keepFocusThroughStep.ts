import {
  catchFocusFallingToBody,
  keepFocusOnItem,
} from "@/components/ui/focus";

/** The attributes that name an item's row, todos' and notes'. */
const ITEM_ROWS = ["data-todo-id", "data-note-id"];

const usable = (element: Element | null | undefined): element is HTMLElement =>
  element instanceof HTMLElement &&
  element !== document.body &&
  element.isConnected &&
  !element.closest("[data-sonner-toaster]");

/**
 * Keeps focus off the page's body while an undo or redo runs and its
 * changes land: the step may take away the focused control (Ctrl+Z of a
 * move takes the todo out of the list it was in) or the toast whose Undo
 * ran it. Focus then goes to:
 * - the focused item where the step put it, else its neighbour (see
 *   keepFocusOnItem);
 * - else where the step was first taken (`origin`, e.g. the add field of
 *   an added todo), when that is still on the page;
 * - else the main content.
 * The one guard for every step, whether from a shortcut or a toast.
 */
export function keepFocusThroughStep(
  step: Promise<unknown>,
  origin: () => Element | null | undefined,
) {
  if (typeof document === "undefined") return;
  const fallback = () => {
    const from = origin();
    return usable(from) ? from : document.getElementById("main");
  };
  const active = document.activeElement;
  const idAttribute = ITEM_ROWS.find((name) => active?.closest(`[${name}]`));
  if (idAttribute && !active?.closest("[data-sonner-toaster]")) {
    keepFocusOnItem(active, { idAttribute, fallback, until: step });
    return;
  }
  catchFocusFallingToBody(fallback, { until: step });
}
