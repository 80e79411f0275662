import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

// One key per process: every emulator started in this process (and every
// restart of one in tests) publishes the same kid, so a JWKS consumer that
// cached it keeps verifying.
let processSigningKey: Promise<SigningKey> | undefined;

export function getSigningKey(): Promise<SigningKey> {
  processSigningKey ??= createSigningKey();
  return processSigningKey;
}

async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", {
    extractable: true,
  });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" },
  };
}

export interface AccessTokenClaims {
  issuer: string;
  userId: string;
  sessionId: string;
  organizationId?: string;
  role?: string;
  ttlSeconds: number;
}

/** Signs an access token shaped like WorkOS User Management's. */
export async function signAccessToken(claims: AccessTokenClaims) {
  const key = await getSigningKey();
  const organizationClaims = claims.organizationId
    ? { org_id: claims.organizationId, role: claims.role ?? "member" }
    : {};
  return new SignJWT({ sid: claims.sessionId, ...organizationClaims })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(claims.issuer)
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds}s`)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
}
