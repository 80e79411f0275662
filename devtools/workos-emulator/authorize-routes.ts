import type { IncomingMessage, ServerResponse } from "node:http";
import { renderAuthorizePage } from "./authorize-page";
import type { EmulatorContext } from "./emulator-context";
import type { PendingAuthorization } from "./emulator-store";
import {
  readBodyParams,
  redirect,
  sendHtml,
  sendOAuthError,
} from "./http-helpers";

type Validation =
  | { ok: true; request: PendingAuthorization }
  | { ok: false; error: string; description: string };

function isHttpUrl(value: string) {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function validateAuthorizeQuery(
  query: URLSearchParams,
  context: EmulatorContext,
): Validation {
  const fail = (error: string, description: string): Validation => ({
    ok: false,
    error,
    description,
  });
  if (query.get("client_id") !== context.clientId) {
    return fail("invalid_client", "Invalid client ID.");
  }
  const redirectUri = query.get("redirect_uri");
  if (!redirectUri || !isHttpUrl(redirectUri)) {
    return fail("invalid_request", "redirect_uri must be an http(s) URL.");
  }
  const responseType = query.get("response_type");
  if (responseType !== null && responseType !== "code") {
    return fail(
      "unsupported_response_type",
      "Only response_type=code is supported.",
    );
  }
  const codeChallenge = query.get("code_challenge");
  if (codeChallenge !== null && query.get("code_challenge_method") !== "S256") {
    return fail("invalid_request", "code_challenge_method must be S256.");
  }
  return {
    ok: true,
    request: {
      clientId: context.clientId,
      redirectUri,
      state: query.get("state"),
      codeChallenge,
    },
  };
}

function redirectWithCode(
  response: ServerResponse,
  context: EmulatorContext,
  request: PendingAuthorization,
  email: string,
) {
  const user = context.store.findOrCreateUser({ email });
  const target = new URL(request.redirectUri);
  target.searchParams.set("code", context.store.issueCode(request, user.id));
  if (request.state !== null) target.searchParams.set("state", request.state);
  redirect(response, target.toString());
}

function autoSignInEmail(context: EmulatorContext, loginHint: string | null) {
  if (typeof context.autoSignIn === "string") return context.autoSignIn;
  if (!context.autoSignIn) return undefined;
  return loginHint ?? context.store.users[0]?.email;
}

/** GET /user_management/authorize: the sign-in page, or an immediate redirect in auto mode. */
export function showAuthorize(
  url: URL,
  response: ServerResponse,
  context: EmulatorContext,
) {
  const validation = validateAuthorizeQuery(url.searchParams, context);
  if (!validation.ok) {
    sendOAuthError(response, 400, validation.error, validation.description);
    return;
  }
  const loginHint = url.searchParams.get("login_hint");
  const email = autoSignInEmail(context, loginHint);
  if (email) {
    redirectWithCode(response, context, validation.request, email);
    return;
  }
  const page = renderAuthorizePage({
    authorizationRequestId: context.store.rememberAuthorization(
      validation.request,
    ),
    users: context.store.users,
    loginHint,
  });
  sendHtml(response, 200, page, [
    new URL(validation.request.redirectUri).origin,
  ]);
}

/** POST /user_management/authorize: the page's forms land here. */
export async function completeAuthorize(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
) {
  const form = await readBodyParams(request);
  const pending = context.store.takeAuthorization(
    form.authorization_request ?? "",
  );
  const email = form.email?.trim();
  if (!pending) {
    sendOAuthError(
      response,
      400,
      "invalid_request",
      "This sign-in page has expired; start again.",
    );
    return;
  }
  if (!email) {
    sendOAuthError(response, 400, "invalid_request", "An email is required.");
    return;
  }
  redirectWithCode(response, context, pending, email);
}
