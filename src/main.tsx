import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { AppProviders } from "./app/AppProviders";
import { readAppConfig } from "./config/env";
import { SetupPage } from "./features/auth/SetupPage";
import "./index.css";

const result = readAppConfig();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    {result.ok ? (
      <AppProviders config={result.config}>
        <App />
      </AppProviders>
    ) : (
      <SetupPage missing={result.missing} />
    )}
  </StrictMode>,
);
