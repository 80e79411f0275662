/**
 * Which rows of a SortableList are bound to dnd-kit, and what each bound
 * row's handle carries. A bound row runs useSortable, and dnd-kit
 * re-renders every bound row whenever the list or a drag changes, so on a
 * day of thousands of items only the rows on the screen (near it, in a
 * plain list) and the one holding focus are bound: nothing else can be
 * picked up, by pointer, touch or keyboard, and a row coming into view
 * binds as it comes. The others show the same handle (same role and
 * description), at rest.
 *
 * An external store, not React state or context: each row subscribes to its
 * own id (useSyncExternalStore), so when the IntersectionObserver reports
 * (every few frames while scrolling) or a binding changes, only the rows
 * concerned re-render, never every row of the day.
 */

/** What a bound row's handle carries from its useSortable. */
export type RowBinding = {
  dragHandle: Record<string, unknown>;
  isDragging: boolean;
};

/** A row's element and its handle's, as React attaches them. */
export class RowElements {
  row: HTMLElement | null = null;
  handle: HTMLElement | null = null;
  setHandle = (element: HTMLElement | null) => {
    this.handle = element;
  };
}

/** The rows within a screen's height of the visible part of the list. */
const NEAR_MARGIN = "100% 0px";

export class RowBindings {
  /** Rows on the screen (or near it, in a plain list). */
  private readonly near = new Set<string>();
  private focused: string | null = null;
  /**
   * Mid-drag (non-null), rows stay bound once bound: the drag's rows must
   * not vanish. Those that left meanwhile unbind at the drop.
   */
  private held: Set<string> | null = null;
  private readonly bindings = new Map<string, RowBinding>();
  private readonly elements = new Map<string, RowElements>();
  private readonly idOf = new Map<Element, string>();
  private readonly rowListeners = new Map<string, Set<() => void>>();
  private readonly boundListeners = new Set<() => void>();
  /** Changes whenever the set of bound rows does. */
  private boundVersion = 0;
  /**
   * Rows watched one by one: every row of a plain list; in a ChunkedList,
   * only the rows of runs on screen.
   */
  private readonly observer: IntersectionObserver | null;
  /**
   * Runs of rows (ChunkedList), each watched: while a run is on screen its
   * rows are watched, and those on screen are bound. Not the browser's own
   * "rendered" state of a `content-visibility: auto` run, which holds for
   * runs well off screen (about 4 runs, 100 rows, on a 1,000-todo day), nor
   * every row of an on-screen run (two runs, 50 rows, where about 20 show):
   * dnd-kit re-renders and, at a lift, measures every bound row, so each
   * bound row off screen is work for every add, tick, lift and move. Nor an
   * observer on every row of the day, which recomputed them all on every
   * frame of a scroll.
   */
  private readonly runObserver: IntersectionObserver | null;
  /** Adds and removes runs from `runObserver` as the list changes. */
  private readonly runWatcher: MutationObserver | null;

  /** No way to tell what is on screen (e.g. jsdom): every row is bound. */
  private readonly everyRow: boolean;

  /** Runs rendered whole until the drop (`data-held`), see holdRunOf. */
  private readonly heldRuns = new Set<Element>();

  constructor(
    /** What an unbound row's handle carries: dnd-kit's attributes, at rest. */
    readonly restingHandle: Record<string, unknown>,
    /** The list's children are runs of rows (ChunkedList), not rows. */
    private readonly chunked: boolean,
  ) {
    const observers =
      typeof IntersectionObserver !== "undefined" &&
      (!chunked || typeof MutationObserver !== "undefined");
    this.everyRow = !observers;
    this.observer = observers
      ? new IntersectionObserver(
          this.onIntersections,
          chunked ? undefined : { rootMargin: NEAR_MARGIN },
        )
      : null;
    this.runObserver =
      observers && chunked
        ? new IntersectionObserver(this.onRunIntersections)
        : null;
    this.runWatcher =
      observers && chunked ? new MutationObserver(this.onRunsChanged) : null;
  }

  /** The list element: its runs are watched (ChunkedList). */
  watchList = (list: HTMLElement | null) => {
    this.runWatcher?.disconnect();
    this.runObserver?.disconnect();
    this.list = list;
    if (!list || !this.runObserver || !this.runWatcher) return;
    for (const run of list.children) this.runObserver.observe(run);
    this.runWatcher.observe(list, { childList: true });
  };

  private list: HTMLElement | null = null;

  /** Runs of rows (ChunkedList) on screen now. */
  private readonly renderedRuns = new WeakSet<Element>();

  private onRunsChanged = (records: MutationRecord[]) => {
    for (const record of records) {
      for (const run of record.addedNodes) {
        if (run instanceof Element) this.runObserver?.observe(run);
      }
      for (const run of record.removedNodes) {
        if (run instanceof Element) this.runObserver?.unobserve(run);
      }
    }
  };

  private onRunIntersections = (entries: IntersectionObserverEntry[]) => {
    const changes: [string, boolean][] = [];
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) this.renderedRuns.add(target);
      else this.renderedRuns.delete(target);
      for (const row of target.querySelectorAll("li")) {
        const rowId = this.idOf.get(row);
        if (rowId === undefined) continue;
        // Its own observer says whether it is on screen, at once.
        if (isIntersecting) this.observer?.observe(row);
        else {
          this.observer?.unobserve(row);
          changes.push([rowId, false]);
        }
      }
    }
    this.nearChanged(changes);
  };

  /** Whether a row just attached sits in a run the browser renders. */
  private inRenderedRun(row: Element): boolean {
    for (
      let node = row.parentElement;
      node && node !== this.list;
      node = node.parentElement
    ) {
      if (this.renderedRuns.has(node)) return true;
    }
    return false;
  }

  isBound = (id: string): boolean =>
    this.everyRow ||
    this.near.has(id) ||
    this.focused === id ||
    this.held?.has(id) === true;

  /** For useSyncExternalStore: calls `listener` when the bound set changes. */
  subscribeBound = (listener: () => void): (() => void) => {
    this.boundListeners.add(listener);
    return () => this.boundListeners.delete(listener);
  };

  boundSnapshot = (): number => this.boundVersion;

  /** For useSyncExternalStore: calls `listener` when `id`'s binding changes. */
  subscribeRow = (id: string, listener: () => void): (() => void) => {
    let forId = this.rowListeners.get(id);
    if (!forId) this.rowListeners.set(id, (forId = new Set()));
    forId.add(listener);
    return () => {
      forId.delete(listener);
      if (forId.size === 0) this.rowListeners.delete(id);
    };
  };

  /** The row's binding while it is bound and its useSortable has run. */
  bindingOf = (id: string): RowBinding | undefined => this.bindings.get(id);

  /** What a row's useSortable reports (null: unbound). */
  setBinding = (id: string, binding: RowBinding | null) => {
    if (binding) this.bindings.set(id, binding);
    else if (!this.bindings.delete(id)) return;
    for (const listener of this.rowListeners.get(id) ?? []) listener();
  };

  /** The row's elements, one holder per row for its life. */
  elementsOf(id: string): RowElements {
    let elements = this.elements.get(id);
    if (!elements) this.elements.set(id, (elements = new RowElements()));
    return elements;
  }

  /** The row's element as React attaches it (null: detached). */
  attachRow(id: string, row: HTMLElement | null) {
    const elements = this.elementsOf(id);
    const before = elements.row;
    if (before === row) return;
    elements.row = row;
    if (this.everyRow) return;
    if (before) {
      this.observer?.unobserve(before);
      this.idOf.delete(before);
      if (this.near.delete(id)) this.boundChanged();
    }
    if (row) {
      this.idOf.set(row, id);
      // A row added to (or moved into) a run already on screen: that run
      // reports nothing new.
      if (!this.runObserver || this.inRenderedRun(row)) {
        this.observer?.observe(row);
      }
    }
  }

  /**
   * A row has left the list. Its elements' holder stays (a few bytes, its
   * element already detached): React may mount the row again with the
   * holder it rendered with (StrictMode, a row put back).
   */
  forget(id: string) {
    if (this.focused === id) this.setFocused(null);
  }

  /**
   * The row holding focus. The bound rows are told only if that binds or
   * unbinds one: focus moving between rows on screen (arrow keys, a click)
   * re-renders nothing.
   */
  private setFocused(id: string | null) {
    const before = this.focused;
    const bound = (row: string | null) => row !== null && this.isBound(row);
    const [beforeWasBound, idWasBound] = [bound(before), bound(id)];
    this.focused = id;
    if (bound(before) !== beforeWasBound || bound(id) !== idWasBound) {
      this.boundChanged();
    }
  }

  private boundChanged() {
    this.boundVersion += 1;
    for (const listener of this.boundListeners) listener();
  }

  private onIntersections = (entries: IntersectionObserverEntry[]) => {
    const changes: [string, boolean][] = [];
    for (const entry of entries) {
      const id = this.idOf.get(entry.target);
      if (id !== undefined) changes.push([id, entry.isIntersecting]);
    }
    this.nearChanged(changes);
  };

  /** Rows that came near the screen (true) or left it. */
  private nearChanged(changes: [id: string, near: boolean][]) {
    let changed = false;
    for (const [id, near] of changes) {
      if (near === this.near.has(id)) continue;
      const wasBound = this.isBound(id);
      if (near) {
        this.near.add(id);
        this.held?.add(id);
      } else {
        this.near.delete(id);
      }
      changed ||= this.isBound(id) !== wasBound;
    }
    if (changed) this.boundChanged();
  }

  /**
   * Focus binds its row at once (Tab then Space must work before the row is
   * seen scrolling in).
   */
  focusWithin = (target: Element | null) => {
    for (let node = target; node; node = node.parentElement) {
      const id = this.idOf.get(node);
      if (id === undefined) continue;
      if (id !== this.focused) this.setFocused(id);
      return;
    }
  };

  /**
   * A drag starts (with the row picked up) or ends. `data-dragging` on the
   * list is for scripts (useRovingFocus leaves the arrows to the drag); no
   * style may depend on it, since every run of the day would restyle.
   */
  setDragging = (dragging: boolean, pickedUp?: Element | null) => {
    this.list?.toggleAttribute("data-dragging", dragging);
    if (dragging) {
      this.held = new Set(this.near);
      if (this.focused !== null) this.held.add(this.focused);
      if (pickedUp) this.holdRunOf(pickedUp);
    } else {
      for (const run of this.heldRuns) run.removeAttribute("data-held");
      this.heldRuns.clear();
      if (this.held) {
        this.held = null;
        this.boundChanged();
      }
    }
  };

  /**
   * Mid-drag, a row that is picked up or moved must not be clipped at its
   * run's edge (a rendered run contains its paint, ChunkedList), nor vanish
   * with its run when that leaves the screen: the run is rendered whole
   * (`data-held`) until the drop. Only the runs of rows that move: marking
   * every run at the lift restyled all of a day's runs.
   */
  holdRunOf(row: Element) {
    if (!this.chunked || this.held === null || !this.list) return;
    let run: Element | null = row;
    while (run && run.parentElement !== this.list) run = run.parentElement;
    if (!run || this.heldRuns.has(run)) return;
    this.heldRuns.add(run);
    run.setAttribute("data-held", "");
  }

  disconnect() {
    this.observer?.disconnect();
    this.watchList(null);
  }
}
