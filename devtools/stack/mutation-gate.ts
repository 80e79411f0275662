import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import WebSocket, { WebSocketServer, type RawData } from "ws";
import { freePort } from "./ports";

/** A mutation the gate is holding back, as the browser sent it. */
export interface HeldMutation {
  udfPath: string;
  args: unknown;
}

/** A mutation the stand-in answered, with the commit timestamp it gave. */
export interface MutationOutcome {
  udfPath: string;
  args: unknown;
  success: boolean;
  /** The return value, or the error message when it failed. */
  result: unknown;
  /** Commit timestamp (success only); comparable with QueryUpdate.ts. */
  ts: bigint | undefined;
}

/** A watched query's new result, as one browser connection received it. */
export interface QueryUpdate {
  udfPath: string;
  value: unknown;
  /** The timestamp of the database state the result was read at. */
  ts: bigint;
}

export interface MutationGate {
  /** What the site's /api/* rule points at instead of the stand-in. */
  url: string;
  /** From now on, mutations wait at the gate instead of reaching the stand-in. */
  hold(): void;
  /** Sends every held mutation on, in the order sent, and stops holding. */
  release(): void;
  /** Sends the held mutations `which` picks on, in order; the rest wait on. */
  releaseMatching(which: (mutation: HeldMutation) => boolean): void;
  /**
   * Calls release() the moment a result of a query of `udfPath` that
   * `ready` accepts passes the gate: held writes then reach the stand-in at
   * a chosen point of its own work (say, half-way through a deletion).
   */
  releaseWhenQuery(udfPath: string, ready: (value: unknown) => boolean): void;
  /** The mutations waiting at the gate now. */
  held(): HeldMutation[];
  /** Every mutation the stand-in has answered through the gate, in order. */
  outcomes(): MutationOutcome[];
  /** From now on, keeps every result of queries of `udfPath` (queryUpdates). */
  watchQuery(udfPath: string): void;
  queryUpdates(udfPath: string): QueryUpdate[];
  /**
   * The backend is unreachable: the gate stops listening and drops every
   * sync connection, as if the stand-in had gone away. Its data is kept.
   */
  takeDown(): Promise<void>;
  /** Listens again on the same port; browsers reconnect on their own. */
  bringBack(): Promise<void>;
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

/** The stand-in's timestamps: base64 of a little-endian u64. */
function decodeTs(value: unknown): bigint | undefined {
  if (typeof value !== "string") return undefined;
  const bytes = Buffer.from(value, "base64");
  return bytes.length === 8 ? bytes.readBigUInt64LE() : undefined;
}

function parseJson(frame: Frame): Record<string, unknown> | undefined {
  if (frame.isBinary) return undefined;
  try {
    const parsed: unknown = JSON.parse(String(frame.data));
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What one browser connection asked and was told, as far as tests read it:
 * which mutation each answer belongs to, and which query each result.
 */
class ConnectionLog {
  private readonly mutations = new Map<number, HeldMutation>();
  private readonly queries = new Map<number, string>();

  constructor(
    private readonly outcomes: MutationOutcome[],
    private readonly watched: Map<string, QueryUpdate[]>,
    private readonly onUpdate: (update: QueryUpdate) => void,
  ) {}

  fromClient(frame: Frame) {
    const message = parseJson(frame);
    if (message?.type === "Mutation" && typeof message.requestId === "number") {
      this.mutations.set(message.requestId, {
        udfPath: String(message.udfPath),
        args: message.args,
      });
    } else if (message?.type === "ModifyQuerySet") {
      const changes = (message.modifications ?? []) as {
        type?: string;
        queryId?: number;
        udfPath?: string;
      }[];
      for (const change of changes) {
        if (change.type === "Add" && typeof change.queryId === "number") {
          this.queries.set(change.queryId, String(change.udfPath));
        } else if (typeof change.queryId === "number") {
          this.queries.delete(change.queryId);
        }
      }
    }
  }

  fromServer(frame: Frame) {
    const message = parseJson(frame);
    if (
      message?.type === "MutationResponse" &&
      typeof message.requestId === "number"
    ) {
      const mutation = this.mutations.get(message.requestId);
      this.mutations.delete(message.requestId);
      if (!mutation) return;
      this.outcomes.push({
        ...mutation,
        success: message.success === true,
        result: message.result,
        ts: decodeTs(message.ts),
      });
    } else if (message?.type === "Transition") {
      const ts = decodeTs((message.endVersion as { ts?: unknown })?.ts);
      if (ts === undefined) return;
      const changes = (message.modifications ?? []) as {
        type?: string;
        queryId?: number;
        value?: unknown;
      }[];
      for (const change of changes) {
        if (change.type !== "QueryUpdated") continue;
        const udfPath = this.queries.get(change.queryId ?? -1);
        const updates = udfPath ? this.watched.get(udfPath) : undefined;
        if (!updates) continue;
        const update = { udfPath: udfPath!, value: change.value, ts };
        updates.push(update);
        this.onUpdate(update);
      }
    }
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
  const outcomes: MutationOutcome[] = [];
  const watched = new Map<string, QueryUpdate[]>();
  let releaseTrigger:
    { udfPath: string; ready: (value: unknown) => boolean } | undefined;

  function release() {
    holding = false;
    releaseTrigger = undefined;
    for (const { send } of waiting.splice(0)) send();
  }

  function onUpdate(update: QueryUpdate) {
    if (
      releaseTrigger?.udfPath === update.udfPath &&
      releaseTrigger.ready(update.value)
    ) {
      release();
    }
  }

  function relay(client: WebSocket, path: string) {
    const upstream = new WebSocket(`${upstreamOrigin}${path}`);
    const log = new ConnectionLog(outcomes, watched, onUpdate);
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
      log.fromClient(frame);
      const mutation = mutationIn(frame);
      if (mutation && holding)
        waiting.push({ mutation, send: () => send(frame) });
      else send(frame);
    });
    upstream.on("message", (data, isBinary) => {
      log.fromServer({ data, isBinary });
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
  // From the quiet range, so that it is still free when the gate comes back.
  const port = await freePort();
  let server: Server | undefined;

  async function listen() {
    const next = createServer((_request, response) => {
      response.writeHead(404).end("Only the sync WebSocket passes here.\n");
    });
    next.on(
      "upgrade",
      (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        webSockets.handleUpgrade(request, socket, head, (client) =>
          relay(client, request.url ?? "/"),
        );
      },
    );
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen({ port, host: "127.0.0.1", exclusive: true }, () =>
        resolve(),
      );
    });
    server = next;
  }

  async function stopListening() {
    const current = server;
    server = undefined;
    // Unsent held mutations go with their connections; the browser re-sends.
    waiting.length = 0;
    for (const socket of sockets) socket.terminate();
    if (!current) return;
    await new Promise<void>((resolve, reject) => {
      current.close((error) => (error ? reject(error) : resolve()));
      current.closeAllConnections();
    });
  }

  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      holding = true;
    },
    release,
    releaseMatching(which) {
      const chosen = waiting.filter(({ mutation }) => which(mutation));
      for (const entry of chosen) waiting.splice(waiting.indexOf(entry), 1);
      for (const { send } of chosen) send();
    },
    releaseWhenQuery(udfPath, ready) {
      if (!watched.has(udfPath)) watched.set(udfPath, []);
      releaseTrigger = { udfPath, ready };
    },
    held: () => waiting.map(({ mutation }) => mutation),
    outcomes: () => [...outcomes],
    watchQuery(udfPath) {
      if (!watched.has(udfPath)) watched.set(udfPath, []);
    },
    queryUpdates: (udfPath) => [...(watched.get(udfPath) ?? [])],
    takeDown: stopListening,
    async bringBack() {
      if (!server) await listen();
    },
    async close() {
      holding = false;
      releaseTrigger = undefined;
      await stopListening();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}
