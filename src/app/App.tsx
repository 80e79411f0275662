import { useConvex } from "convex/react";
import { LoaderCircle } from "lucide-react";
import { memo, Suspense, useEffect, useState } from "react";
import { Redirect, useLocation } from "wouter";
import { Toaster } from "@/components/ui/Toaster";
import { api } from "@convex/_generated/api";
import { dayOfPath, paths } from "@/config/paths";
import {
  LandingPage,
  mayHaveSession,
  RETRYING_TEXT,
  sessionIsOver,
  SessionNotices,
  SignInFailedPage,
  useSession,
  useSignInFailure,
} from "@/features/auth";
import { useKeepLocalCachePrivate, useSavedCopyOwner } from "@/lib/localCache";
import { useTheme } from "@/lib/theme";
import { useMayQuery } from "@/lib/tokenHandedOver";
import { ErrorBoundary } from "./ErrorBoundary";

function FullPageStatus({ label }: { label: string }) {
  return (
    <div
      role="status"
      className="flex min-h-dvh items-center justify-center gap-3 text-slate-700 dark:text-slate-300"
    >
      <LoaderCircle aria-hidden className="size-5 animate-spin" />
      {label}
    </div>
  );
}

// The signed-in app is the one route-level split: a signed-out visitor
// needs only the landing page. It is fetched while AuthKit checks the
// session, so a returning person does not wait for it after sign-in; when
// the session marker says this is a returning person, from the start
// (index.html has already asked for its files: vite/preloadSignedInApp.ts).
// One import, however many ask: the entry, SignedInApp and the effect below
// all wait on the same promise. A failed one is forgotten, but browsers
// remember a failed module fetch for the page's life: the error boundary
// offers Reload.
type AppShellComponent = typeof import("./AppShell").default;
let loadedAppShell: AppShellComponent | undefined;
let appShellImport: Promise<AppShellComponent> | undefined;
const loadAppShell = () =>
  (appShellImport ??= import("./AppShell").then(
    (module) => (loadedAppShell = module.default),
    (error: unknown) => {
      appShellImport = undefined;
      throw error;
    },
  ));
if (mayHaveSession()) void loadAppShell();

/**
 * Settles once the signed-in app's chunk has arrived or failed, at once if
 * none is being fetched: background downloads wait for it (main.tsx).
 */
export const appShellSettled = (): Promise<void> =>
  (appShellImport ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );

/**
 * The day's list, asked for as soon as Convex may be asked, from the entry:
 * with an empty HTTP cache the signed-in app's chunks are still arriving
 * when the access token goes, and its day view would ask only once they
 * have run. The day view asks for the same list with the same arguments,
 * which the Convex client serves from this one subscription: nothing is
 * asked twice.
 */
function DayListAskedEarly() {
  const [path] = useLocation();
  const day = dayOfPath(path);
  const mayQuery = useMayQuery();
  const convex = useConvex();
  const asked = mayQuery ? day : null;
  useEffect(() => {
    if (asked === null) return;
    // Watched, never read: a failure is the day view's to show.
    return convex
      .watchQuery(api.todos.listForDay, { day: asked })
      .onUpdate(() => {});
  }, [convex, asked]);
  return null;
}

// Memoised: App renders again as AuthKit's state changes (the refresh
// answering, above all), which changes nothing the signed-in app is given;
// what in it depends on the session reads it itself.
//
// The shell is shown at once when its chunk has loaded (a returning person,
// usually), else once it has; a failed load goes to the error boundary.
// Not React.lazy: React reveals a Suspense boundary's content no sooner than
// 300 ms after its fallback was shown (so that a quick load does not
// flash). With an empty cache, bench:web's commit log showed the shell
// committed exactly then, after its chunk and today's todos had arrived; a
// state update is not held back.
const SignedInApp = memo(function SignedInApp() {
  const AppShell = loadedAppShell;
  // Renders again once the chunk has loaded; a failure is thrown from the
  // update, in render, for the error boundary.
  const [, setLoads] = useState(0);
  useEffect(() => {
    if (AppShell) return;
    let current = true;
    loadAppShell().then(
      () => current && setLoads((loads) => loads + 1),
      (error: unknown) =>
        current &&
        setLoads(() => {
          throw error;
        }),
    );
    return () => {
      current = false;
    };
  }, [AppShell]);
  return (
    <>
      {/* Subscribed while the app is still loading. */}
      <DayListAskedEarly />
      {AppShell ? <AppShell /> : <FullPageStatus label="Opening your day…" />}
      <SessionNotices />
    </>
  );
});

/**
 * Signed out: the landing view. Signed in: the app. While AuthKit is still
 * checking the session, or finishing a sign-in at /callback, nothing that
 * needs the backend is mounted, except that the app is painted from the
 * local cache while a session is being restored (loading, or retrying) and
 * the sign-in cookies name the cache's owner (its queries wait for the
 * sign-in, and changes made meanwhile are held until then).
 */
export function App() {
  const { isLoading, user, status } = useSession();
  const [path] = useLocation();
  const { theme } = useTheme();
  const signInFailure = useSignInFailure();
  // Without the session marker authkit-js restores nothing: a cache key
  // cookie left alone must not hold the saved copy up ("connecting…"
  // forever). It is wiped instead, once AuthKit has answered.
  const signInUnderWay = !sessionIsOver(status) && mayHaveSession();
  useKeepLocalCachePrivate({
    isLoading,
    userId: user?.id,
    ended: sessionIsOver(status),
    signInUnderWay,
  });
  const savedCopyOwner = useSavedCopyOwner();
  const paintSavedCopy =
    user === null &&
    signInUnderWay &&
    savedCopyOwner !== null &&
    path !== paths.callback;
  const mayBeSignedIn =
    isLoading || user !== null || status === "retrying" || paintSavedCopy;
  useEffect(() => {
    if (mayBeSignedIn) void loadAppShell();
  }, [mayBeSignedIn]);

  let view;
  if (path === paths.callback && isLoading) {
    view = <FullPageStatus label="Signing you in…" />;
  } else if (paintSavedCopy) {
    // The same element as signed in below: the shell stays mounted when
    // AuthKit answers, and live data replaces the saved copy in place.
    view = <SignedInApp />;
  } else if (isLoading) {
    view = <FullPageStatus label="Checking your session…" />;
  } else if (!user) {
    // A session whose start-up refresh could not reach sign-in is restored
    // as soon as it can be, not shown as signed out.
    view =
      status === "retrying" ? (
        <FullPageStatus label={RETRYING_TEXT} />
      ) : path === paths.callback && signInFailure ? (
        // A sign-in that came back and failed says why, not just the landing.
        <Suspense fallback={null}>
          <SignInFailedPage failure={signInFailure} />
        </Suspense>
      ) : (
        <LandingPage />
      );
  } else if (path === paths.callback) {
    // Signed in on /callback with nothing left to finish (a bookmark, or
    // AuthKit done before its redirect callback): go to today.
    view = <Redirect to={paths.today} replace />;
  } else {
    view = <SignedInApp />;
  }

  return (
    <>
      <ErrorBoundary title="Daybook hit a problem.">{view}</ErrorBoundary>
      <Toaster theme={theme} />
    </>
  );
}
