import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { AppProviders } from "./app/AppProviders";
import { readAppConfig } from "./config/env";
import "./index.css";

// Only a build missing its configuration shows this.
const SetupPage = lazy(() =>
  import("./features/auth/SetupPage").then((m) => ({ default: m.SetupPage })),
);

const result = readAppConfig();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    {result.ok ? (
      <AppProviders config={result.config}>
        <App />
      </AppProviders>
    ) : (
      <Suspense fallback={null}>
        <SetupPage missing={result.missing} />
      </Suspense>
    )}
  </StrictMode>,
);
