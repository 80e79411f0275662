import type { UserIdentity } from "convex/server";
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import {
  ALICE,
  BOB,
  identity,
  newBackend,
  type Backend,
  expectCode,
} from "./test.setup";

let t: Backend;

beforeEach(() => {
  t = newBackend();
});

/** A token that carries no profile claims, only who the caller is. */
function bareIdentity(name: string): Partial<UserIdentity> {
  const { subject, issuer } = identity(name);
  return { subject, issuer };
}

function allUserRows() {
  return t.run((ctx) => ctx.db.query("users").take(100));
}

describe("me", () => {
  test("is null before the first sync", async () => {
    expect(await t.withIdentity(ALICE).query(api.users.me, {})).toBeNull();
  });
});

describe("syncProfile", () => {
  test("stores the client's values when the token has no profile claims", async () => {
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, {
      name: " Carol ",
      email: "carol@example.com",
      pictureUrl: "https://img.example.com/carol.png",
    });
    expect(await carol.query(api.users.me, {})).toMatchObject({
      userId: "user_carol",
      name: "Carol",
      email: "carol@example.com",
      pictureUrl: "https://img.example.com/carol.png",
    });
  });

  test("token claims win over the client's values", async () => {
    const dave = t.withIdentity({
      ...identity("dave"),
      name: "Dave From Token",
      email: "dave@token.example",
      pictureUrl: "https://token.example/dave.png",
    });
    await dave.mutation(api.users.syncProfile, {
      name: "Mallory",
      email: "mallory@evil.example",
      pictureUrl: "https://evil.example/m.png",
    });
    expect(await dave.query(api.users.me, {})).toMatchObject({
      name: "Dave From Token",
      email: "dave@token.example",
      pictureUrl: "https://token.example/dave.png",
    });
  });

  test("client values fill only what the token lacks", async () => {
    const erin = t.withIdentity({ ...bareIdentity("erin"), name: "Erin" });
    await erin.mutation(api.users.syncProfile, {
      name: "Someone Else",
      email: "erin@example.com",
    });
    const me = await erin.query(api.users.me, {});
    expect(me).toMatchObject({ name: "Erin", email: "erin@example.com" });
    expect(me!.pictureUrl).toBeUndefined();
  });

  test("a second sync updates the caller's one row in place", async () => {
    const carol = t.withIdentity(bareIdentity("carol"));
    await carol.mutation(api.users.syncProfile, { name: "Carol" });
    const first = await carol.query(api.users.me, {});
    await carol.mutation(api.users.syncProfile, { email: "carol@example.com" });
    const second = await carol.query(api.users.me, {});
    expect(second!._id).toBe(first!._id);
    expect(second).toMatchObject({ email: "carol@example.com" });
    expect(await allUserRows()).toHaveLength(1);
  });

  test("Bob's sync never touches Alice's row", async () => {
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.users.syncProfile, { email: "alice@example.com" });
    const aliceRow = await alice.query(api.users.me, {});

    const bob = t.withIdentity(BOB);
    await bob.mutation(api.users.syncProfile, {
      name: "alice",
      email: "alice@example.com",
      pictureUrl: "https://evil.example/x.png",
    });

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
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.users.syncProfile, { email: "alice@example.com" });
    const aliceRow = await alice.query(api.users.me, {});
    const bob = t.withIdentity(BOB);
    const sneaky = { userId: "user_alice", email: "bob@evil.example" };
    await expect(
      bob.mutation(api.users.syncProfile, sneaky as { email: string }),
    ).rejects.toThrow(/userId/);
    expect(await alice.query(api.users.me, {})).toEqual(aliceRow);
    expect(await bob.query(api.users.me, {})).toBeNull();
  });

  test("a picture URL must be https", async () => {
    const carol = t.withIdentity(bareIdentity("carol"));
    for (const pictureUrl of [
      "http://img.example.com/a.png",
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "//img.example.com/a.png",
    ]) {
      await expectCode(
        carol.mutation(api.users.syncProfile, { name: "Carol", pictureUrl }),
        "INVALID_ARGUMENT",
      );
    }
    expect(await carol.query(api.users.me, {})).toBeNull();
    await carol.mutation(api.users.syncProfile, {
      pictureUrl: "https://img.example.com/a.png",
    });
    expect((await carol.query(api.users.me, {}))!.pictureUrl).toBe(
      "https://img.example.com/a.png",
    );
  });
});
