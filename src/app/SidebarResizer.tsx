import type { KeyboardEvent, PointerEvent } from "react";
import { SIDEBAR_WIDTH, type SidebarState } from "./sidebarWidth";

const KEY_STEP = 16;

/**
 * The bar between the sidebar and the day (WAI-ARIA window splitter): drag
 * it, or focus it and use Left/Right (Home/End for the ends), to resize;
 * Enter collapses or expands the sidebar.
 */
export function SidebarResizer({
  sidebarId,
  state,
  onChange,
}: {
  sidebarId: string;
  state: SidebarState;
  onChange: (change: Partial<SidebarState>) => void;
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    // From collapsed, the first arrow brings back the width it had.
    const step = state.collapsed ? 0 : KEY_STEP;
    const next: Record<string, Partial<SidebarState>> = {
      ArrowLeft: { width: state.width - step, collapsed: false },
      ArrowRight: { width: state.width + step, collapsed: false },
      Home: { width: SIDEBAR_WIDTH.min, collapsed: false },
      End: { width: SIDEBAR_WIDTH.max, collapsed: false },
      Enter: { collapsed: !state.collapsed },
    };
    const change = next[event.key];
    if (!change) return;
    event.preventDefault();
    onChange(change);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const bar = event.currentTarget;
    bar.setPointerCapture(event.pointerId);
    const left =
      document.getElementById(sidebarId)?.getBoundingClientRect().left ?? 0;
    const onMove = (move: globalThis.PointerEvent) => {
      const width = move.clientX - left;
      // Dragged well past the minimum: the person wants it out of the way.
      onChange(
        width < SIDEBAR_WIDTH.min / 2
          ? { collapsed: true }
          : { width, collapsed: false },
      );
    };
    const onUp = () => {
      bar.removeEventListener("pointermove", onMove);
      bar.removeEventListener("pointerup", onUp);
      bar.removeEventListener("pointercancel", onUp);
    };
    bar.addEventListener("pointermove", onMove);
    bar.addEventListener("pointerup", onUp);
    bar.addEventListener("pointercancel", onUp);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label="Resize sidebar"
      aria-controls={sidebarId}
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={SIDEBAR_WIDTH.max}
      aria-valuenow={state.collapsed ? 0 : state.width}
      aria-valuetext={
        state.collapsed ? "Sidebar collapsed" : `${state.width} pixels wide`
      }
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      className="absolute inset-y-0 -right-1 z-10 w-1 cursor-col-resize touch-none bg-transparent transition-colors outline-none hover:bg-indigo-300 focus-visible:bg-indigo-500 max-md:hidden dark:hover:bg-indigo-700"
    />
  );
}
