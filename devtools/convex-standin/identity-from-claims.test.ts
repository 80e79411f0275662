import { describe, expect, it } from "vitest";
import { identityFromClaims } from "./identity-from-claims";

describe("identityFromClaims", () => {
  it("builds the identity Convex gives functions", () => {
    const identity = identityFromClaims({
      iss: "http://127.0.0.1:8484/user_management/client_emulator",
      sub: "user_123",
      aud: "client_emulator",
      exp: 2_000_000_000,
      iat: 1_999_999_700,
      jti: "token-id",
      sid: "session_1",
      email: "ada@example.com",
      email_verified: true,
      given_name: "Ada",
      picture: "https://example.com/ada.png",
      updated_at: 1_700_000_000,
    });
    expect(identity).toEqual({
      subject: "user_123",
      issuer: "http://127.0.0.1:8484/user_management/client_emulator",
      tokenIdentifier:
        "http://127.0.0.1:8484/user_management/client_emulator|user_123",
      sid: "session_1",
      email: "ada@example.com",
      emailVerified: true,
      givenName: "Ada",
      pictureUrl: "https://example.com/ada.png",
      updatedAt: "2023-11-14T22:13:20.000Z",
    });
  });
});
