import type { IncomingMessage, ServerResponse } from "node:http";
import { toUserResponse } from "./authenticate-route";
import type { EmulatorContext } from "./emulator-context";
import { sendJson } from "./http-helpers";

const USER_PATH = /^\/user_management\/users\/([^/]+)$/;

/** The user id of a `GET /user_management/users/:id` path, or null. */
export function userIdInPath(pathname: string): string | null {
  const match = USER_PATH.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * GET /user_management/users/:id: server-side, needs the API key. The
 * Convex backend asks it for a profile when a token carries no email claim.
 */
export function getUser(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
  userId: string,
) {
  if (request.headers.authorization !== `Bearer ${context.apiKey}`) {
    sendJson(response, 401, { message: "Unauthorized" });
    return;
  }
  const user = context.store.userById(userId);
  if (!user) {
    sendJson(response, 404, {
      message: "User not found.",
      code: "entity_not_found",
    });
    return;
  }
  sendJson(response, 200, toUserResponse(user));
}
