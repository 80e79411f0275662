import { createHash } from "node:crypto";
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import {
  CACHE_KEY_COOKIE,
  cacheKeyOf,
  cookiesUnlessCacheKeySet,
  SESSION_COOKIE,
  SESSION_MARKER_COOKIE,
  signedInCookies,
  signedOutCookies,
} from "./session-cookies";

const SITE = new URL("https://daybook.example");
const USER_ID = "user_01JABCDEF";

function byName(headers: string[]) {
  return new Map(
    headers.map((header) => {
      const cookie = parseSetCookie(header);
      return [cookie.name, cookie];
    }),
  );
}

describe("the local cache key cookie", () => {
  it("is an opaque hash of the user id, never the id itself", () => {
    const key = cacheKeyOf(USER_ID);
    expect(key).toBe(
      createHash("sha256")
        .update(`daybook-cache:${USER_ID}`)
        .digest("base64url"),
    );
    expect(key).not.toContain(USER_ID);
    expect(cacheKeyOf("user_other")).not.toBe(key);
  });

  it("is set with sign-in, readable by the page, with the marker's lifetime and flags", () => {
    const cookies = byName(
      signedInCookies(SITE, "sealed", "client_1", USER_ID),
    );
    const cacheKey = cookies.get(CACHE_KEY_COOKIE);
    const marker = cookies.get(SESSION_MARKER_COOKIE);
    expect(cacheKey).toMatchObject({
      value: cacheKeyOf(USER_ID),
      path: "/",
      secure: true,
      sameSite: "strict",
      maxAge: marker?.maxAge,
    });
    expect(cacheKey?.httpOnly).toBeFalsy();
  });

  it("is deleted with sign-out", () => {
    const cacheKey = byName(signedOutCookies(SITE)).get(CACHE_KEY_COOKIE);
    expect(cacheKey).toMatchObject({ value: "", path: "/", maxAge: 0 });
  });

  it("is added to an unrotated answer only when the browser lacks this user's key, and never outlives the session and marker cookies", () => {
    const session = `${SESSION_COOKIE}=sealed-session`;
    const request = (cookie?: string) =>
      new Request(`${SITE.origin}/user_management/authenticate`, {
        headers: { cookie: cookie ? `${session}; ${cookie}` : session },
      });
    expect(
      cookiesUnlessCacheKeySet(
        request(`${CACHE_KEY_COOKIE}=${cacheKeyOf(USER_ID)}`),
        SITE,
        "client_1",
        USER_ID,
      ),
    ).toEqual([]);
    for (const stale of [undefined, `${CACHE_KEY_COOKIE}=someone-else`]) {
      const set = byName(
        cookiesUnlessCacheKeySet(request(stale), SITE, "client_1", USER_ID),
      );
      const cacheKey = set.get(CACHE_KEY_COOKIE);
      expect(cacheKey?.value).toBe(cacheKeyOf(USER_ID));
      // Set again beside it, with the same lifetime from now, so the key
      // cannot be left behind when they expire.
      expect(set.get(SESSION_COOKIE)).toMatchObject({
        value: "sealed-session",
        maxAge: cacheKey?.maxAge,
      });
      expect(set.get(SESSION_MARKER_COOKIE)).toMatchObject({
        value: "client_1",
        maxAge: cacheKey?.maxAge,
      });
    }
  });
});
