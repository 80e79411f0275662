import { useCallback, useEffect, useState } from "react";

/** Where the sidebar's width and collapsed state are remembered. */
export const SIDEBAR_STORAGE_KEY = "daybook-sidebar";
export const SIDEBAR_WIDTH = { min: 200, max: 500, initial: 280 } as const;

export type SidebarState = { width: number; collapsed: boolean };

function clampWidth(width: number) {
  return Math.round(
    Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width)),
  );
}

function readStored(): SidebarState {
  try {
    const stored: unknown = JSON.parse(
      localStorage.getItem(SIDEBAR_STORAGE_KEY) ?? "null",
    );
    if (stored && typeof stored === "object") {
      const { width, collapsed } = stored as Partial<SidebarState>;
      return {
        width:
          typeof width === "number" && Number.isFinite(width)
            ? clampWidth(width)
            : SIDEBAR_WIDTH.initial,
        collapsed: collapsed === true,
      };
    }
  } catch {
    // Unreadable or blocked storage: start from the defaults.
  }
  return { width: SIDEBAR_WIDTH.initial, collapsed: false };
}

/**
 * The wide-screen sidebar's width (200–500 px) and whether it is collapsed,
 * as the person last left them, remembered across reloads.
 */
export function useSidebarWidth() {
  const [state, setState] = useState(readStored);
  useEffect(() => {
    try {
      localStorage.setItem(SIDEBAR_STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Not remembered, but still applied for this visit.
    }
  }, [state]);
  const update = useCallback((change: Partial<SidebarState>) => {
    setState((current) => ({
      width: clampWidth(change.width ?? current.width),
      collapsed: change.collapsed ?? current.collapsed,
    }));
  }, []);
  return { ...state, update };
}
