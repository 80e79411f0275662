import type { UserIdentity } from "convex/server";
import type { JWTPayload } from "jose";

// OpenID Connect standard claims and the UserIdentity field Convex maps each to.
const STANDARD_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};

// Registered claims that describe the token, not the user.
const TOKEN_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]);

/**
 * The identity Convex hands to functions for a verified token: subject,
 * issuer, `tokenIdentifier` = `issuer|subject`, standard claims under their
 * camelCase names and any other claim (e.g. WorkOS's `sid`, `org_id`) as is.
 */
export function identityFromClaims(
  claims: JWTPayload & { iss: string; sub: string },
): UserIdentity {
  const identity: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(claims)) {
    if (value === undefined || TOKEN_CLAIMS.has(claim)) continue;
    const field = STANDARD_CLAIMS[claim] ?? claim;
    identity[field] =
      field === "updatedAt" && typeof value === "number"
        ? new Date(value * 1000).toISOString()
        : value;
  }
  return {
    ...identity,
    subject: claims.sub,
    issuer: claims.iss,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
  };
}
