import { toast } from "@/lib/toast";

export const NEW_VERSION_TEXT = "New version available";
export const RELOAD_LABEL = "Reload";

/** How often an open tab asks for a new deploy, besides on coming back. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * "New version available — Reload", until the person chooses. One toast,
 * however often it is offered (the id replaces it), and it stays: the new
 * version waits for them, never reloads under their typing.
 */
export function offerNewVersion(reload: () => void) {
  toast.message(NEW_VERSION_TEXT, {
    id: "new-version",
    persistent: true,
    action: { label: RELOAD_LABEL, onClick: reload },
  });
}

/** What the service worker's lifecycle tells this tab (serviceWorker.ts). */
export interface NewVersionFlow {
  /** A new version is installed and waits. */
  waiting: () => void;
  /** A new version took over the page (this tab's Reload or another's). */
  tookOver: () => void;
}

/**
 * The prompt flow for this tab: a waiting new version is offered; Reload
 * lets it take over (`activateWaitingVersion`) and reloads this tab once it
 * has.
 *
 * The new worker then controls every open tab of the site. Reloading them
 * all would reload under whatever someone was typing: only the tab whose
 * Reload was chosen reloads; the others keep their page and their offer,
 * whose Reload now just reloads (nothing waits any more).
 */
export function promptForNewVersion({
  activateWaitingVersion,
  offer = offerNewVersion,
  reload = () => window.location.reload(),
}: {
  activateWaitingVersion: () => void;
  /** Shows the offer; its argument is what Reload does. */
  offer?: (reload: () => void) => void;
  reload?: () => void;
}): NewVersionFlow {
  let reloadChosen = false;
  let newVersionControls = false;
  return {
    waiting: () =>
      offer(() => {
        reloadChosen = true;
        if (newVersionControls) reload();
        else activateWaitingVersion();
      }),
    tookOver: () => {
      newVersionControls = true;
      if (reloadChosen) reload();
    },
  };
}

/** The part of a ServiceWorkerRegistration this needs. */
interface Updatable {
  readonly installing: ServiceWorker | null;
  update(): Promise<unknown>;
}

/**
 * Asks the server for a new sw.js (a deploy) every hour and whenever the
 * tab comes back to the front, so a tab left open for days still learns of
 * one. Not while offline, and not while a new version is installing.
 * Returns a function that stops watching.
 */
export function watchForUpdates(
  registration: Updatable,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
) {
  const check = () => {
    if (!navigator.onLine || registration.installing) return;
    // A failed check (the network dropped meanwhile) is retried next time.
    registration.update().catch(() => undefined);
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === "visible") check();
  };
  const timer = window.setInterval(check, intervalMs);
  document.addEventListener("visibilitychange", onVisibilityChange);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}
