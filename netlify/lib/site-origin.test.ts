import { describe, expect, it } from "vitest";
import { allowedOriginOf, isOnSite, readSiteOrigins } from "./site-origin";

describe("readSiteOrigins", () => {
  it("takes the origins of URL, DEPLOY_PRIME_URL and each SITE_ORIGINS entry", () => {
    expect(
      readSiteOrigins({
        URL: "https://daybook.example",
        DEPLOY_PRIME_URL: "https://main--daybook.netlify.app/",
        SITE_ORIGINS:
          " https://www.daybook.example ,http://localhost:8888/path,,https://daybook.example",
      }),
    ).toEqual({
      ok: true,
      origins: [
        "https://daybook.example",
        "https://main--daybook.netlify.app",
        "https://www.daybook.example",
        "http://localhost:8888",
      ],
    });
  });

  it("names the variable to set when nothing is configured", () => {
    expect(readSiteOrigins({})).toEqual({
      ok: false,
      problems: ["URL is not set (nor SITE_ORIGINS)."],
    });
  });

  it.each([
    [{ URL: "daybook.example" }, "URL must be an http(s) URL."],
    [
      { URL: "https://daybook.example", SITE_ORIGINS: "javascript:alert(1)" },
      "SITE_ORIGINS must be a comma-separated list of http(s) origins.",
    ],
  ])("refuses a malformed value (%j)", (env, problem) => {
    expect(readSiteOrigins(env)).toEqual({ ok: false, problems: [problem] });
  });
});

describe("allowedOriginOf", () => {
  const allowed = ["https://daybook.example"];

  it("returns the configured origin the request is addressed to", () => {
    expect(
      allowedOriginOf(new Request("https://daybook.example/x?y=1"), allowed),
    ).toBe("https://daybook.example");
  });

  it.each([
    "https://evil.example/",
    "http://daybook.example/",
    "https://daybook.example:8443/",
    "https://daybook.example.evil.example/",
  ])("refuses %s", (url) => {
    expect(allowedOriginOf(new Request(url), allowed)).toBeNull();
  });
});

describe("isOnSite", () => {
  it.each([
    ["https://daybook.example/callback", true],
    ["https://daybook.example", true],
    ["https://evil.example/", false],
    ["//daybook.example/x", false],
    ["/callback", false],
    ["javascript:alert(1)", false],
    [null, false],
  ])("%s -> %s", (value, expected) => {
    expect(isOnSite("https://daybook.example", value)).toBe(expected);
  });
});
