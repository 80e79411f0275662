import type { ReactNode } from "react";
import {
  Group,
  Panel,
  Separator,
  useDefaultLayout,
  type PanelImperativeHandle,
} from "react-resizable-panels";

/** Where the sidebar's width is remembered across reloads. */
const LAYOUT_STORAGE_ID = "daybook-layout";
const PANEL_IDS = ["sidebar", "content"];

/**
 * Desktop: the sidebar beside the content, resizable (200–500 px) and
 * collapsible. The width the person chose (by dragging or the keyboard) is
 * remembered in localStorage by the library's own persistence.
 */
export default function ResizableLayout({
  sidebar,
  children,
  panelRef,
  onCollapsedChange,
}: {
  sidebar: ReactNode;
  children: ReactNode;
  panelRef: React.RefObject<PanelImperativeHandle | null>;
  onCollapsedChange: (collapsed: boolean) => void;
}) {
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: LAYOUT_STORAGE_ID,
    panelIds: PANEL_IDS,
    onlySaveAfterUserInteractions: true,
  });
  return (
    <Group
      orientation="horizontal"
      className="min-h-0 flex-1"
      defaultLayout={defaultLayout}
      onLayoutChanged={onLayoutChanged}
    >
      <Panel
        id="sidebar"
        panelRef={panelRef}
        defaultSize={280}
        minSize={200}
        maxSize={500}
        collapsible
        collapsedSize={0}
        groupResizeBehavior="preserve-pixel-size"
        onResize={(size) => onCollapsedChange(size.inPixels === 0)}
        className="border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
      >
        {sidebar}
      </Panel>
      <Separator
        aria-label="Resize sidebar"
        className="w-1 bg-transparent transition-colors hover:bg-indigo-300 focus-visible:bg-indigo-500 data-[separator=active]:bg-indigo-500 dark:hover:bg-indigo-700"
      />
      <Panel id="content" minSize={320}>
        {children}
      </Panel>
    </Group>
  );
}
