import { WifiOff } from "lucide-react";
import { lazy, Suspense } from "react";
import { useSession } from "./SessionProvider";

// A dialog, loaded when a session ends (the rule for dialogs here).
const SessionEndedDialog = lazy(() => import("./SessionEndedDialog"));

export const RETRYING_TEXT = "Can't reach sign-in — retrying";

/**
 * What the signed-in app shows about its session: a quiet notice while
 * sign-in cannot be reached (the person stays signed in and can keep
 * working), and a dialog once the session has truly ended.
 */
export function SessionNotices() {
  const { status } = useSession();
  if (status === "ended") {
    return (
      <Suspense fallback={null}>
        <SessionEndedDialog />
      </Suspense>
    );
  }
  return (
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center px-4"
    >
      {status === "retrying" ? (
        <p className="flex items-center gap-2 rounded-full border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 shadow-sm dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <WifiOff aria-hidden className="size-4" />
          {RETRYING_TEXT}
        </p>
      ) : null}
    </div>
  );
}
