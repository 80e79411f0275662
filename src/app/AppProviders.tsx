import { AuthKitProvider } from "@workos-inc/authkit-react";
import { ConvexReactClient } from "convex/react";
import { useState, type ReactNode } from "react";
import type { AppConfig } from "@/config/env";
import {
  safeReturnPath,
  SessionMonitor,
  SessionProvider,
} from "@/features/auth";

/**
 * AuthKit signs the user in; Convex gets its access token from AuthKit
 * through SessionProvider, which rides out transient sign-in faults and
 * tells every tab when a session has truly ended.
 */
export function AppProviders({
  config,
  children,
}: {
  config: AppConfig;
  children: ReactNode;
}) {
  const [convex] = useState(() => new ConvexReactClient(config.convexUrl));
  const [monitor] = useState(() => new SessionMonitor());
  return (
    <AuthKitProvider
      {...config.authKit}
      onRedirectCallback={({ state }) => {
        // Back from /callback to the page where sign-in started.
        window.history.replaceState(null, "", safeReturnPath(state));
        window.dispatchEvent(new PopStateEvent("popstate"));
      }}
      // AuthKit's own timed refreshes report here too, not only Convex's.
      onRefresh={() => monitor.reportReachable()}
      onRefreshFailure={() => monitor.reportEnded()}
    >
      <SessionProvider monitor={monitor} client={convex}>
        {children}
      </SessionProvider>
    </AuthKitProvider>
  );
}
