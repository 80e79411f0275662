import { ConvexProviderWithAuthKit } from "@convex-dev/workos";
import { AuthKitProvider, useAuth } from "@workos-inc/authkit-react";
import { ConvexReactClient } from "convex/react";
import { useState, type ReactNode } from "react";
import type { AppConfig } from "@/config/env";
import { safeReturnPath } from "@/features/auth";

/** AuthKit signs the user in; Convex gets its access token from AuthKit. */
export function AppProviders({
  config,
  children,
}: {
  config: AppConfig;
  children: ReactNode;
}) {
  const [convex] = useState(() => new ConvexReactClient(config.convexUrl));
  return (
    <AuthKitProvider
      {...config.authKit}
      onRedirectCallback={({ state }) => {
        // Back from /callback to the page where sign-in started.
        window.history.replaceState(null, "", safeReturnPath(state));
        window.dispatchEvent(new PopStateEvent("popstate"));
      }}
    >
      <ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithAuthKit>
    </AuthKitProvider>
  );
}
