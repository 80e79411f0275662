import { useAuth } from "@workos-inc/authkit-react";
import { Redirect, useLocation } from "wouter";
import { LoaderCircle } from "lucide-react";
import { Toaster } from "../components/ui/Toaster";
import { LandingPage } from "../features/auth";
import { useTheme } from "../lib/theme";
import { AppShell } from "./AppShell";
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

/**
 * Signed out: the landing view. Signed in: the app. While AuthKit is still
 * checking the session, or finishing a sign-in at /callback, nothing that
 * needs the backend is mounted.
 */
export function App() {
  const { isLoading, user } = useAuth();
  const [path] = useLocation();
  const { theme } = useTheme();

  let view;
  if (path === "/callback" && isLoading) {
    view = <FullPageStatus label="Signing you in…" />;
  } else if (isLoading) {
    view = <FullPageStatus label="Checking your session…" />;
  } else if (!user) {
    view = <LandingPage />;
  } else if (path === "/callback") {
    // Signed in on /callback with nothing left to finish (a bookmark, or
    // AuthKit done before its redirect callback): go to today.
    view = <Redirect to="/" replace />;
  } else {
    view = <AppShell />;
  }

  return (
    <>
      <ErrorBoundary title="Daybook hit a problem.">{view}</ErrorBoundary>
      <Toaster theme={theme} />
    </>
  );
}
