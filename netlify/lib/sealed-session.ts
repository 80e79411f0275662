import type { SessionCookieData, WorkOS } from "@workos-inc/node";
import { decodeJwt } from "jose";
import type { AuthConfig } from "./auth-config";

/**
 * Opens the session cookie with the WorkOS SDK's sealed-session helper
 * (iron-webcrypto inside). A tampered, foreign or outdated cookie yields
 * undefined rather than an error.
 */
export async function unsealSession(
  workos: WorkOS,
  config: AuthConfig,
  sealedSession: string | undefined,
): Promise<SessionCookieData | undefined> {
  if (!sealedSession) return undefined;
  try {
    const session = await workos.userManagement.getSessionFromCookie({
      sessionData: sealedSession,
      cookiePassword: config.cookiePassword,
    });
    return session?.refreshToken ? session : undefined;
  } catch {
    return undefined;
  }
}

/** The WorkOS session id (`sid`) from the sealed access token, for logout. */
export function sessionIdOf(session: SessionCookieData | undefined) {
  if (!session?.accessToken) return undefined;
  try {
    const { sid } = decodeJwt(session.accessToken);
    return typeof sid === "string" ? sid : undefined;
  } catch {
    return undefined;
  }
}
