import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads a JSON or form-encoded body into a flat record of strings. */
export async function readBodyParams(
  request: IncomingMessage,
): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const contentType = request.headers["content-type"] ?? "";
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === "") return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) return {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "string") params[key] = value;
  }
  return params;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
) {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
  });
  response.end(JSON.stringify(body));
}

/** The `{error, error_description}` shape WorkOS uses for OAuth failures. */
export function sendOAuthError(
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
) {
  sendJson(response, status, { error, error_description: description });
}

/**
 * `formRedirectOrigins`: where the page's forms may end up. Browsers apply
 * CSP form-action to the redirects that follow a submission too, so the
 * sign-in page must allow the app's redirect_uri origin besides its own.
 */
export function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  formRedirectOrigins: readonly string[] = [],
) {
  const formAction = ["'self'", ...formRedirectOrigins].join(" ");
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'`,
  });
  response.end(html);
}

export function redirect(response: ServerResponse, location: string) {
  response.writeHead(302, { Location: location, "Cache-Control": "no-store" });
  response.end();
}

/**
 * The browser calls /authenticate and the JWKS cross-origin in authkit-js's
 * devMode, as it does with api.workos.com; no credentials are involved.
 */
export function allowCrossOrigin(
  request: IncomingMessage,
  response: ServerResponse,
) {
  const origin = request.headers.origin;
  if (!origin) return;
  response.setHeader("Access-Control-Allow-Origin", origin);
  response.setHeader("Vary", "Origin");
}

export function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
) {
  allowCrossOrigin(request, response);
  response.writeHead(204, {
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
  });
  response.end();
}
