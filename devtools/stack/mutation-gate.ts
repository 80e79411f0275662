import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import WebSocket, { WebSocketServer, type RawData } from "ws";

/** A mutation the gate is holding back, as the browser sent it. */
export interface HeldMutation {
  udfPath: string;
  args: unknown;
}

export interface MutationGate {
  /** What the site's /api/* rule points at instead of the stand-in. */
  url: string;
  /** From now on, mutations wait at the gate instead of reaching the stand-in. */
  hold(): void;
  /** Sends every held mutation on, in the order sent, and stops holding. */
  release(): void;
  /** The mutations waiting at the gate now. */
  held(): HeldMutation[];
  close(): Promise<void>;
}

interface Frame {
  data: RawData;
  isBinary: boolean;
}

interface Waiting {
  mutation: HeldMutation;
  send(): void;
}

/** The Mutation message in a frame from the browser, if that is what it is. */
function mutationIn({ data, isBinary }: Frame): HeldMutation | undefined {
  if (isBinary) return undefined;
  try {
    const message = JSON.parse(String(data)) as {
      type?: unknown;
      udfPath?: unknown;
      args?: unknown;
    };
    if (message.type !== "Mutation" || typeof message.udfPath !== "string") {
      return undefined;
    }
    return { udfPath: message.udfPath, args: message.args };
  } catch {
    return undefined;
  }
}

/** Closes `socket` the way its peer closed, as far as the protocol lets it be repeated. */
function closeLike(socket: WebSocket, code: number, reason: Buffer) {
  if (socket.readyState >= WebSocket.CLOSING) return;
  const sendable =
    code === 1000 ||
    (code >= 1001 && code <= 1003) ||
    (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999);
  if (socket.readyState === WebSocket.OPEN && sendable) {
    socket.close(code, reason);
  } else if (socket.readyState === WebSocket.OPEN && code === 1005) {
    socket.close();
  } else {
    socket.terminate(); // an abnormal end (1006) stays abnormal
  }
}

/**
 * A pass-through for the Convex sync WebSocket between the site and the
 * stand-in that can hold the browser's mutations back until released.
 *
 * Why: a test of optimistic updates must show that the page changed while
 * the server had provably not yet run the mutation. Held here, a mutation
 * has not reached the stand-in at all until the test says so, however slow
 * the machine; a delay could only make that likely. Everything else (queries,
 * authentication, pings, the stand-in's answers) passes at once, as it does
 * beside a slow mutation on a real deployment.
 */
export async function startMutationGate(
  standinUrl: string,
): Promise<MutationGate> {
  const upstreamOrigin = new URL(standinUrl).origin.replace(/^http/, "ws");
  let holding = false;
  const waiting: Waiting[] = [];
  const sockets = new Set<WebSocket>();

  function relay(client: WebSocket, path: string) {
    const upstream = new WebSocket(`${upstreamOrigin}${path}`);
    sockets.add(client).add(upstream);
    const beforeOpen: Frame[] = [];
    const send = ({ data, isBinary }: Frame) => {
      if (upstream.readyState === WebSocket.OPEN) {
        upstream.send(data, { binary: isBinary });
      } else if (upstream.readyState === WebSocket.CONNECTING) {
        beforeOpen.push({ data, isBinary });
      } // closed: the client re-sends unanswered mutations when it reconnects
    };
    upstream.on("open", () => beforeOpen.splice(0).forEach(send));
    client.on("message", (data, isBinary) => {
      const frame = { data, isBinary };
      const mutation = mutationIn(frame);
      if (mutation && holding)
        waiting.push({ mutation, send: () => send(frame) });
      else send(frame);
    });
    upstream.on("message", (data, isBinary) => {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    });
    client.on("close", (code, reason) => closeLike(upstream, code, reason));
    upstream.on("close", (code, reason) => closeLike(client, code, reason));
    for (const socket of [client, upstream]) {
      socket.on("error", () => socket.terminate());
      socket.on("close", () => sockets.delete(socket));
    }
  }

  const webSockets = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => {
    response.writeHead(404).end("Only the sync WebSocket passes here.\n");
  });
  server.on(
    "upgrade",
    (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      webSockets.handleUpgrade(request, socket, head, (client) =>
        relay(client, request.url ?? "/"),
      );
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const { send } of waiting.splice(0)) send();
    },
    held: () => waiting.map(({ mutation }) => mutation),
    async close() {
      holding = false;
      waiting.length = 0;
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
