import { createRoot } from "react-dom/client";
import { appShellSettled, Root } from "./app/Root";
import { readAppConfig } from "./config/env";
import "./index.css";

createRoot(document.getElementById("root")!).render(
  <Root config={readAppConfig()} />,
);
// Offline use (src/app/pwa): set up from a chunk of its own once the page
// has loaded and the signed-in app's chunk has arrived, so it costs the
// first load nothing. The load event comes before that chunk has arrived;
// on a slow link the worker's precache (the whole app) would share the line
// with it, and the main thread, idle while it waits, would let it start.
if (import.meta.env.PROD) {
  window.addEventListener(
    "load",
    () =>
      void appShellSettled()
        .then(() => import("./app/pwa/serviceWorker"))
        .then((m) => m.startWhenIdle()),
    { once: true },
  );
}
