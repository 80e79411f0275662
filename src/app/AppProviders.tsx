import { AuthKitProvider } from "@workos-inc/authkit-react";
import { ConvexReactClient } from "convex/react";
import { useState, type ReactNode } from "react";
import type { AppConfig } from "@/config/env";
import { dayOfPath } from "@/config/paths";
import {
  safeReturnPath,
  SessionMonitor,
  SessionProvider,
  startupRefreshLeft,
  watchSignInCallback,
} from "@/features/auth";
import { createConvexLogger } from "@/lib/convexLogger";
import { LocalCacheProvider, pageLocalCache } from "@/lib/localCache";

/**
 * The local cache, starting to read the day this address shows (and the
 * sidebar's list) at once, so it can be painted before sign-in answers;
 * painted once AuthKit's start-up refresh has left, which it would
 * otherwise wait behind.
 */
function startLocalCache() {
  const cache = pageLocalCache();
  const day = dayOfPath(window.location.pathname);
  void cache.start(day ? [day] : [], startupRefreshLeft);
  return cache;
}

/**
 * AuthKit signs the user in; Convex gets its access token from AuthKit
 * through SessionProvider, which rides out transient sign-in faults and
 * tells every tab when a session has truly ended. The local cache holds
 * the last days viewed, for this browser's signed-in user only.
 */
export function AppProviders({
  config,
  children,
}: {
  config: AppConfig;
  children: ReactNode;
}) {
  const [convex] = useState(
    () =>
      new ConvexReactClient(config.convexUrl, {
        logger: createConvexLogger(),
      }),
  );
  const [monitor] = useState(() => new SessionMonitor());
  const [localCache] = useState(startLocalCache);
  // Before AuthKit's client starts (in an effect) and takes the code from
  // the address: a failed sign-in can then say why.
  useState(() => watchSignInCallback());
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
        <LocalCacheProvider cache={localCache}>{children}</LocalCacheProvider>
      </SessionProvider>
    </AuthKitProvider>
  );
}
