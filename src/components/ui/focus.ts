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
