import { registerSW } from "virtual:pwa-register";
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
 */
export function startServiceWorker() {
  const activateWaitingVersion = registerSW({
    // Already after the load event (see main.tsx).
    immediate: true,
    ...promptForNewVersion({
      activateWaitingVersion: () => void activateWaitingVersion(),
    }),
    onRegisteredSW: (_url, registration) => {
      if (registration) watchForUpdates(registration);
    },
    // Nothing to tell the person: the app works on without it, and only
    // opening offline is lost. Browsers may refuse service workers (private
    // windows, policies, automation); a Trusted Types refusal of the URL is
    // reported by the CSP itself (report-uri).
    onRegisterError: () => undefined,
  });
}
