import { createRoot } from "react-dom/client";
import { Root } from "./app/Root";
import { readAppConfig } from "./config/env";
import "./index.css";

createRoot(document.getElementById("root")!).render(
  <Root config={readAppConfig()} />,
);
// Offline use (src/app/pwa): set up after the page has loaded, from a chunk
// of its own, so it costs the first load nothing.
if (import.meta.env.PROD) {
  window.addEventListener(
    "load",
    () => void import("./app/pwa/serviceWorker").then((m) => m.startWhenIdle()),
    { once: true },
  );
}
