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
  const allowed = { origins: ["https://daybook.example"] };

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

describe("allowedOriginOf on Netlify, where functions see only URL and SITE_NAME", () => {
  const allowed = {
    origins: ["https://daybook.example"],
    netlifySiteName: "daybook",
  };

  it.each([
    "https://deploy-preview-7--daybook.netlify.app/user_management/authorize",
    "https://feature-login--daybook.netlify.app/",
    "https://65f1c0ffee0123456789abcd--daybook.netlify.app/",
  ])("accepts this site's deploy address %s", (url) => {
    expect(allowedOriginOf(new Request(url), allowed)).toBe(
      new URL(url).origin,
    );
  });

  it.each([
    "https://deploy-preview-7--other.netlify.app/",
    "https://deploy-preview-7--daybook.netlify.app.evil.example/",
    "http://deploy-preview-7--daybook.netlify.app/",
    "https://deploy-preview-7--daybook.netlify.app:8443/",
    "https://a.b--daybook.netlify.app/",
    "https://x--evil--daybook.netlify.app/",
    "https://--daybook.netlify.app/",
    "https://daybook.netlify.app/",
    "https://evil-daybook.netlify.app/",
  ])("refuses %s", (url) => {
    expect(allowedOriginOf(new Request(url), allowed)).toBeNull();
  });

  it("reads SITE_NAME, and refuses one that is not a site name", () => {
    expect(
      readSiteOrigins({ URL: "https://daybook.example", SITE_NAME: "Daybook" }),
    ).toEqual({
      ok: true,
      origins: ["https://daybook.example"],
      netlifySiteName: "daybook",
    });
    expect(
      readSiteOrigins({ URL: "https://daybook.example", SITE_NAME: "a.b" }),
    ).toEqual({
      ok: false,
      problems: ["SITE_NAME must be a Netlify site name."],
    });
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
