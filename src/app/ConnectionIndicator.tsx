import { useConvexConnectionState } from "convex/react";
import { useSyncExternalStore } from "react";

function subscribeOnline(callback: () => void) {
  window.addEventListener("online", callback);
  window.addEventListener("offline", callback);
  return () => {
    window.removeEventListener("online", callback);
    window.removeEventListener("offline", callback);
  };
}

/** "Offline" / "Reconnecting…" from the browser and the Convex client. */
export function ConnectionIndicator() {
  const state = useConvexConnectionState();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const message = !online
    ? "Offline — changes will sync when you reconnect"
    : state.hasEverConnected && !state.isWebSocketConnected
      ? "Reconnecting…"
      : null;
  return (
    <span role="status" className="text-xs">
      {message ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-1 font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-50">
          <span
            aria-hidden
            className={
              online
                ? "size-2 animate-pulse rounded-full bg-amber-600"
                : "size-2 rounded-full bg-slate-600"
            }
          />
          <span className="max-sm:sr-only">{message}</span>
        </span>
      ) : null}
    </span>
  );
}
