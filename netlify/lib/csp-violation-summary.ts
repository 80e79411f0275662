/**
 * What the csp-report function logs about one violation: which directive,
 * what kind of thing was blocked, and on which part of the app. Nothing a
 * person typed or owns: the blocked URL is cut to its origin (a page's own
 * or a remote host), the page to its first path segment ("/day"), and the
 * script sample browsers attach is never read.
 */
export interface CspViolationSummary {
  disposition: "enforce" | "report";
  directive: string;
  blocked: string;
  page: string;
}

/** Most reports a single request may carry into the log. */
export const MAX_LOGGED_VIOLATIONS = 10;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// CSP keywords browsers put in blocked-uri / blockedURL instead of a URL.
const BLOCKED_KEYWORDS = new Set([
  "inline",
  "eval",
  "wasm-eval",
  "trusted-types-policy",
  "trusted-types-sink",
  "self",
]);

function directiveOf(value: unknown) {
  if (typeof value !== "string") return "unknown";
  // "style-src-elem 'self'" (old violated-directive) -> "style-src-elem"
  const name = value.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return /^[a-z-]{1,40}$/.test(name) ? name : "unknown";
}

function blockedOf(value: unknown) {
  if (typeof value !== "string" || value === "") return "unknown";
  if (BLOCKED_KEYWORDS.has(value)) return value;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:")
      return url.origin;
    if (url.protocol === "ws:" || url.protocol === "wss:") return url.origin;
    // data:, blob:, chrome-extension: ... the scheme alone says enough.
    return /^[a-z][a-z0-9+.-]{0,30}:$/.test(url.protocol)
      ? url.protocol
      : "unknown";
  } catch {
    return "unknown";
  }
}

function pageOf(value: unknown) {
  if (typeof value !== "string") return "unknown";
  try {
    const segment = new URL(value).pathname.split("/")[1] ?? "";
    return /^[a-z-]{1,30}$/.test(segment) ? `/${segment}` : "/";
  } catch {
    return "unknown";
  }
}

function summarize(
  disposition: unknown,
  directive: unknown,
  blocked: unknown,
  page: unknown,
): CspViolationSummary {
  return {
    disposition: disposition === "report" ? "report" : "enforce",
    directive: directiveOf(directive),
    blocked: blockedOf(blocked),
    page: pageOf(page),
  };
}

/**
 * Both shapes browsers send: `application/csp-report` (report-uri: one
 * `{"csp-report": {...}}`) and `application/reports+json` (report-to: an
 * array of reports, of which only `csp-violation` ones are read). Anything
 * else yields no summaries.
 */
export function summarizeCspReports(body: unknown): CspViolationSummary[] {
  if (isObject(body) && isObject(body["csp-report"])) {
    const report = body["csp-report"];
    return [
      summarize(
        report.disposition,
        report["effective-directive"] ?? report["violated-directive"],
        report["blocked-uri"],
        report["document-uri"],
      ),
    ];
  }
  if (!Array.isArray(body)) return [];
  return body
    .filter(
      (report): report is Json & { body: Json } =>
        isObject(report) &&
        report.type === "csp-violation" &&
        isObject(report.body),
    )
    .map(({ body: report }) =>
      summarize(
        report.disposition,
        report.effectiveDirective,
        report.blockedURL,
        report.documentURL,
      ),
    );
}

export function describeViolation(summary: CspViolationSummary) {
  return `${summary.disposition} ${summary.directive} blocked ${summary.blocked} on ${summary.page}`;
}
