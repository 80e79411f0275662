import {
  AuthenticationException,
  GenericServerException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
} from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { describeWorkosFailure } from "./workos-failure";

describe("describeWorkosFailure", () => {
  it.each([
    [
      "invalid_grant",
      new OauthException(
        400,
        "req",
        "invalid_grant",
        "Code for a@b.c is used",
        {},
      ),
      400,
      "invalid_grant",
      true,
    ],
    [
      "another OAuth error",
      new OauthException(400, "req", "invalid_client", "x", {}),
      400,
      "invalid_client",
      false,
    ],
    [
      "sso_required",
      new AuthenticationException(
        403,
        { code: "sso_required", message: "m" } as never,
        "req",
      ),
      400,
      "sso_required",
      true,
    ],
    [
      "a timeout",
      new OauthException(408, "req", "Request timeout", undefined, {}),
      503,
      "temporarily_unavailable",
      false,
    ],
    [
      "rate limiting",
      new RateLimitExceededException("slow down", "req", 7),
      503,
      "temporarily_unavailable",
      false,
    ],
    [
      "a 5xx",
      new GenericServerException(503, "down", {} as never, "req"),
      502,
      "server_error",
      false,
    ],
    [
      "a network failure",
      new Error("Unexpected error", { cause: new TypeError("fetch failed") }),
      503,
      "temporarily_unavailable",
      false,
    ],
    [
      "a rejected API key",
      new UnauthorizedException("req"),
      500,
      "server_error",
      false,
    ],
  ])("maps %s", (_, error, status, code, endsSession) => {
    const failure = describeWorkosFailure(error);
    expect(failure).toMatchObject({ status, error: code, endsSession });
  });

  it("never repeats WorkOS's free-text description", () => {
    const failure = describeWorkosFailure(
      new OauthException(
        400,
        "req",
        "invalid_grant",
        "Code for ada@example.com was used",
        {},
      ),
    );
    expect(JSON.stringify(failure)).not.toContain("ada@example.com");
  });

  it("passes Retry-After on rate limiting", () => {
    expect(
      describeWorkosFailure(new RateLimitExceededException("m", "r", 7))
        .retryAfterSeconds,
    ).toBe(7);
  });
});
