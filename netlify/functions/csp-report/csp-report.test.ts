import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from "vitest";
import { SITE } from "../../testing/sign-in-harness";
import cspReport, { MAX_REPORT_BYTES } from "./csp-report";

let warn: MockInstance<typeof console.warn>;

beforeEach(() => {
  vi.stubEnv("URL", SITE);
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function post(body: string, contentType: string, site = SITE) {
  return cspReport(
    new Request(`${site}/csp-report`, {
      method: "POST",
      headers: { "Content-Type": contentType },
      body,
    }),
  );
}

const logged = () => warn.mock.calls.map((call) => call.join(" "));

// What Chromium sends to report-uri; the note text and address are personal.
const REPORT_URI_BODY = {
  "csp-report": {
    "document-uri": `${SITE}/day/2024-05-01?note=Dear%20diary`,
    referrer: "",
    "violated-directive": "img-src",
    "effective-directive": "img-src",
    "original-policy": "default-src 'self'",
    disposition: "enforce",
    "blocked-uri": "https://tracker.example/pixel.png?email=ada@example.com",
    "status-code": 200,
    "script-sample": "secret note text",
  },
};

// What the Reporting API sends to report-to.
const REPORT_TO_BODY = [
  {
    type: "csp-violation",
    age: 10,
    url: `${SITE}/notes/abc`,
    user_agent: "Chrome",
    body: {
      documentURL: `${SITE}/notes/abc?q=private`,
      effectiveDirective: "require-trusted-types-for",
      blockedURL: "trusted-types-sink",
      disposition: "report",
      sample: "Element innerHTML|<img src=x onerror=...>",
      statusCode: 200,
    },
  },
  { type: "deprecation", body: { id: "x" } },
];

describe("POST /csp-report", () => {
  it("accepts application/csp-report and logs a summary without personal data", async () => {
    const response = await post(
      JSON.stringify(REPORT_URI_BODY),
      "application/csp-report",
    );
    expect(response.status).toBe(204);
    expect(logged()).toEqual([
      "[csp-report] enforce img-src blocked https://tracker.example on /day",
    ]);
    const all = logged().join("\n");
    for (const secret of ["ada@example.com", "Dear", "secret note", "2024"])
      expect(all).not.toContain(secret);
  });

  it("accepts application/reports+json, reading only csp-violation reports", async () => {
    const response = await post(
      JSON.stringify(REPORT_TO_BODY),
      "application/reports+json",
    );
    expect(response.status).toBe(204);
    expect(logged()).toEqual([
      "[csp-report] report require-trusted-types-for blocked trusted-types-sink on /notes",
    ]);
    expect(logged().join("\n")).not.toContain("onerror");
  });

  it("logs at most ten violations per request, then a count", async () => {
    const many = Array.from({ length: 25 }, () => REPORT_TO_BODY[0]);
    await post(JSON.stringify(many), "application/reports+json");
    expect(logged()).toHaveLength(11);
    expect(logged().at(-1)).toBe(
      "[csp-report] and 15 more in the same request",
    );
  });

  it("keeps only a directive's name and cuts what it does not recognise to 'unknown'", async () => {
    await post(
      JSON.stringify({
        "csp-report": {
          "effective-directive": "img-src\n[auth:logout] forged line",
          "blocked-uri": "not a url",
          "document-uri": 42,
        },
      }),
      "application/csp-report",
    );
    expect(logged()).toEqual([
      "[csp-report] enforce img-src blocked unknown on unknown",
    ]);
  });

  it("answers a body over the limit with 413 and logs nothing", async () => {
    const response = await post(
      `[${" ".repeat(MAX_REPORT_BYTES)}]`,
      "application/reports+json",
    );
    expect(response.status).toBe(413);
    expect(logged()).toEqual([]);
  });

  it("answers another content type with 415", async () => {
    const response = await post("{}", "text/plain");
    expect(response.status).toBe(415);
  });

  it("answers malformed JSON with 400", async () => {
    const response = await post("{", "application/csp-report");
    expect(response.status).toBe(400);
  });

  it("answers GET with 405", async () => {
    const response = await cspReport(new Request(`${SITE}/csp-report`));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses a host not configured with 421", async () => {
    const response = await post(
      JSON.stringify(REPORT_URI_BODY),
      "application/csp-report",
      "https://evil.example",
    );
    expect(response.status).toBe(421);
    expect(logged()).toEqual([
      "[csp-report] refused a request for a host not configured",
    ]);
  });

  it("answers with the function security headers and no cookie", async () => {
    const response = await post("[]", "application/reports+json");
    expect(response.status).toBe(204);
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
