import { createHash } from "node:crypto";

// RFC 7636 §4.1: 43–128 characters from the unreserved set.
const CODE_VERIFIER_SHAPE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** True when `verifier` is the S256 pre-image of `challenge` (RFC 7636 §4.6). */
export function verifiesS256Challenge(verifier: string, challenge: string) {
  if (!CODE_VERIFIER_SHAPE.test(verifier)) return false;
  const digest = createHash("sha256").update(verifier).digest("base64url");
  return digest === challenge;
}
