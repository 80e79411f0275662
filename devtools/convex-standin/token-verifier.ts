import type { UserIdentity } from "convex/server";
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import type { AuthProvider } from "./auth-providers";
import { identityFromClaims } from "./identity-from-claims";

/** A token Convex would refuse; the message is safe to send and log. */
export class TokenRejected extends Error {}

export type VerifiedIdentity = {
  identity: UserIdentity;
  /** Seconds since the epoch, from `exp`. */
  expiresAt: number;
};

type ProviderCheck = {
  issuer: string;
  audience?: string;
  algorithm: string;
  keys: () => Promise<JWTVerifyGetKey>;
};

// OIDC providers publish their JWKS address in their discovery document.
async function discoverJwksUrl(domain: string): Promise<URL> {
  const discovery = `${domain.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  const response = await fetch(discovery);
  if (!response.ok) {
    throw new TokenRejected(`Could not fetch OIDC discovery from ${domain}.`);
  }
  const { jwks_uri } = (await response.json()) as { jwks_uri?: string };
  if (!jwks_uri) throw new TokenRejected(`No jwks_uri at ${discovery}.`);
  return new URL(jwks_uri);
}

function lazily<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function checkFor(provider: AuthProvider): ProviderCheck {
  if ("type" in provider && provider.type === "customJwt") {
    return {
      issuer: provider.issuer,
      audience: provider.applicationID,
      algorithm: provider.algorithm,
      keys: lazily(async () => createRemoteJWKSet(new URL(provider.jwks))),
    };
  }
  const oidc = provider as { domain: string; applicationID: string };
  return {
    issuer: oidc.domain,
    audience: oidc.applicationID,
    algorithm: "RS256",
    keys: lazily(async () =>
      createRemoteJWKSet(await discoverJwksUrl(oidc.domain)),
    ),
  };
}

function describeJoseFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) {
    return "Token expired.";
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `Token claim ${error.claim} is invalid: ${error.reason}.`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "Could not verify the token signature.";
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return "The token is signed with an algorithm the provider does not allow.";
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return "No key in the provider's JWKS matches the token.";
  }
  if (error instanceof joseErrors.JOSEError) {
    return `Could not verify the token (${error.code}).`;
  }
  return "Could not verify the token.";
}

/**
 * Checks a JWT the way Convex checks it against convex/auth.config.ts: the
 * provider is chosen by `iss`; then signature (JWKS), algorithm, audience
 * (`applicationID`, when declared) and expiry are verified.
 */
export function createTokenVerifier(providers: AuthProvider[]) {
  const checks = providers.map(checkFor);

  return async function verifyToken(token: string): Promise<VerifiedIdentity> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRejected("The token is not a JWT.");
    }
    // Exact match, trailing slash included: a near miss is a config bug.
    const check = checks.find((candidate) => candidate.issuer === issuer);
    if (!check || issuer === undefined) {
      throw new TokenRejected(
        `No auth provider found matching the given token (issuer ${JSON.stringify(issuer ?? null)}). Check convex/auth.config.ts.`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, await check.keys(), {
        issuer,
        audience: check.audience,
        algorithms: [check.algorithm],
        requiredClaims: ["sub", "exp"],
      });
      return {
        identity: identityFromClaims({
          ...payload,
          iss: issuer,
          sub: payload.sub!,
        }),
        expiresAt: payload.exp!,
      };
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      throw new TokenRejected(describeJoseFailure(error));
    }
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
