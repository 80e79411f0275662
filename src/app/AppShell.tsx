import {
  Keyboard,
  Menu as MenuIcon,
  PanelLeftClose,
  PanelLeftOpen,
  Search,
  Settings,
} from "lucide-react";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { PanelImperativeHandle } from "react-resizable-panels";
import { useLocation } from "wouter";
import { Button, IconButton } from "../components/ui/Button";
import { ConfirmProvider } from "../components/ui/confirm";
import { SkeletonList } from "../components/ui/Skeleton";
import { PickDateProvider } from "../components/ui/pickDate";
import { UserMenu, useProfileSync } from "../features/auth";
import { DaysSidebar } from "../features/days";
import { SearchDialog } from "../features/search";
import { SettingsDialog } from "../features/settings";
import { dayPath, isDayString, shiftDay, todayString } from "../lib/dates";
import { isMac } from "../lib/keyboard";
import { useMediaQuery } from "../lib/useMediaQuery";
import { AppRoutes } from "./routes";
import { Slot, useDetachedNode } from "./Slot";
import { useGlobalShortcuts } from "./useGlobalShortcuts";

const ShortcutsDialog = lazy(() => import("./ShortcutsDialog"));
// Only ever says something after the connection drops: loads after paint.
const ConnectionIndicator = lazy(() => import("./ConnectionIndicator"));
const SidebarOverlay = lazy(() => import("./SidebarOverlay"));
// The resize library loads after the first paint; until then the sidebar
// has its default width.
const ResizableLayout = lazy(() => import("./ResizableLayout"));

function SidebarSkeleton() {
  return (
    <div className="p-3">
      <SkeletonList rows={6} label="Loading days" />
    </div>
  );
}

type Overlay = "search" | "settings" | "shortcuts" | null;

function dayOfPath(path: string): string {
  const match = /^\/day\/([^/]+)$/.exec(path);
  return match && isDayString(match[1]!) ? match[1]! : todayString();
}

/** The signed-in app: top bar, days sidebar and the routed view. */
export function AppShell() {
  useProfileSync();
  const [path, navigate] = useLocation();
  const wide = useMediaQuery("(min-width: 768px)");
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [mobileNavOpen, setMobileNavOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const panelRef = useRef<PanelImperativeHandle | null>(null);

  const goToDay = (amount: number) =>
    navigate(dayPath(shiftDay(dayOfPath(path), amount)));
  useGlobalShortcuts({
    search: () => setOverlay("search"),
    shortcuts: () => setOverlay("shortcuts"),
    today: () => navigate("/"),
    previousDay: () => goToDay(-1),
    nextDay: () => goToDay(1),
  });

  const closeOverlay = (open: boolean) => {
    if (!open) setOverlay(null);
  };

  const sidebarNode = useDetachedNode("h-full");
  const contentNode = useDetachedNode("h-full overflow-y-auto");
  // A collapsed sidebar has no width but keeps its links: take them out of
  // the tab order so focus never lands somewhere invisible.
  useEffect(() => {
    sidebarNode.toggleAttribute("inert", wide && collapsed);
  }, [sidebarNode, wide, collapsed]);
  const sidebar = <Slot node={sidebarNode} className="h-full" />;
  const content = <Slot node={contentNode} className="h-full" />;

  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="flex items-center gap-1 border-b border-slate-200 px-2 py-1.5 dark:border-slate-800">
        {wide ? (
          <IconButton
            label={collapsed ? "Expand sidebar" : "Collapse sidebar"}
            aria-expanded={!collapsed}
            icon={
              collapsed ? (
                <PanelLeftOpen aria-hidden className="size-5" />
              ) : (
                <PanelLeftClose aria-hidden className="size-5" />
              )
            }
            onClick={() => {
              const panel = panelRef.current;
              if (!panel) return;
              if (panel.isCollapsed()) panel.expand();
              else panel.collapse();
            }}
          />
        ) : (
          <IconButton
            label="Open days menu"
            aria-expanded={mobileNavOpen}
            icon={<MenuIcon aria-hidden className="size-5" />}
            onClick={() => setMobileNavOpen(true)}
          />
        )}
        <span className="px-1 font-semibold">Daybook</span>
        <span className="flex-1" />
        <Suspense fallback={null}>
          <ConnectionIndicator />
        </Suspense>
        <Button
          variant="ghost"
          onClick={() => setOverlay("search")}
          aria-keyshortcuts={isMac ? "Meta+K" : "Control+K"}
          className="max-sm:px-2"
        >
          <Search aria-hidden className="size-4" />
          <span className="max-sm:sr-only">Search</span>
          <kbd
            aria-hidden
            className="hidden rounded border border-slate-300 px-1 font-mono text-xs text-slate-600 md:inline dark:border-slate-600 dark:text-slate-400"
          >
            {isMac ? "⌘K" : "Ctrl K"}
          </kbd>
        </Button>
        <IconButton
          label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          className="max-sm:hidden"
          icon={<Keyboard aria-hidden className="size-5" />}
          onClick={() => setOverlay("shortcuts")}
        />
        <IconButton
          label="Settings"
          icon={<Settings aria-hidden className="size-5" />}
          onClick={() => setOverlay("settings")}
        />
        <UserMenu />
      </header>
      <ConfirmProvider>
        <PickDateProvider>
          {wide ? (
            <Suspense
              fallback={
                <div className="flex min-h-0 flex-1">
                  <div className="w-[280px] shrink-0 border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
                    {sidebar}
                  </div>
                  <div className="min-w-0 flex-1">{content}</div>
                </div>
              }
            >
              <ResizableLayout
                sidebar={sidebar}
                panelRef={panelRef}
                onCollapsedChange={setCollapsed}
              >
                {content}
              </ResizableLayout>
            </Suspense>
          ) : (
            <>
              {mobileNavOpen ? (
                <Suspense fallback={null}>
                  <SidebarOverlay open onOpenChange={setMobileNavOpen}>
                    {sidebar}
                  </SidebarOverlay>
                </Suspense>
              ) : null}
              <div className="min-h-0 flex-1">{content}</div>
            </>
          )}
          {createPortal(
            <Suspense fallback={<SidebarSkeleton />}>
              <DaysSidebar
                onNavigate={wide ? undefined : () => setMobileNavOpen(false)}
              />
            </Suspense>,
            sidebarNode,
          )}
          {createPortal(
            <main
              id="main"
              tabIndex={-1}
              className="mx-auto w-full max-w-3xl px-4 py-6 outline-none sm:px-6"
            >
              <AppRoutes path={path} />
            </main>,
            contentNode,
          )}
        </PickDateProvider>
      </ConfirmProvider>
      <Suspense fallback={null}>
        {overlay === "search" ? (
          <SearchDialog
            open
            onOpenChange={closeOverlay}
            onOpenResult={({ day }) => navigate(dayPath(day))}
          />
        ) : null}
        {overlay === "settings" ? (
          <SettingsDialog open onOpenChange={closeOverlay} />
        ) : null}
        {overlay === "shortcuts" ? (
          <ShortcutsDialog open onOpenChange={closeOverlay} />
        ) : null}
      </Suspense>
    </div>
  );
}
