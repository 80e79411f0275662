import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// Testing Library's findBy*/waitFor give up after 1 s by default. On a busy
// 2-core CI machine a first render that loads a chunk (a dialog, the signed-
// in app) or a round trip through the fake backend can take longer; the
// waits still end as soon as their condition holds.
configure({ asyncUtilTimeout: 15_000 });

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
