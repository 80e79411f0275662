import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context";
import { redirect, sendHtml, sendJson } from "./http-helpers";

/** GET /user_management/sessions/logout: ends the session, then returns the browser. */
export function logout(
  url: URL,
  response: ServerResponse,
  context: EmulatorContext,
) {
  const sessionId = url.searchParams.get("session_id");
  if (sessionId) context.store.endSession(sessionId);
  const returnTo = url.searchParams.get("return_to");
  if (returnTo && /^https?:\/\//.test(returnTo)) {
    redirect(response, returnTo);
    return;
  }
  sendHtml(
    response,
    200,
    "<!doctype html><title>Signed out</title><p>Signed out.</p>",
  );
}

/** POST /user_management/sessions/revoke: server-side, needs the API key. */
export function revokeSession(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
  params: Record<string, string>,
) {
  if (request.headers.authorization !== `Bearer ${context.apiKey}`) {
    sendJson(response, 401, { message: "Unauthorized" });
    return;
  }
  if (!params.session_id || !context.store.endSession(params.session_id)) {
    sendJson(response, 404, {
      message: "Session not found.",
      code: "entity_not_found",
    });
    return;
  }
  sendJson(response, 200, {});
}
