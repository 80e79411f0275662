/**
 * Starts the offline service worker (vite.config.ts) in production builds,
 * as background work: after the page's load event, when the main thread is
 * idle, so it adds nothing to the first load's bytes and never delays a
 * click. The registration code (and workbox-window) is a chunk of its own,
 * fetched only then.
 */
export function startServiceWorkerWhenIdle() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const start = () => {
    const whenIdle = window.requestIdleCallback ?? window.setTimeout;
    whenIdle(() => {
      void import("./serviceWorker").then((module) =>
        module.startServiceWorker(),
      );
    });
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}
