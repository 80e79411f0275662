import { StrictMode, Suspense } from "react";
import type { ConfigResult } from "@/config/env";
import { SetupPage } from "@/features/auth";
import { App } from "./App";
import { AppProviders } from "./AppProviders";

// For main.tsx, which imports only this module: importing App from the
// entry as well made Rolldown cut the entry chunk in two (one more request
// on the first load, and the Convex socket opened later in bench:web).
export { appShellSettled } from "./App";

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
