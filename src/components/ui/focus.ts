/**
 * The control a dialog should give focus back to: the focused element, or,
 * when that is an item of an open menu, the button that opened the menu
 * (Radix labels a menu by its trigger).
 */
export function focusOrigin(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const menu = active.closest('[role="menu"]');
  const triggerId = menu?.getAttribute("aria-labelledby");
  if (triggerId) return document.getElementById(triggerId);
  return active;
}

/** Focuses `element` if it is still on the page. */
export function returnFocus(event: Event, element: HTMLElement | null) {
  event.preventDefault();
  if (element?.isConnected) element.focus();
}

/**
 * A list row's controls are marked `data-control="<kind>"` (e.g. "handle",
 * "done", "text", "menu"): the same kind in every row, so focus can keep
 * to the same kind of control as it moves from row to row.
 */
const CONTROL = "[data-control]";

/** A row of a list: an `li`, or a row that says `role="listitem"`. */
export const ROW = 'li:not([role]), [role="listitem"]';

/** The row's controls, in order, that can take focus now. */
export function controlsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CONTROL)].filter(
    (control) =>
      !control.matches(":disabled") && !control.closest('[role="menu"]'),
  );
}

/** Where a control sits in its row: its kind, and its place as a fallback. */
export type ControlPlace = { kind: string | null; index: number };

export function placeOf(control: Element, row: Element): ControlPlace {
  return {
    kind: control.getAttribute("data-control"),
    index: controlsOf(row).indexOf(control as HTMLElement),
  };
}

/**
 * The row's control of the same kind as `place`; a row without one (a
 * heading has no checkbox) gives the control nearest its place, and an
 * unknown place gives the row's first control after its handle.
 */
export function controlLike(
  row: Element,
  place: ControlPlace,
): HTMLElement | undefined {
  const controls = controlsOf(row);
  const same = controls.find(
    (control) => control.getAttribute("data-control") === place.kind,
  );
  if (same) return same;
  if (place.index < 0) {
    return (
      controls.find((c) => c.getAttribute("data-control") !== "handle") ??
      controls[0]
    );
  }
  return controls[Math.min(place.index, controls.length - 1)];
}

/** Where an item sits, and what gets focus when it has gone. */
export type FollowedItems = {
  /** The attribute naming a row's item, e.g. `data-todo-id`. */
  idAttribute: string;
  /** Focused when the list has no item left, e.g. the add field. */
  fallback: () => HTMLElement | null;
  /**
   * Keeps focus inside this element, e.g. a section whose items move
   * elsewhere one at a time: the item is followed only while it is in it,
   * and its neighbours are every row in it, across its lists. By default
   * the item is followed anywhere on the page, among the rows of its list.
   */
  within?: Element;
  /**
   * A change on its way (an undo): until it settles, an item not on the
   * page is waited for rather than given up on, as it may leave one list
   * a moment before it shows in another.
   */
  until?: Promise<unknown>;
};

let stopFollowing: (() => void) | null = null;

/**
 * Keeps focus with an item an action is about to move or remove, e.g.
 * ticking it (it moves from the open list to Done), moving it to another
 * day or a confirmed delete. Call it with the control that has (or gets
 * back) focus before the action. When the change takes the focused
 * control away and focus falls to the page's body, focus goes to:
 * - the same item in its new place, the same kind of control;
 * - else the item that followed it in its list (the previous one if it
 *   was last), the same kind of control;
 * - else `fallback()`.
 *
 * One item is followed at a time, and only while focus stays on it: focus
 * moved anywhere else ends it. One MutationObserver, for the page, while
 * following: nothing per row.
 */
export function keepFocusOnItem(
  control: Element | null,
  { idAttribute, fallback, within, until }: FollowedItems,
) {
  stopFollowing?.();
  let row = control?.closest(`[${idAttribute}]`);
  if (!control || !row) return;
  const id = row.getAttribute(idAttribute);
  const place = placeOf(control, row);
  const list = row.parentElement?.closest('[role="list"], ul:not([role])');
  const scope = within ?? document;
  // The list's rows as they are now; their ids are read only if the item
  // itself is not found again (a day of thousands of rows pays one query).
  const rows = [
    ...(within ?? list ?? document).querySelectorAll(`[${idAttribute}]`),
  ];
  const at = rows.indexOf(row);
  const neighbours = function* () {
    for (let index = at + 1; index < rows.length; index += 1)
      yield rows[index]!.getAttribute(idAttribute);
    for (let index = at - 1; index >= 0; index -= 1)
      yield rows[index]!.getAttribute(idAttribute);
  };

  // Only rows on the page: `within` may have left it, rows and all.
  const rowOf = (itemId: string | null) => {
    const found =
      itemId === null
        ? null
        : scope.querySelector(
            `[${idAttribute}="${itemId.replace(/["\\]/g, "\\$&")}"]`,
          );
    return found?.isConnected ? found : null;
  };
  const settle = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) {
      // Still on the item (e.g. a dialog has just given focus back), or
      // the person has moved on.
      if (!row?.contains(active)) stop();
      return;
    }
    const same = rowOf(id);
    if (same) {
      row = same;
      controlLike(same, place)?.focus();
      return;
    }
    if (waiting) return;
    stop();
    for (const neighbour of neighbours()) {
      const next = rowOf(neighbour);
      const target = next && controlLike(next, place);
      if (target) return target.focus();
    }
    fallback()?.focus();
  };
  let waiting = until !== undefined;
  const settled = () => {
    waiting = false;
    if (stopFollowing === stop) settle();
  };
  void until?.then(settled, settled);
  const observer = new MutationObserver(settle);
  observer.observe(document.body, { childList: true, subtree: true });
  const onFocusIn = (event: FocusEvent) => {
    if (!row?.contains(event.target as Node)) stop();
  };
  document.addEventListener("focusin", onFocusIn);
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("focusin", onFocusIn);
    if (stopFollowing === stop) stopFollowing = null;
  };
  stopFollowing = stop;
}

/**
 * Watches focus while a change lands that may take away the focused
 * control: if focus falls to the page's body, it goes to `fallback()`
 * instead. Focus on a toast's button counts as not settled (the button
 * goes with its toast). Watching stops once focus settles elsewhere, or
 * `graceMs` after `until` has settled.
 */
export function catchFocusFallingToBody(
  fallback: () => HTMLElement | null | undefined,
  {
    until = Promise.resolve(),
    graceMs = 2_000,
  }: {
    until?: Promise<unknown>;
    graceMs?: number;
  } = {},
) {
  if (typeof document === "undefined") return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) {
      if (!active.closest("[data-sonner-toaster]")) stop();
      return;
    }
    stop();
    fallback()?.focus();
  };
  const observer = new MutationObserver(settle);
  observer.observe(document.body, { childList: true, subtree: true });
  const later = () => {
    timer = setTimeout(stop, graceMs);
  };
  void until.then(later, later);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
}
