import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { startMutationGate, type MutationGate } from "./mutation-gate";

const SYNC_PATH = "/api/1.0.0/sync";

/** A stand-in for the stand-in: records what arrives, on the path it arrived. */
interface Upstream {
  url: string;
  received: { path: string; message: unknown }[];
  sockets: WebSocket[];
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const upstream: Upstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: [],
    sockets: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server.on("connection", (socket, request) => {
    upstream.sockets.push(socket);
    socket.on("message", (data) =>
      upstream.received.push({
        path: request.url ?? "",
        message: JSON.parse(String(data)) as unknown,
      }),
    );
  });
  return upstream;
}

async function connect(gate: MutationGate) {
  const socket = new WebSocket(
    `${gate.url.replace(/^http/, "ws")}${SYNC_PATH}`,
  );
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return socket;
}

const mutation = (requestId: number) => ({
  type: "Mutation",
  requestId,
  udfPath: "todos:create",
  args: [{ text: `todo ${requestId}` }],
});
const query = { type: "ModifyQuerySet", baseVersion: 0, newVersion: 1 };

describe("startMutationGate", () => {
  let upstream: Upstream;
  let gate: MutationGate;
  const clients: WebSocket[] = [];

  beforeEach(async () => {
    upstream = await startUpstream();
    gate = await startMutationGate(upstream.url);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.terminate();
    await gate.close();
    await upstream.close();
  });

  async function client() {
    const socket = await connect(gate);
    clients.push(socket);
    return socket;
  }

  it("passes messages both ways, on the same path", async () => {
    const socket = await client();
    const answer = new Promise<string>((resolve) =>
      socket.once("message", (data) => resolve(String(data))),
    );
    socket.send(JSON.stringify(mutation(1)));
    await expect
      .poll(() => upstream.received)
      .toEqual([{ path: SYNC_PATH, message: mutation(1) }]);
    upstream.sockets[0]!.send('{"type":"Ping"}');
    expect(await answer).toBe('{"type":"Ping"}');
  });

  it("holds mutations while holding, lets everything else through, and releases them in order", async () => {
    const socket = await client();
    gate.hold();
    socket.send(JSON.stringify(mutation(1)));
    socket.send(JSON.stringify(query));
    socket.send(JSON.stringify(mutation(2)));
    await expect
      .poll(() => upstream.received)
      .toEqual([{ path: SYNC_PATH, message: query }]);
    expect(gate.held()).toEqual([
      { udfPath: "todos:create", args: [{ text: "todo 1" }] },
      { udfPath: "todos:create", args: [{ text: "todo 2" }] },
    ]);

    gate.release();
    expect(gate.held()).toEqual([]);
    await expect
      .poll(() => upstream.received.map(({ message }) => message))
      .toEqual([query, mutation(1), mutation(2)]);
  });

  it("closes the browser's side when the stand-in's side closes", async () => {
    const socket = await client();
    await expect.poll(() => upstream.sockets.length).toBe(1);
    const closed = new Promise<number>((resolve) =>
      socket.once("close", (code) => resolve(code)),
    );
    upstream.sockets[0]!.close(1011, "FatalError");
    expect(await closed).toBe(1011);
  });

  it("records each mutation's outcome and watched query results with their timestamps", async () => {
    const socket = await client();
    gate.watchQuery("account:deletionStatus");
    socket.send(
      JSON.stringify({
        ...query,
        modifications: [
          {
            type: "Add",
            queryId: 7,
            udfPath: "account:deletionStatus",
            args: [{}],
          },
          { type: "Add", queryId: 8, udfPath: "todos:listForDay", args: [{}] },
        ],
      }),
    );
    socket.send(JSON.stringify(mutation(1)));
    await expect.poll(() => upstream.received.length).toBe(2);
    const ts = (value: bigint) => {
      const bytes = Buffer.alloc(8);
      bytes.writeBigUInt64LE(value);
      return bytes.toString("base64");
    };
    const stateVersion = { querySet: 1, identity: 0, ts: ts(41n) };
    upstream.sockets[0]!.send(
      JSON.stringify({
        type: "MutationResponse",
        requestId: 1,
        success: true,
        result: "id_1",
        ts: ts(42n),
        logLines: [],
      }),
    );
    upstream.sockets[0]!.send(
      JSON.stringify({
        type: "Transition",
        startVersion: stateVersion,
        endVersion: { ...stateVersion, ts: ts(43n) },
        modifications: [
          { type: "QueryUpdated", queryId: 7, value: { status: "done" } },
          { type: "QueryUpdated", queryId: 8, value: [] },
        ],
      }),
    );
    await expect
      .poll(() => gate.outcomes())
      .toEqual([
        {
          udfPath: "todos:create",
          args: [{ text: "todo 1" }],
          success: true,
          result: "id_1",
          ts: 42n,
        },
      ]);
    await expect
      .poll(() => gate.queryUpdates("account:deletionStatus"))
      .toEqual([
        {
          udfPath: "account:deletionStatus",
          value: { status: "done" },
          ts: 43n,
        },
      ]);
    expect(gate.queryUpdates("todos:listForDay")).toEqual([]);
  });

  it("goes down (connections dropped, none accepted) and comes back on the same address", async () => {
    const socket = await client();
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await gate.takeDown();
    await closed;
    await expect(connect(gate)).rejects.toThrow();

    await gate.bringBack();
    const again = await client();
    again.send(JSON.stringify(mutation(3)));
    await expect
      .poll(() => upstream.received.map(({ message }) => message))
      .toContainEqual(mutation(3));
  });

  it("lets chosen held mutations through, and the rest once a watched query says so", async () => {
    const socket = await client();
    socket.send(
      JSON.stringify({
        ...query,
        modifications: [
          {
            type: "Add",
            queryId: 1,
            udfPath: "account:deletionStatus",
            args: [],
          },
        ],
      }),
    );
    gate.hold();
    socket.send(JSON.stringify(mutation(1)));
    socket.send(
      JSON.stringify({ ...mutation(2), udfPath: "account:deleteMyData" }),
    );
    await expect.poll(() => gate.held().length).toBe(2);

    gate.releaseMatching(({ udfPath }) => udfPath === "account:deleteMyData");
    await expect
      .poll(() => upstream.received.map(({ message }) => message))
      .toContainEqual({ ...mutation(2), udfPath: "account:deleteMyData" });
    expect(gate.held()).toEqual([
      { udfPath: "todos:create", args: [{ text: "todo 1" }] },
    ]);

    gate.releaseWhenQuery(
      "account:deletionStatus",
      (value) => (value as { status?: string }).status === "done",
    );
    const transition = (status: string) =>
      JSON.stringify({
        type: "Transition",
        startVersion: { querySet: 1, identity: 0, ts: "AAAAAAAAAAA=" },
        endVersion: { querySet: 1, identity: 0, ts: "AQAAAAAAAAA=" },
        modifications: [
          { type: "QueryUpdated", queryId: 1, value: { status } },
        ],
      });
    upstream.sockets[0]!.send(transition("deleting"));
    await expect
      .poll(() => gate.queryUpdates("account:deletionStatus").length)
      .toBe(1);
    expect(gate.held()).toHaveLength(1);
    upstream.sockets[0]!.send(transition("done"));
    await expect
      .poll(() => upstream.received.map(({ message }) => message))
      .toContainEqual(mutation(1));
    expect(gate.held()).toEqual([]);
  });
});
