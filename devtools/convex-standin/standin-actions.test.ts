import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { DEFAULT_EMULATOR_API_KEY } from "../workos-emulator/emulator";
import {
  connectClient,
  signIn,
  startStack,
  stopStack,
  type Stack,
} from "./test-helpers";

let stack: Stack;

beforeAll(async () => {
  // The emulator's default key, as the deployment's WORKOS_API_KEY.
  stack = await startStack({ workosApiKey: DEFAULT_EMULATOR_API_KEY });
});

afterAll(async () => {
  await stopStack(stack);
});

async function signedInClient(email: string) {
  const { accessToken } = await signIn(stack.emulator, email);
  const client = connectClient(stack.standin);
  const confirmed = new Promise<boolean>((resolve) =>
    client.setAuth(async () => accessToken, resolve),
  );
  expect(await confirmed).toBe(true);
  return client;
}

describe("actions and scheduled work in the stand-in", () => {
  it("runs the search action for the signed-in caller", async () => {
    const client = await signedInClient("ada@example.com");
    await client.mutation(api.todos.create, {
      day: "2025-07-01",
      text: "water the plants",
    });
    const found = await client.action(api.search.search, { text: "plants" });
    expect(found.todos.map((todo) => todo.text)).toEqual(["water the plants"]);
    await client.close();
  });

  it("fetches the profile from the emulator when the token has no email claim", async () => {
    const client = await signedInClient("grace@example.com");
    await client.mutation(api.users.syncProfile, {});
    await vi.waitFor(
      async () => {
        const me = await client.query(api.users.me, {});
        expect(me?.email).toBe("grace@example.com");
      },
      { timeout: 20_000, interval: 100 },
    );
    await client.close();
  });

  it("sends RATE_LIMITED with retryAfterMs through to the client", async () => {
    const client = await signedInClient("flood@example.com");
    const error = await (async () => {
      for (let i = 0; i < 1_000; i++) {
        try {
          await client.mutation(api.days.setArchived, {
            day: "2025-07-02",
            archived: i % 2 === 0,
          });
        } catch (e) {
          return e;
        }
      }
      return expect.fail("1,000 mutations passed without a refusal");
    })();
    expect(error).toBeInstanceOf(ConvexError);
    const data = (error as ConvexError<{ [key: string]: string | number }>)
      .data;
    expect(data).toMatchObject({ code: "RATE_LIMITED" });
    expect(data.retryAfterMs).toBeGreaterThan(0);
    expect(data.message).toMatch(/^Slow down — try again in \d+ s\.$/);
    await client.close();
  });
});
