import type { AuthConfig } from "convex/server";

/**
 * Trusts access tokens that WorkOS AuthKit issues for this app. Both WorkOS
 * issuers are accepted: the user-management issuer that AuthKit uses by
 * default, and the bare API issuer of a JWT template that sets
 * `aud` = client id. `WORKOS_API_BASE_URL` lets a local backend trust the
 * local WorkOS emulator instead of api.workos.com.
 */
const clientId = process.env.WORKOS_CLIENT_ID;
if (!clientId) {
  throw new Error(
    "WORKOS_CLIENT_ID is not set on the Convex deployment being pushed. Set it " +
      "(the client id from the WorkOS dashboard, under API Keys) on that deployment:\n" +
      "  production:  npx convex env set --prod WORKOS_CLIENT_ID client_...\n" +
      "  your dev deployment:  npx convex env set WORKOS_CLIENT_ID client_...\n" +
      "  preview deployments (every new one):  npx convex env default set --type preview WORKOS_CLIENT_ID client_...\n" +
      "  one existing preview:  npx convex env set --preview-name <branch> WORKOS_CLIENT_ID client_...",
  );
}
const apiBase = (process.env.WORKOS_API_BASE_URL ?? "https://api.workos.com")
  .trim()
  .replace(/\/+$/, "");
const jwks = `${apiBase}/sso/jwks/${clientId}`;

export default {
  providers: [
    {
      type: "customJwt",
      issuer: `${apiBase}/`,
      algorithm: "RS256",
      jwks,
      applicationID: clientId,
    },
    {
      type: "customJwt",
      issuer: `${apiBase}/user_management/${clientId}`,
      algorithm: "RS256",
      jwks,
    },
  ],
} satisfies AuthConfig;
