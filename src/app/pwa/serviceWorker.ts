import { registerSW } from "virtual:pwa-register";
import { offerNewVersion, watchForUpdates } from "./updates";

/**
 * Registers /sw.js (the precached app shell) and wires the update flow: a
 * deploy installs a new worker that waits; the person is offered Reload,
 * which lets it take over and reloads the page (vite-plugin-pwa's "prompt").
 */
export function startServiceWorker() {
  const activateWaitingVersion = registerSW({
    // Already after the load event (see index.ts).
    immediate: true,
    onNeedRefresh: () => offerNewVersion(() => activateWaitingVersion(true)),
    onRegisteredSW: (_url, registration) => {
      if (registration) watchForUpdates(registration);
    },
    onRegisterError: (error: unknown) => {
      // The app works on without it; only opening offline is lost.
      console.warn("Daybook could not set up offline use:", error);
    },
  });
}
