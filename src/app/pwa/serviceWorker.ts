import { promptForNewVersion, watchForUpdates } from "./updates";
import { runWhenIdle } from "./whenIdle";

/**
 * Starts the offline service worker (vite.config.ts) as background work,
 * when the main thread is idle after the page's load event (main.tsx), so
 * it never delays a click; within a few seconds on a tab that is never idle.
 */
export function startWhenIdle() {
  if (!("serviceWorker" in navigator)) return;
  runWhenIdle(() => startServiceWorker());
}

/**
 * Registers /sw.js (the precached app shell) and wires the update flow: a
 * deploy installs a new worker that waits; the person is offered Reload,
 * which lets it take over and reloads this tab only (see
 * `promptForNewVersion`).
 *
 * Nothing waits on `register()`: on a page loaded offline that comes back
 * online the browser can leave it unanswered, and `ready` with it, and a
 * tab that waited would never hear of a new version. The registration
 * comes from whichever answers first: `getRegistration()` still answers
 * then; on a first visit it has none, and `ready` brings it once the
 * worker is active.
 */
export function startServiceWorker() {
  const container = navigator.serviceWorker;
  container.register("/sw.js", { scope: "/" }).catch(() => undefined);
  let watching = false;
  const watchOnce = (registration: ServiceWorkerRegistration | undefined) => {
    if (!registration || watching) return;
    watching = true;
    watchRegistration(registration);
  };
  container.getRegistration("/").then(watchOnce, () => undefined);
  void container.ready.then(watchOnce);
}

/** Offers a new version once it waits, and lets it take over on Reload. */
function watchRegistration(registration: ServiceWorkerRegistration) {
  const container = navigator.serviceWorker;
  const newVersion = promptForNewVersion({
    // Workbox's generated worker activates on this message.
    activateWaitingVersion: () =>
      registration.waiting?.postMessage({ type: "SKIP_WAITING" }),
  });
  // A version waits only behind one that controls the page: the first
  // install is no update.
  const offerIfWaiting = () => {
    if (registration.waiting && container.controller) newVersion.waiting();
  };
  offerIfWaiting();
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offerIfWaiting();
    });
  });
  let controller = container.controller;
  container.addEventListener("controllerchange", () => {
    // Taken over from an earlier version (not the first visit's claim).
    if (controller) newVersion.tookOver();
    controller = container.controller;
  });
  watchForUpdates(registration);
}
