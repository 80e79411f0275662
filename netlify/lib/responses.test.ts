import { describe, expect, it } from "vitest";
import {
  jsonResponse,
  oauthErrorResponse,
  PERMISSIONS_POLICY,
  redirectResponse,
} from "./responses";

const responses = {
  json: () => jsonResponse(200, { ok: true }),
  "OAuth error": () => oauthErrorResponse(400, "invalid_grant", "Sign in."),
  redirect: () => redirectResponse("https://daybook.test/"),
};

describe.each(Object.keys(responses) as (keyof typeof responses)[])(
  "a %s response",
  (kind) => {
    it.each([
      ["Permissions-Policy", PERMISSIONS_POLICY],
      ["Cache-Control", "no-store"],
      ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
      ["Cross-Origin-Opener-Policy", "same-origin"],
      ["X-Content-Type-Options", "nosniff"],
      ["X-Frame-Options", "DENY"],
      ["Referrer-Policy", "no-referrer"],
    ])("carries %s", (name, value) => {
      expect(responses[kind]().headers.get(name)).toBe(value);
    });
  },
);

it("the Permissions-Policy denies camera, microphone and geolocation", () => {
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"])
    expect(PERMISSIONS_POLICY).toContain(feature);
});
