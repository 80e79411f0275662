import { useAuth } from "@workos-inc/authkit-react";
import { useConvexAuth } from "convex/react";
import { useEffect } from "react";
import { api } from "@convex/_generated/api";
import { deviceTimeZone } from "@/lib/dates";
import { useOutboxMutation } from "@/lib/outbox";

const SYNCED_KEY = "daybook-profile-synced";

function alreadySynced(userId: string): boolean {
  try {
    return sessionStorage.getItem(SYNCED_KEY) === userId;
  } catch {
    return false;
  }
}

function markSynced(userId: string) {
  try {
    sessionStorage.setItem(SYNCED_KEY, userId);
  } catch {
    // Syncing again next load is harmless.
  }
}

/**
 * Asks the server to store the profile once per browser session, after
 * Convex accepts the token. Nothing about the user is sent: the server takes
 * email and name from the token's claims (or from WorkOS), never from the
 * browser; the AuthKit user shown on this page stays local. The browser's
 * time zone goes with it (convex/settings keeps a zone the person chose in
 * Settings instead).
 */
export function useProfileSync() {
  const { user } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  const syncProfile = useOutboxMutation(api.users.syncProfile);
  const setTimeZone = useOutboxMutation(api.settings.setTimeZone);
  useEffect(() => {
    if (!isAuthenticated || !user || alreadySynced(user.id)) return;
    markSynced(user.id);
    // A failure here is not worth interrupting anyone for; next session retries.
    syncProfile({}).catch(() => {
      try {
        sessionStorage.removeItem(SYNCED_KEY);
      } catch {
        // ignore
      }
    });
    // Without it the server keeps the zone it has (UTC at first); the next
    // session sends it again.
    setTimeZone({ timeZone: deviceTimeZone(), source: "browser" }).catch(
      () => undefined,
    );
  }, [isAuthenticated, user, syncProfile, setTimeZone]);
}
