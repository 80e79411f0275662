import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// jsdom lacks a few browser APIs that Radix, dnd-kit and the resizable
// panels call; these minimal versions make them behave as in a browser
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
  // Width queries follow window.innerWidth (jsdom: 1024); nothing else matches.
  window.matchMedia = (query: string) => {
    const minWidth = /\(min-width:\s*(\d+)px\)/.exec(query);
    const matches = minWidth ? window.innerWidth >= Number(minWidth[1]) : false;
    return {
      matches,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList;
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

if (typeof window !== "undefined") {
  // jsdom has no layout, so every element sits at (0, 0) with no size, where
  // user-event also clicks; the resize separator would then claim every
  // click as the start of a drag. Put it out of the way.
  const rect = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function getBoundingClientRect(
    this: Element,
  ) {
    if (this.hasAttribute("data-separator")) {
      return DOMRect.fromRect({
        x: -10_000,
        y: -10_000,
        width: 4,
        height: 100,
      });
    }
    return rect.call(this);
  };
}
