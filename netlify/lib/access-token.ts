import type { WorkOS } from "@workos-inc/node";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { logAuthProblem } from "./auth-log";

/**
 * One key set per JWKS URL for the life of the function instance, so a warm
 * function checks tokens without asking WorkOS. (The SDK's own
 * loadSealedSession().authenticate() keeps its key set on the WorkOS client,
 * which these functions build per request, and does not say how long the
 * token has left.)
 */
const keySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(url: string) {
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url));
    keySets.set(url, keySet);
  }
  return keySet;
}

function isJoseError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

/**
 * Seconds the access token has left at `nowMs`, if it is signed by WorkOS's
 * key for our client; undefined if it is not, has expired, or the keys
 * cannot be fetched (the caller then refreshes with WorkOS instead).
 */
export async function verifiedSecondsLeft(
  workos: WorkOS,
  clientId: string,
  accessToken: string,
  nowMs: number,
): Promise<number | undefined> {
  const jwksUrl = workos.userManagement.getJwksUrl(clientId);
  try {
    const { payload } = await jwtVerify(accessToken, keySetFor(jwksUrl), {
      currentDate: new Date(nowMs),
      requiredClaims: ["exp"],
    });
    return (payload.exp as number) - nowMs / 1000;
  } catch (error) {
    const code = isJoseError(error) ? error.code : "unknown";
    if (code !== "ERR_JWT_EXPIRED") {
      logAuthProblem("authenticate", `access token not verified (${code})`);
    }
    return undefined;
  }
}
