import { lazy, StrictMode, Suspense } from "react";
import type { ConfigResult } from "../config/env";
import { App } from "./App";
import { AppProviders } from "./AppProviders";

// Only a build missing its configuration shows this.
const SetupPage = lazy(() =>
  import("../features/auth/SetupPage").then((m) => ({ default: m.SetupPage })),
);

/**
 * The whole app, or the setup page when the build lacks configuration: the
 * providers are never mounted without a client id or Convex URL, so there
 * is no blank screen, endless spinner or provider exception.
 */
export function Root({ config }: { config: ConfigResult }) {
  return (
    <StrictMode>
      {config.ok ? (
        <AppProviders config={config.config}>
          <App />
        </AppProviders>
      ) : (
        <Suspense fallback={null}>
          <SetupPage missing={config.missing} />
        </Suspense>
      )}
    </StrictMode>
  );
}
