import { useAuth } from "@workos-inc/authkit-react";
import {
  Keyboard,
  Menu as MenuIcon,
  PanelLeftClose,
  PanelLeftOpen,
  Search,
  Settings,
  X,
} from "lucide-react";
import {
  lazy,
  memo,
  Suspense,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from "react";
import { flushSync } from "react-dom";
import { useLocation } from "wouter";
import { Button, IconButton } from "@/components/ui/Button";
import { ConfirmProvider } from "@/components/ui/confirm";
import { PickDateProvider } from "@/components/ui/pickDate";
import { dayOfPath, paths } from "@/config/paths";
import { UserMenu, useProfileSync } from "@/features/auth";
import { useMoveUnfinishedOnOpen } from "@/features/carryOver";
import { DAY_HEADING, DaysSidebar } from "@/features/days";
import { SearchDialog } from "@/features/search";
import {
  SettingsDialog,
  useTodayTimeZoneFromSettings,
} from "@/features/settings";
import { dayWithinRange, todayString } from "@/lib/dates";
import { KeptDraftsProvider } from "@/lib/keptDrafts";
import { SavedCopyIndicator, useSavedCopyOwner } from "@/lib/localCache";
import { isMac } from "@/lib/keyboard";
import { OutboxProvider } from "@/lib/outbox";
import { UndoProvider, useUndo } from "@/lib/undo";
import { useMediaQuery } from "@/lib/useMediaQuery";
import { ConnectionIndicator } from "./ConnectionIndicator";
import { UnsentChangesIndicator } from "./UnsentChangesIndicator";
import { AppRoutes } from "./routes";
import { SidebarResizer } from "./SidebarResizer";
import { useSidebarWidth, type SidebarState } from "./sidebarWidth";
import { DocumentTitle } from "./DocumentTitle";
import { useGlobalShortcuts } from "./useGlobalShortcuts";

const ShortcutsDialog = lazy(() => import("./ShortcutsDialog"));

/** Tailwind's `md`: from here on the sidebar sits beside the day. */
const WIDE = "(min-width: 768px)";
const SIDEBAR_ID = "days-sidebar";

type Overlay = "search" | "settings" | "shortcuts" | null;

/** Tab from the last control goes to the first, Shift+Tab the other way. */
function keepFocusInside(event: KeyboardEvent<HTMLElement>) {
  const controls = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input:not([disabled]), [tabindex="0"]',
    ),
  ].filter((element) => !element.closest("[hidden]"));
  const first = controls[0];
  const last = controls[controls.length - 1];
  const wrapTo = event.shiftKey
    ? document.activeElement === first && last
    : document.activeElement === last && first;
  if (!wrapTo) return;
  event.preventDefault();
  wrapTo.focus();
}

/**
 * The signed-in app, with what is kept for its user in this browser:
 * changes not yet sent (the outbox) and text typed into open fields.
 */
export default function AppShell() {
  const { user } = useAuth();
  // Painted from the local cache, the user is its owner until AuthKit
  // answers (the cache is wiped, and this changes, if it names someone
  // else). An empty id keeps nothing.
  const savedCopyOwner = useSavedCopyOwner();
  const userId = user?.id ?? savedCopyOwner ?? "";
  return (
    <OutboxProvider userId={userId}>
      {/* Keyed by user: another user's steps never carry over. */}
      <UndoProvider key={userId}>
        <KeptDraftsProvider userId={userId}>
          <ConfirmProvider>
            <AppLayout />
            {/* After the layout: its effects run after the day's (today's
                repeats are made before unfinished todos are moved). */}
            <SignedInUpkeep />
          </ConfirmProvider>
        </KeptDraftsProvider>
      </UndoProvider>
    </OutboxProvider>
  );
}

/**
 * The signed-in app's upkeep, which shows nothing: the profile sent once a
 * session, today counted in the zone chosen in Settings, unfinished todos
 * moved to today. A component of its own: the settings, the sign-in and
 * the queries these follow change often while the app starts, and each
 * change re-renders only this, not the layout and the day under it.
 * Rendered after the layout, so that its effects run after the day view's,
 * as when they were the layout's own: the day's repeating todos are made
 * (useShowRepeats) before unfinished ones are moved to today, and the move
 * then finds a repeat already on today and leaves its earlier one.
 */
function SignedInUpkeep() {
  useProfileSync();
  useTodayTimeZoneFromSettings();
  useMoveUnfinishedOnOpen();
  return null;
}

/**
 * Top bar, the days sidebar and the routed view.
 *
 * One layout for every width: on wide screens the sidebar is a resizable,
 * collapsible column; on narrow ones the same element becomes a modal
 * drawer. Only CSS and attributes change, so the sidebar and the day view
 * are never remounted (no lost caret, scroll or draft) when the width does.
 * Memoised: AppShell renders again whenever AuthKit's state changes (the
 * start-up refresh answering, above all), which changes nothing here.
 */
const AppLayout = memo(function AppLayout() {
  const [path, navigate] = useLocation();
  const wide = useMediaQuery(WIDE);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const sidebar = useSidebarWidth();
  const drawerButton = useRef<HTMLButtonElement>(null);
  const collapseButton = useRef<HTMLButtonElement>(null);
  const sidebarElement = useRef<HTMLDivElement>(null);
  const updateSidebar = (change: Partial<SidebarState>) => {
    const hidesFocus =
      change.collapsed === true &&
      sidebarElement.current?.contains(document.activeElement);
    if (!hidesFocus) return sidebar.update(change);
    // Collapsed from the resize handle: the handle goes with the sidebar,
    // so focus goes to the button that brings it back.
    flushSync(() => sidebar.update(change));
    collapseButton.current?.focus();
  };

  // Growing past the breakpoint turns the drawer back into the column.
  if (wide && drawerOpen) setDrawerOpen(false);
  const drawer = !wide && drawerOpen;
  // The days list is rendered from the first time the sidebar shows, in
  // the same render that shows it: on a phone it starts as a closed drawer,
  // and rendering it hidden would delay the first paint of the day.
  const sidebarShown = wide ? !sidebar.collapsed : drawer;
  const [sidebarUsed, setSidebarUsed] = useState(sidebarShown);
  if (sidebarShown && !sidebarUsed) setSidebarUsed(true);
  const closeDrawer = () => {
    // Committed first: the button is inert until the drawer has closed.
    flushSync(() => setDrawerOpen(false));
    drawerButton.current?.focus();
  };
  const onDrawerKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!drawer) return;
    if (event.key === "Escape") {
      event.stopPropagation();
      closeDrawer();
    } else if (event.key === "Tab") {
      keepFocusInside(event);
    }
  };

  // At the ends of the range of days the shortcuts do nothing, as the
  // header's disabled arrows do.
  const goToDay = (amount: number) => {
    const day = dayWithinRange(dayOfPath(path) ?? todayString(), amount);
    if (day) navigateKeepingFocus(paths.day(day));
  };
  // A day is a page of its own: its focused control goes with the old
  // page. Focus then goes to the new day's heading, which names the day.
  // Focus kept elsewhere (the header, the sidebar) stays.
  const navigateKeepingFocus = (to: string) => {
    const main = document.getElementById("main");
    const active = document.activeElement;
    const onPage =
      !active || active === document.body || !!main?.contains(active);
    flushSync(() => navigate(to));
    const now = document.activeElement;
    if (!onPage || (now && now !== document.body && now !== main)) return;
    (document.getElementById(DAY_HEADING) ?? main)?.focus();
  };
  const { undo, redo } = useUndo();
  useGlobalShortcuts({
    undo,
    redo,
    search: () => setOverlay("search"),
    shortcuts: () => setOverlay("shortcuts"),
    // Already on Today: a second entry for the same page would make Back
    // seem to do nothing.
    today: () => {
      if (path !== paths.today) navigateKeepingFocus(paths.today);
    },
    previousDay: () => goToDay(-1),
    nextDay: () => goToDay(1),
  });

  const closeOverlay = (open: boolean) => {
    if (!open) setOverlay(null);
  };
  // While the drawer is open, the rest of the page is out of reach.
  const behindDrawer = drawer
    ? { inert: true, "aria-hidden": true as const }
    : {};

  return (
    <div className="flex h-dvh flex-col">
      <DocumentTitle path={path} overlay={overlay} />
      <a
        {...behindDrawer}
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <header
        {...behindDrawer}
        className="flex items-center gap-1 border-b border-slate-200 px-2 py-1.5 dark:border-slate-800"
      >
        <IconButton
          ref={collapseButton}
          label={sidebar.collapsed ? "Expand sidebar" : "Collapse sidebar"}
          aria-expanded={!sidebar.collapsed}
          aria-controls={SIDEBAR_ID}
          className="max-md:hidden"
          icon={
            sidebar.collapsed ? (
              <PanelLeftOpen aria-hidden className="size-5" />
            ) : (
              <PanelLeftClose aria-hidden className="size-5" />
            )
          }
          onClick={() => updateSidebar({ collapsed: !sidebar.collapsed })}
        />
        <IconButton
          ref={drawerButton}
          label="Open days menu"
          aria-expanded={drawer}
          aria-controls={SIDEBAR_ID}
          className="md:hidden"
          icon={<MenuIcon aria-hidden className="size-5" />}
          onClick={() => setDrawerOpen(true)}
        />
        <span className="px-1 font-semibold">Daybook</span>
        <span className="flex-1" />
        <SavedCopyIndicator />
        <UnsentChangesIndicator />
        <ConnectionIndicator />
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
      <PickDateProvider>
        <div className="relative flex min-h-0 flex-1">
          {drawer ? (
            <div
              aria-hidden
              onClick={closeDrawer}
              className="fixed inset-0 z-40 bg-slate-950/50"
            />
          ) : null}
          {/* A div, not an <aside>: the drawer's role (dialog) is not allowed on <aside>. */}
          <div
            id={SIDEBAR_ID}
            ref={sidebarElement}
            hidden={wide ? sidebar.collapsed : !drawer}
            {...(drawer
              ? {
                  role: "dialog",
                  "aria-modal": true,
                  "aria-label": "Daybook",
                }
              : { role: "complementary" })}
            onKeyDown={onDrawerKeyDown}
            style={{ "--sidebar-width": `${sidebar.width}px` } as CSSProperties}
            className="flex flex-col bg-slate-50 md:relative md:w-(--sidebar-width) md:max-w-[calc(100vw-20rem)] md:shrink-0 md:border-r md:border-slate-200 max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:z-50 max-md:w-[85vw] max-md:max-w-80 max-md:shadow-xl dark:bg-slate-900 md:dark:border-slate-800"
          >
            {drawer ? (
              <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-800">
                <span className="font-semibold">Daybook</span>
                <IconButton
                  autoFocus
                  label="Close days menu"
                  icon={<X aria-hidden className="size-5" />}
                  onClick={closeDrawer}
                />
              </div>
            ) : null}
            <div className="min-h-0 flex-1">
              {sidebarUsed ? (
                <DaysSidebar onNavigate={drawer ? closeDrawer : undefined} />
              ) : null}
            </div>
            {/* Inside the sidebar's landmark, and hidden with it when collapsed. */}
            {wide ? (
              <SidebarResizer
                sidebarId={SIDEBAR_ID}
                state={sidebar}
                onChange={updateSidebar}
              />
            ) : null}
          </div>
          <div {...behindDrawer} className="min-w-0 flex-1 overflow-y-auto">
            <main
              id="main"
              tabIndex={-1}
              className="mx-auto w-full max-w-3xl px-4 py-6 outline-none sm:px-6"
            >
              <AppRoutes path={path} />
            </main>
          </div>
        </div>
      </PickDateProvider>
      <Suspense fallback={null}>
        {overlay === "search" ? (
          <SearchDialog
            open
            onOpenChange={closeOverlay}
            onOpenResult={({ day }) => navigate(paths.day(day))}
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
});
