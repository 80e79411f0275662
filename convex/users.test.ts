import type { UserIdentity } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { ALICE, BOB, identity, newBackend, type Backend } from "./test.setup";

let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

/** A token that carries no profile claims, only who the caller is. */
function bareIdentity(name: string): Partial<UserIdentity> {
  const { subject, issuer } = identity(name);
  return { subject, issuer };
}

function allUserRows() {
  return t.run((ctx) => ctx.db.query("users").take(100));
}

/** A stand-in for WorkOS's GET /user_management/users/:id. */
function stubWorkos(users: Record<string, Record<string, unknown>>) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const id = decodeURIComponent(url.split("/").at(-1)!);
    const auth = new Headers(init?.headers).get("Authorization");
    if (auth !== "Bearer sk_test_key") return new Response("", { status: 401 });
    const user = users[id];
    if (!user) return new Response("{}", { status: 404 });
    return Response.json({ object: "user", id, ...user });
  });
  vi.stubGlobal("fetch", fetch);
  vi.stubEnv("WORKOS_API_KEY", "sk_test_key");
  vi.stubEnv("WORKOS_API_BASE_URL", "https://workos.test/");
  return fetch;
}

async function runScheduled() {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

describe("me", () => {
  test("is null before the first sync", async () => {
    expect(await t.withIdentity(ALICE).query(api.users.me, {})).toBeNull();
  });
});

describe("syncProfile", () => {
  test("stores the token's claims", async () => {
    const dave = t.withIdentity({
      ...identity("dave"),
      name: " Dave From Token ",
      email: "dave@token.example",
      pictureUrl: "https://token.example/dave.png",
    });
    await dave.mutation(api.users.syncProfile, {});
    expect(await dave.query(api.users.me, {})).toMatchObject({
      userId: "user_dave",
      name: "Dave From Token",
      email: "dave@token.example",
      pictureUrl: "https://token.example/dave.png",
    });
  });

  test("takes no profile arguments: a client-sent profile is refused, never stored", async () => {
    const carol = t.withIdentity(bareIdentity("carol"));
    const sent = { name: "Mallory", email: "mallory@evil.example" };
    await expect(
      carol.mutation(
        api.users.syncProfile,
        sent as unknown as Record<string, never>,
      ),
    ).rejects.toThrow(/name|email/);
    await carol.mutation(api.users.syncProfile, {});
    const me = await carol.query(api.users.me, {});
    expect(me).toMatchObject({ userId: "user_carol" });
    expect(me!.email).toBeUndefined();
    expect(me!.name).toBeUndefined();
  });

  test("skips claims that are not fit to store: a non-https picture, control characters, blank text", async () => {
    for (const pictureUrl of [
      "http://img.example.com/a.png",
      "javascript:alert(1)",
      "//img.example.com/a.png",
    ]) {
      const erin = t.withIdentity({
        ...bareIdentity("erin"),
        name: "\u200b",
        email: "erin\u0000@example.com",
        pictureUrl,
      });
      await erin.mutation(api.users.syncProfile, {});
      const me = await erin.query(api.users.me, {});
      expect(me!.pictureUrl).toBeUndefined();
      expect(me!.name).toBeUndefined();
      expect(me!.email).toBeUndefined();
    }
  });

  test("a second sync updates the caller's one row in place", async () => {
    const carol = t.withIdentity({ ...bareIdentity("carol"), name: "Carol" });
    await carol.mutation(api.users.syncProfile, {});
    const first = await carol.query(api.users.me, {});
    const renamed = t.withIdentity({
      ...bareIdentity("carol"),
      name: "Carol B",
      email: "carol@example.com",
    });
    await renamed.mutation(api.users.syncProfile, {});
    const second = await carol.query(api.users.me, {});
    expect(second!._id).toBe(first!._id);
    expect(second).toMatchObject({
      name: "Carol B",
      email: "carol@example.com",
    });
    expect(await allUserRows()).toHaveLength(1);
  });

  test("Bob's sync never touches Alice's row", async () => {
    const alice = t.withIdentity({ ...ALICE, email: "alice@example.com" });
    await alice.mutation(api.users.syncProfile, {});
    const aliceRow = await alice.query(api.users.me, {});
    const bob = t.withIdentity(BOB);
    await bob.mutation(api.users.syncProfile, {});
    expect(await alice.query(api.users.me, {})).toEqual(aliceRow);
    expect(await bob.query(api.users.me, {})).toMatchObject({
      userId: "user_bob",
      name: "bob",
    });
    expect((await allUserRows()).map((row) => row.userId).sort()).toEqual([
      "user_alice",
      "user_bob",
    ]);
  });

  test("takes no user id from the client", async () => {
    const bob = t.withIdentity(BOB);
    const sneaky = { userId: "user_alice" };
    await expect(
      bob.mutation(
        api.users.syncProfile,
        sneaky as unknown as Record<string, never>,
      ),
    ).rejects.toThrow(/userId/);
    expect(await allUserRows()).toEqual([]);
  });
});

describe("profiles stored before syncProfile took no arguments", () => {
  /** A row as the browser's own profile left it: no `source`. */
  async function browserSentRow(userId: string) {
    await t.run((ctx) =>
      ctx.db.insert("users", {
        userId,
        name: "Mallory",
        email: "mallory@evil.example",
        pictureUrl: "https://evil.example/m.png",
        updatedAt: 0,
      }),
    );
  }

  test("are cleared by a sync whose token has no profile claims, without an API key", async () => {
    vi.stubEnv("WORKOS_API_KEY", "");
    await browserSentRow("user_carol");
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    const me = await carol.query(api.users.me, {});
    expect(me).toMatchObject({ userId: "user_carol" });
    expect(me!.name).toBeUndefined();
    expect(me!.email).toBeUndefined();
    expect(me!.pictureUrl).toBeUndefined();
    expect(await allUserRows()).toHaveLength(1);
  });

  test("keep only what the token says when it carries some claims", async () => {
    vi.stubEnv("WORKOS_API_KEY", "");
    await browserSentRow("user_carol");
    const carol = t.withIdentity({ ...bareIdentity("carol"), name: "Carol" });
    await carol.mutation(api.users.syncProfile, {});
    const me = await carol.query(api.users.me, {});
    expect(me).toMatchObject({ name: "Carol", source: "token" });
    expect(me!.email).toBeUndefined();
    expect(me!.pictureUrl).toBeUndefined();
  });

  test("are replaced by the profile fetched from WorkOS", async () => {
    stubWorkos({ user_carol: { email: "carol@example.com" } });
    await browserSentRow("user_carol");
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    await runScheduled();
    const me = await carol.query(api.users.me, {});
    expect(me).toMatchObject({ email: "carol@example.com", source: "workos" });
    expect(me!.name).toBeUndefined();
    expect(me!.pictureUrl).toBeUndefined();
  });

  test("a profile from the token is kept by a later sync whose token has no claims", async () => {
    vi.stubEnv("WORKOS_API_KEY", "");
    await t
      .withIdentity({ ...bareIdentity("carol"), email: "carol@example.com" })
      .mutation(api.users.syncProfile, {});
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    expect(await carol.query(api.users.me, {})).toMatchObject({
      email: "carol@example.com",
      source: "token",
    });
  });
});

describe("the profile from WorkOS, for tokens without an email claim", () => {
  test("is fetched with the API key and stored on the caller's row", async () => {
    const fetch = stubWorkos({
      user_carol: {
        email: "carol@example.com",
        first_name: "Carol",
        last_name: "Jones",
        profile_picture_url: "https://img.example.com/carol.png",
      },
    });
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    await runScheduled();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe(
      "https://workos.test/user_management/users/user_carol",
    );
    expect(await carol.query(api.users.me, {})).toMatchObject({
      userId: "user_carol",
      name: "Carol Jones",
      email: "carol@example.com",
      pictureUrl: "https://img.example.com/carol.png",
    });
  });

  test("is not fetched when the token carries the email, nor without an API key", async () => {
    const fetch = stubWorkos({ user_alice: { email: "x@example.com" } });
    await t
      .withIdentity({ ...ALICE, email: "alice@example.com" })
      .mutation(api.users.syncProfile, {});
    vi.stubEnv("WORKOS_API_KEY", "");
    await t.withIdentity(BOB).mutation(api.users.syncProfile, {});
    await runScheduled();
    expect(fetch).not.toHaveBeenCalled();
  });

  test("is kept by later syncs and fetched again only after a day", async () => {
    const fetch = stubWorkos({ user_carol: { email: "carol@example.com" } });
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    await runScheduled();
    await carol.mutation(api.users.syncProfile, {});
    await runScheduled();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await carol.query(api.users.me, {})).toMatchObject({
      email: "carol@example.com",
    });
    vi.advanceTimersByTime(25 * 60 * 60 * 1000);
    await carol.mutation(api.users.syncProfile, {});
    await runScheduled();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test("a failed fetch stores nothing and leaves the row as it was", async () => {
    const fetch = stubWorkos({});
    const carol = t.withIdentity({ ...bareIdentity("carol"), name: "Carol" });
    await carol.mutation(api.users.syncProfile, {});
    const before = await carol.query(api.users.me, {});
    await runScheduled();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await carol.query(api.users.me, {})).toEqual(before);
  });

  test("an answer arriving after 'delete my data' does not bring the row back", async () => {
    stubWorkos({ user_carol: { email: "carol@example.com" } });
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {});
    await t.run(async (ctx) => {
      const row = await ctx.db.query("users").first();
      await ctx.db.delete("users", row!._id);
    });
    await runScheduled();
    expect(await allUserRows()).toEqual([]);
  });
});
