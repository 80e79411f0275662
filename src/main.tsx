import { createRoot } from "react-dom/client";
import { startServiceWorkerWhenIdle } from "./app/pwa";
import { Root } from "./app/Root";
import { readAppConfig } from "./config/env";
import "./index.css";

createRoot(document.getElementById("root")!).render(
  <Root config={readAppConfig()} />,
);
startServiceWorkerWhenIdle();
