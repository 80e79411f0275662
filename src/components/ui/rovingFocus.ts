import {
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefCallback,
} from "react";
import { controlLike, controlsOf, placeOf, ROW } from "./focus";

/** What a list spreads onto its element to be one Tab stop with arrow keys. */
export type RovingListProps = {
  ref: RefCallback<HTMLElement>;
  onFocus: (event: FocusEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  "data-roving": "";
};

/** The list's one Tab stop inside `container` (the first such list), if any. */
export function rovingTabStopIn(container: Element): HTMLElement | null {
  return container.querySelector<HTMLElement>(
    '[data-roving] [data-control][tabindex="0"]',
  );
}

/**
 * A list of rows as ONE Tab stop (roving tabindex, as in the WAI-ARIA grid
 * and toolbar patterns): Up/Down move to the row above/below, to the same
 * kind of control (see `data-control` in focus.ts), Left/Right move between
 * a row's controls, Home/End go to the first/last row. The control last
 * focused is the list's Tab stop, so Tab leaves the list and Shift+Tab
 * comes back to where it was.
 *
 * Rows render their controls with `tabIndex={-1}`; this moves the single
 * `tabindex="0"` by hand, so a row never re-renders for it. All of it lives
 * on the list (one key handler, one focus handler, one MutationObserver that
 * finds a new Tab stop when rows change), nothing per row: a day of
 * thousands of todos pays nothing for it until a key is pressed.
 *
 * Keys pressed mid-drag (dnd-kit's keyboard sensor), in an open menu or in
 * an editor inside a row are theirs: only keys on a row's controls move.
 */
class RovingFocus {
  private list: HTMLElement | null = null;
  private stop: HTMLElement | null = null;
  private readonly observer =
    typeof MutationObserver === "undefined"
      ? null
      : new MutationObserver(() => this.keepTabStop());

  /** The list's element as React attaches it (null: gone, stop watching). */
  attach = (list: HTMLElement | null) => {
    this.observer?.disconnect();
    this.list = list;
    if (!list) return;
    this.observer?.observe(list, {
      childList: true,
      subtree: true,
      attributeFilter: ["disabled"],
    });
    this.keepTabStop();
  };

  private setTabStop(control: HTMLElement) {
    if (this.stop === control) return;
    if (this.stop) this.stop.tabIndex = -1;
    control.tabIndex = 0;
    this.stop = control;
  }

  /**
   * The Tab stop is where focus last was in the list while that control
   * can take focus; else (at first, or once it has gone) the first row's
   * main control, e.g. its checkbox: looked for again as rows change, since
   * a row just added has its controls disabled until the server has it.
   */
  private keepTabStop() {
    const { list, stop } = this;
    if (!list) return;
    if (
      this.focusedHere &&
      stop?.isConnected &&
      list.contains(stop) &&
      !stop.matches(":disabled")
    )
      return;
    this.focusedHere = false;
    // The first row almost always has one: the whole list only if not.
    const first = list.querySelector(ROW);
    const rows =
      first && controlsOf(first).length ? [first] : list.querySelectorAll(ROW);
    for (const row of rows) {
      const control = controlLike(row, { kind: null, index: -1 });
      if (control) return this.setTabStop(control);
    }
    if (stop) stop.tabIndex = -1;
    this.stop = null;
  }

  /** Whether the Tab stop is where focus last was (not the default). */
  private focusedHere = false;

  private isControl(element: EventTarget, list: Element) {
    return (
      element instanceof HTMLElement &&
      element.hasAttribute("data-control") &&
      !element.closest('[role="menu"]') &&
      list.contains(element)
    );
  }

  onFocus = (event: FocusEvent) => {
    if (!this.isControl(event.target, event.currentTarget)) return;
    this.setTabStop(event.target as HTMLElement);
    this.focusedHere = true;
  };

  onKeyDown = (event: KeyboardEvent) => {
    const list = event.currentTarget;
    const control = event.target as HTMLElement;
    if (
      event.defaultPrevented ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey ||
      !this.isControl(control, list) ||
      // Mid-drag the arrows move the lifted row.
      control.getAttribute("aria-pressed") === "true" ||
      list.hasAttribute("data-dragging")
    )
      return;
    const row = control.closest(ROW);
    if (!row) return;
    const next = this.target(event.key, list, row, control);
    if (next === undefined) return;
    event.preventDefault();
    next?.focus();
  };

  /** Where `key` moves focus (null: nowhere, at an edge); undefined: not ours. */
  private target(
    key: string,
    list: Element,
    row: Element,
    control: HTMLElement,
  ): HTMLElement | null | undefined {
    if (key === "ArrowLeft" || key === "ArrowRight") {
      const controls = controlsOf(row);
      const index = controls.indexOf(control);
      return controls[index + (key === "ArrowRight" ? 1 : -1)] ?? null;
    }
    const rows = [...list.querySelectorAll(ROW)];
    const index = rows.indexOf(row);
    let order: Element[];
    switch (key) {
      case "ArrowDown":
        order = rows.slice(index + 1);
        break;
      case "ArrowUp":
        order = rows.slice(0, index).reverse();
        break;
      case "Home":
        order = rows.slice(0, index);
        break;
      case "End":
        order = rows.slice(index + 1).reverse();
        break;
      default:
        return undefined;
    }
    const place = placeOf(control, row);
    for (const candidate of order) {
      const next = controlLike(candidate, place);
      if (next) return next;
    }
    return null;
  }
}

/** Makes a list one Tab stop with arrow keys inside (see RovingFocus). */
export function useRovingFocus(): RovingListProps {
  const [props] = useState<RovingListProps>(() => {
    const roving = new RovingFocus();
    return {
      ref: roving.attach,
      onFocus: roving.onFocus,
      onKeyDown: roving.onKeyDown,
      "data-roving": "",
    };
  });
  return props;
}
