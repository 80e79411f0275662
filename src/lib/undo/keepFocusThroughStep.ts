import { keepFocusOnItem } from "@/components/ui/focus";

/** The attributes that name an item's row, todos' and notes'. */
const ITEM_ROWS = ["data-todo-id", "data-note-id"];
/** How long after a step has settled its changes may still be landing. */
const GRACE_MS = 2_000;

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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    const now = document.activeElement;
    if (now && now !== document.body && now.isConnected) {
      // Moved on, or still on the toast's button until its toast goes.
      if (!now.closest("[data-sonner-toaster]")) stop();
      return;
    }
    stop();
    fallback()?.focus();
  };
  const observer = new MutationObserver(settle);
  observer.observe(document.body, { childList: true, subtree: true });
  const later = () => {
    timer = setTimeout(stop, GRACE_MS);
  };
  void step.then(later, later);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
}
