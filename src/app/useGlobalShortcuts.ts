import { useEffect, useRef } from "react";
import { isTypingTarget } from "@/lib/keyboard";

export type ShortcutHandlers = {
  undo: () => void;
  redo: () => void;
  search: () => void;
  shortcuts: () => void;
  today: () => void;
  previousDay: () => void;
  nextDay: () => void;
};

function insideOverlay(target: EventTarget | null) {
  return (
    target instanceof Element &&
    target.closest('[role="dialog"],[role="alertdialog"],[role="menu"]') !==
      null
  );
}

/**
 * App-wide keys. Cmd/Ctrl+K works everywhere. Cmd/Ctrl+Z (undo) and
 * Cmd/Ctrl+Shift+Z (redo) work outside text fields (which keep their own
 * undo of typing) and outside dialogs and menus; so do the single keys.
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const h = latest.current;
      if (
        (event.metaKey || event.ctrlKey) &&
        !event.altKey &&
        event.key.toLowerCase() === "k"
      ) {
        event.preventDefault();
        h.search();
        return;
      }
      if (
        (event.metaKey || event.ctrlKey) &&
        !event.altKey &&
        event.key.toLowerCase() === "z" &&
        !isTypingTarget(event.target) &&
        !insideOverlay(event.target)
      ) {
        event.preventDefault();
        if (event.shiftKey) h.redo();
        else h.undo();
        return;
      }
      if (event.metaKey || event.ctrlKey) return;
      if (isTypingTarget(event.target) || insideOverlay(event.target)) return;
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (event.altKey) {
        if (event.key === "ArrowUp") run(h.previousDay);
        else if (event.key === "ArrowDown") run(h.nextDay);
        return;
      }
      switch (event.key) {
        case "?":
          return run(h.shortcuts);
        case "t":
        case "T":
          if (!event.shiftKey) run(h.today);
          return;
        case "[":
          return run(h.previousDay);
        case "]":
          return run(h.nextDay);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
