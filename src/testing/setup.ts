import "@testing-library/jest-dom/vitest";
import { cleanup, configure, prettyDOM, waitFor } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(async () => {
  // A toast being dismissed (an action clicked, its time up) leaves the page
  // 200 ms later on a timer of its own. Unmounted first, that timer could
  // fire after the file's last test, when jsdom's window is gone, and fail
  // the run with "window is not defined". (A fake timer never fires once
  // the test is over, and waitFor cannot wait on fake time.)
  // Bounded, and never a failure of its own: a toast that somehow stays is
  // unmounted as before, and the test's own result stands.
  if (typeof document !== "undefined" && !vi.isFakeTimers()) {
    await waitFor(
      () => {
        if (document.querySelector('[data-sonner-toast][data-removed="true"]'))
          throw new Error("a toast is still leaving");
      },
      { timeout: 3_000 },
    ).catch(() => {});
  }
  cleanup();
});

// Testing Library's findBy*/waitFor give up after 1 s by default. On a busy
// 2-core CI machine a first render that loads a chunk (a dialog, the signed-
// in app) or a round trip through the fake backend can take longer; the
// waits still end as soon as their condition holds.
//
// A failed query prints what has focus, the main content and any open
// dialog, not the whole page: Testing Library's dump starts at <body> and is
// cut at 7,000 characters, which the header's icons alone fill, so a failure
// on CI never showed what the page was doing.
configure({
  asyncUtilTimeout: 15_000,
  getElementError: (message, container) => {
    const error = new Error(
      [message, describePage(container)].filter(Boolean).join("\n\n"),
    );
    error.name = "TestingLibraryElementError";
    return error;
  },
});

function describePage(container: Element | Document) {
  const document =
    ("ownerDocument" in container && container.ownerDocument) ||
    (container as Document);
  const focused = document.activeElement;
  const parts = [
    document.querySelector("main") ?? container,
    ...document.querySelectorAll('[role="dialog"], [role="alertdialog"]'),
  ];
  return [
    `Focus: ${!focused || focused === document.body ? "<body>" : prettyDOM(focused, 300, { highlight: false })}`,
    ...parts.map((part) => {
      const text = (part.textContent ?? "").replace(/\s+/g, " ").trim();
      const dom = prettyDOM(part as Element, 8_000, { highlight: false });
      return `Text: ${text.slice(0, 2_000)}\n${dom}`;
    }),
  ].join("\n\n");
}

// jsdom lacks a few browser APIs that Radix and dnd-kit call; these minimal versions make them behave as in a browser
// that never resizes.
if (typeof window !== "undefined") {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver ??=
    ResizeObserverStub as unknown as typeof ResizeObserver;
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
  Element.prototype.setPointerCapture ??= () => {};
}

if (typeof window !== "undefined" && typeof window.matchMedia !== "function") {
  // Width queries follow window.innerWidth (jsdom: 1024), and report a
  // change when a test resizes the window; nothing else matches.
  window.matchMedia = (query: string) => {
    const minWidth = /\(min-width:\s*(\d+)px\)/.exec(query);
    const evaluate = () =>
      minWidth ? window.innerWidth >= Number(minWidth[1]) : false;
    const listeners = new Map<EventListenerOrEventListenerObject, () => void>();
    return {
      get matches() {
        return evaluate();
      },
      media: query,
      onchange: null,
      addEventListener: (_type: string, listener: EventListener) => {
        let last = evaluate();
        const onResize = () => {
          if (evaluate() === last) return;
          last = evaluate();
          listener(new Event("change"));
        };
        listeners.set(listener, onResize);
        window.addEventListener("resize", onResize);
      },
      removeEventListener: (_type: string, listener: EventListener) => {
        const onResize = listeners.get(listener);
        if (onResize) window.removeEventListener("resize", onResize);
        listeners.delete(listener);
      },
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    } as unknown as MediaQueryList;
  };
}

if (
  typeof window !== "undefined" &&
  typeof window.PointerEvent === "undefined"
) {
  // user-event sends pointer events; Radix reads `button` and `pointerType`.
  class PointerEventStub extends MouseEvent {
    readonly pointerId: number;
    readonly pointerType: string;
    readonly isPrimary: boolean;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
      this.pointerType = init.pointerType ?? "mouse";
      this.isPrimary = init.isPrimary ?? true;
    }
  }
  window.PointerEvent = PointerEventStub as unknown as typeof PointerEvent;
}
