import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context";
import type { EmulatorSession, EmulatorUser } from "./emulator-store";
import { sendJson, sendOAuthError } from "./http-helpers";
import { verifiesS256Challenge } from "./pkce";
import { signAccessToken } from "./signing-key";

type Params = Record<string, string>;

// The authentication method the emulator reports: it signs in by email only.
const AUTHENTICATION_METHOD = "MagicAuth";

/** The client secret may come in the body (as @workos-inc/node sends it) or as a bearer token. */
function presentedSecret(request: IncomingMessage, params: Params) {
  if (params.client_secret) return params.client_secret;
  const header = request.headers.authorization ?? "";
  return header.startsWith("Bearer ")
    ? header.slice("Bearer ".length)
    : undefined;
}

export function toUserResponse(user: EmulatorUser) {
  return {
    object: "user",
    id: user.id,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    profile_picture_url: null,
    last_sign_in_at: new Date().toISOString(),
    locale: null,
    external_id: null,
    metadata: {},
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

async function sendSession(
  response: ServerResponse,
  context: EmulatorContext,
  session: EmulatorSession,
) {
  const user = context.store.userById(session.userId);
  if (!user) {
    sendOAuthError(
      response,
      400,
      "invalid_grant",
      "The user no longer exists.",
    );
    return;
  }
  const accessToken = await signAccessToken({
    issuer: context.issuer,
    userId: user.id,
    sessionId: session.id,
    organizationId: session.organizationId,
    role: user.role,
    ttlSeconds: context.accessTokenTtlSeconds,
  });
  sendJson(response, 200, {
    user: toUserResponse(user),
    ...(session.organizationId && { organization_id: session.organizationId }),
    access_token: accessToken,
    refresh_token: context.store.issueRefreshToken(session.id),
    authentication_method: AUTHENTICATION_METHOD,
  });
}

async function exchangeCode(
  response: ServerResponse,
  context: EmulatorContext,
  params: Params,
  hasValidSecret: boolean,
) {
  const redemption = context.store.redeemCode(params.code ?? "");
  if (!redemption.ok) {
    sendOAuthError(
      response,
      400,
      "invalid_grant",
      `The code is ${redemption.reason}.`,
    );
    return;
  }
  const { code } = redemption;
  if (code.codeChallenge !== null) {
    const verifier = params.code_verifier ?? "";
    if (!verifiesS256Challenge(verifier, code.codeChallenge)) {
      sendOAuthError(
        response,
        400,
        "invalid_grant",
        "The code_verifier does not match the code_challenge.",
      );
      return;
    }
  } else if (!hasValidSecret) {
    // Without PKCE only a confidential client may redeem a code.
    sendOAuthError(
      response,
      400,
      "invalid_grant",
      "A client_secret or code_verifier is required.",
    );
    return;
  }
  const user = context.store.userById(code.userId);
  const session = context.store.startSession(code.userId, user?.organizationId);
  context.store.linkCodeToSession(code, session.id);
  await sendSession(response, context, session);
}

async function refresh(
  response: ServerResponse,
  context: EmulatorContext,
  params: Params,
) {
  const session = context.store.redeemRefreshToken(params.refresh_token ?? "");
  if (!session) {
    sendOAuthError(
      response,
      400,
      "invalid_grant",
      "The refresh token is invalid, used or revoked.",
    );
    return;
  }
  if (params.organization_id) session.organizationId = params.organization_id;
  await sendSession(response, context, session);
}

/** POST /user_management/authenticate */
export async function authenticate(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
  params: Params,
) {
  if (params.client_id !== context.clientId) {
    sendOAuthError(response, 400, "invalid_client", "Invalid client ID.");
    return;
  }
  const secret = presentedSecret(request, params);
  if (secret !== undefined && secret !== context.apiKey) {
    sendOAuthError(response, 401, "invalid_client", "Invalid client secret.");
    return;
  }
  switch (params.grant_type) {
    case "authorization_code":
      await exchangeCode(response, context, params, secret !== undefined);
      return;
    case "refresh_token":
      await refresh(response, context, params);
      return;
    default:
      sendOAuthError(
        response,
        400,
        "unsupported_grant_type",
        "Use authorization_code or refresh_token.",
      );
  }
}
