import type { AuthenticationResponse } from "@workos-inc/node";
import type { Config } from "@netlify/functions";
import { logAuthProblem } from "../../lib/auth-log";
import { defineAuthRoute, type AuthRouteContext } from "../../lib/auth-route";
import { toBrowserAuthenticationResponse } from "../../lib/browser-authentication-response";
import { jsonResponse, oauthErrorResponse } from "../../lib/responses";
import { unsealSession } from "../../lib/sealed-session";
import {
  BROWSER_COOKIE_LIMIT_BYTES,
  readSessionCookie,
  signedInCookies,
  signedOutCookies,
} from "../../lib/session-cookies";
import { describeWorkosFailure } from "../../lib/workos-failure";

type Body = Record<string, unknown>;
type Grant = "authorization_code" | "refresh_token";

async function readJsonObject(request: Request): Promise<Body | undefined> {
  try {
    const parsed: unknown = await request.json();
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Body)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Body, name: string) {
  const value = body[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Lets WorkOS record the browser's address and agent on the session, not Netlify's. */
function clientDetails(request: Request) {
  return {
    ipAddress: request.headers.get("x-nf-client-connection-ip") ?? undefined,
    userAgent: request.headers.get("user-agent") ?? undefined,
  };
}

/** Runs one WorkOS call and answers with the new session or the mapped failure. */
async function answerWithSession(
  grant: Grant,
  { config, siteUrl }: AuthRouteContext,
  callWorkos: () => Promise<AuthenticationResponse>,
) {
  let result: AuthenticationResponse;
  try {
    result = await callWorkos();
  } catch (error) {
    const failure = describeWorkosFailure(error);
    logAuthProblem("authenticate", `${grant} failed: ${failure.logReason}`);
    return oauthErrorResponse(
      failure.status,
      failure.error,
      failure.description,
      failure.endsSession ? signedOutCookies(siteUrl) : [],
      failure.retryAfterSeconds
        ? { "Retry-After": String(failure.retryAfterSeconds) }
        : {},
    );
  }
  if (!result.sealedSession) {
    throw new Error("WorkOS SDK returned no sealed session");
  }
  const cookies = signedInCookies(
    siteUrl,
    result.sealedSession,
    config.clientId,
  );
  if (cookies.some((cookie) => cookie.length > BROWSER_COOKIE_LIMIT_BYTES)) {
    // Browsers drop such a cookie silently; say so instead of failing mysteriously.
    logAuthProblem(
      "authenticate",
      "session cookie exceeds the 4096-byte browser limit",
    );
  }
  return jsonResponse(200, toBrowserAuthenticationResponse(result), cookies);
}

function exchangeCode(request: Request, body: Body, context: AuthRouteContext) {
  const code = stringField(body, "code");
  const codeVerifier = stringField(body, "code_verifier");
  if (!code || !codeVerifier) {
    return oauthErrorResponse(
      400,
      "invalid_request",
      "code and code_verifier are required.",
    );
  }
  const { config, workos } = context;
  return answerWithSession("authorization_code", context, () =>
    workos.userManagement.authenticateWithCode({
      clientId: config.clientId,
      code,
      codeVerifier,
      ...clientDetails(request),
      session: { sealSession: true, cookiePassword: config.cookiePassword },
    }),
  );
}

async function refreshSession(
  request: Request,
  body: Body,
  context: AuthRouteContext,
) {
  const { config, workos, siteUrl } = context;
  // The refresh token only ever comes from the HttpOnly cookie, never the body.
  const session = await unsealSession(
    workos,
    config,
    readSessionCookie(request),
  );
  if (!session) {
    return oauthErrorResponse(
      400,
      "invalid_grant",
      "There is no session to refresh; sign in again.",
      signedOutCookies(siteUrl),
    );
  }
  return answerWithSession("refresh_token", context, () =>
    workos.userManagement.authenticateWithRefreshToken({
      clientId: config.clientId,
      refreshToken: session.refreshToken,
      // After a reload authkit-js no longer knows the organization; keep the session's.
      organizationId:
        stringField(body, "organization_id") ?? session.organizationId,
      ...clientDetails(request),
      session: { sealSession: true, cookiePassword: config.cookiePassword },
    }),
  );
}

/**
 * POST /user_management/authenticate: authkit-js's code exchange and silent
 * refresh. The refresh token lives only in the sealed HttpOnly cookie.
 */
export default defineAuthRoute({
  name: "authenticate",
  method: "POST",
  async handle(request, context) {
    const body = await readJsonObject(request);
    if (!body) {
      return oauthErrorResponse(
        400,
        "invalid_request",
        "Send a JSON object body.",
      );
    }
    if (body.client_id !== context.config.clientId) {
      return oauthErrorResponse(400, "invalid_client", "Unknown client_id.");
    }
    switch (body.grant_type) {
      case "authorization_code":
        return exchangeCode(request, body, context);
      case "refresh_token":
        return refreshSession(request, body, context);
      default:
        return oauthErrorResponse(
          400,
          "unsupported_grant_type",
          "Use authorization_code or refresh_token.",
        );
    }
  },
});

export const config: Config = { path: "/user_management/authenticate" };
