import { describe, expect, it, vi } from "vitest";
import { AsyncLock } from "./async-lock";
import type { FunctionRunner } from "./function-runner";
import { SyncSession, type SyncContext } from "./sync-session";

/** A session over a runner that counts the queries it runs. */
function sessionWithCountingRunner() {
  const runs: string[] = [];
  const runner = {
    run: vi.fn(async (_kind: string, _identity: unknown, udfPath: string) => {
      runs.push(udfPath);
      return { success: true as const, value: 1 };
    }),
  } as unknown as FunctionRunner;
  let ts = 1n;
  const context: SyncContext = {
    runner,
    verifyToken: async () => ({
      identity: { subject: "user_1", issuer: "test", tokenIdentifier: "t" },
      expiresAt: Date.now() / 1000 + 3600,
    }),
    commitLock: new AsyncLock(),
    currentTs: () => ts,
    advanceTs: () => (ts += 1n),
    publishToAll: async () => {},
    onCommitted: () => {},
    mutationDelayMs: () => 0,
    beforeFirstSignIn: async () => {},
  };
  const sent: { type: string }[] = [];
  const session = new SyncSession(
    {
      send: (text) => sent.push(JSON.parse(text) as { type: string }),
      close: () => {},
    },
    context,
  );
  const transitions = () =>
    sent.filter((message) => message.type === "Transition").length;
  return { session, runs, transitions, advance: () => (ts += 1n) };
}

function addQuery(version: number, queryId: number, udfPath: string) {
  return JSON.stringify({
    type: "ModifyQuerySet",
    baseVersion: version,
    newVersion: version + 1,
    modifications: [{ type: "Add", queryId, udfPath, args: [{}] }],
  });
}

describe("a sync session's query runs", () => {
  it("runs only the added query on a query set change, and every query after a commit or a new identity", async () => {
    const { session, runs, transitions, advance } = sessionWithCountingRunner();
    session.receive(
      JSON.stringify({
        type: "Authenticate",
        tokenType: "User",
        value: "token",
        baseVersion: 0,
      }),
    );
    session.receive(addQuery(0, 1, "todos:listForDay"));
    session.receive(addQuery(1, 2, "notes:listForDay"));
    await vi.waitFor(() => expect(transitions()).toBe(3));
    expect(runs).toEqual(["todos:listForDay", "notes:listForDay"]);

    runs.length = 0;
    const ts = advance();
    await session.pushUpdates(ts);
    expect(runs).toEqual(["todos:listForDay", "notes:listForDay"]);

    runs.length = 0;
    session.receive(
      JSON.stringify({
        type: "Authenticate",
        tokenType: "User",
        value: "token",
        baseVersion: 1,
      }),
    );
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    expect(runs).toEqual(["todos:listForDay", "notes:listForDay"]);
  });
});
