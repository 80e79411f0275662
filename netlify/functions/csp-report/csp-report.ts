import type { Config } from "@netlify/functions";
import {
  describeViolation,
  MAX_LOGGED_VIOLATIONS,
  summarizeCspReports,
} from "../../lib/csp-violation-summary";
import { emptyResponse, jsonResponse } from "../../lib/responses";
import { checkSiteHost } from "../../lib/site-host-check";

// A real report is a few hundred bytes; a batch from the Reporting API a few KB.
export const MAX_REPORT_BYTES = 64 * 1024;

const REPORT_CONTENT_TYPES = new Set([
  "application/csp-report",
  "application/reports+json",
  // Some browsers send report-uri reports as plain JSON.
  "application/json",
]);

function logReport(what: string) {
  console.warn(`[csp-report] ${what}`);
}

/** The body as text, or null once it passes `limit` bytes (reading stops there). */
async function readBodyUpTo(request: Request, limit: number) {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function refusal(status: number, error: string, extra = {}) {
  return jsonResponse(status, { error }, [], extra);
}

/**
 * POST /csp-report: where browsers send Content-Security-Policy violations
 * (netlify.toml's report-to and report-uri). Logs a short, bounded summary
 * of each (see csp-violation-summary.ts) and answers 204. Reports carry no
 * credentials and need none; anyone can send one, so nothing in them is
 * trusted beyond the log line.
 */
export default async function cspReport(request: Request): Promise<Response> {
  if (request.method !== "POST") {
    return refusal(405, "method_not_allowed", { Allow: "POST" });
  }
  const host = checkSiteHost(request, logReport);
  if (!host.ok) return host.response;
  const contentType = (request.headers.get("content-type") ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (!contentType || !REPORT_CONTENT_TYPES.has(contentType)) {
    return refusal(415, "unsupported_media_type");
  }
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_REPORT_BYTES) return refusal(413, "too_large");
  const text = await readBodyUpTo(request, MAX_REPORT_BYTES);
  if (text === null) return refusal(413, "too_large");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refusal(400, "invalid_json");
  }
  const violations = summarizeCspReports(body);
  for (const violation of violations.slice(0, MAX_LOGGED_VIOLATIONS)) {
    logReport(describeViolation(violation));
  }
  if (violations.length > MAX_LOGGED_VIOLATIONS) {
    logReport(
      `and ${violations.length - MAX_LOGGED_VIOLATIONS} more in the same request`,
    );
  }
  return emptyResponse(204);
}

export const config: Config = { path: "/csp-report" };
