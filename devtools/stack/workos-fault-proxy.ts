import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { freePort } from "./ports";

/**
 * What happens to a token refresh (POST /user_management/authenticate with
 * grant_type=refresh_token) on its way between the sign-in functions and
 * WorkOS. Every fault but `fail` forwards the request first, so WorkOS has
 * rotated the refresh token whatever the functions then hear.
 */
export type RefreshFault =
  /** WorkOS answers `ms` late (a slow WorkOS). */
  | { kind: "delay"; ms: number }
  /** WorkOS answers, but the answer is kept until released (see releaseHeld). */
  | { kind: "hold" }
  /** WorkOS answers, but the functions' connection is reset instead. */
  | { kind: "drop" }
  /** WorkOS never sees the request; the functions get `status` (an outage page). */
  | { kind: "fail"; status: number };

/** One token request that passed the proxy, as the tests see it. */
export interface TokenExchange {
  grantType: string | undefined;
  /** WorkOS's status, or the one `fail` made up; undefined while in flight. */
  status: number | undefined;
  fault: RefreshFault["kind"] | undefined;
  /** When WorkOS answered (Date.now()); undefined for `fail` and in flight. */
  answeredAt: number | undefined;
  /** Whether the functions got an answer at all (dropped: never). */
  delivered: boolean;
  /** Whether the proxy is done with it (answered, dropped, or given up on). */
  settled: boolean;
}

export interface WorkosFaultProxy {
  /** What the functions' WORKOS_API_HOSTNAME / WORKOS_API_PORT point at. */
  hostname: string;
  port: number;
  url: string;
  /**
   * Applies `fault` to the next `times` refreshes (every refresh when
   * `times` is absent), replacing any fault set before.
   */
  injectRefreshFault(fault: RefreshFault, options?: { times?: number }): void;
  /** Refreshes pass untouched again; held answers are delivered. */
  clearFaults(): void;
  /** Delivers the answers kept by `hold`; resolves with how many. */
  releaseHeld(): number;
  /**
   * WorkOS is unreachable: the port stops listening (connection refused)
   * and open connections are reset, for sign-in pages and API calls alike.
   */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  /** Every token request so far, oldest first. */
  tokenExchanges(): TokenExchange[];
  close(): Promise<void>;
}

const HOSTNAME = "127.0.0.1";
const TOKEN_PATH = "/user_management/authenticate";
// Hop-by-hop headers describe one connection, not the message.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
]);

interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function endToEndHeaders(headers: IncomingHttpHeaders) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** grant_type of a token request, JSON (as @workos-inc/node sends) or a form. */
function grantTypeOf(body: Buffer, contentType: string | undefined) {
  const text = body.toString("utf8");
  try {
    if (contentType?.includes("json")) {
      const parsed = JSON.parse(text) as { grant_type?: unknown };
      return typeof parsed.grant_type === "string"
        ? parsed.grant_type
        : undefined;
    }
    return new URLSearchParams(text).get("grant_type") ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * An HTTP proxy between the sign-in functions and the WorkOS emulator that
 * can make WorkOS slow, lose its answers, fail, or be down, for the browser
 * tests of how sign-in survives such faults. Everything else (the sign-in
 * page, logout, JWKS) passes through unchanged while it is up.
 *
 * It listens on a port from ports.ts's quiet range, so that the same port
 * is still free when it comes back after goDown().
 */
export async function startWorkosFaultProxy(
  emulatorBaseUrl: string,
): Promise<WorkosFaultProxy> {
  const target = new URL(emulatorBaseUrl);
  const port = await freePort();
  const exchanges: TokenExchange[] = [];
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let fault: RefreshFault | undefined;
  let faultsLeft = Number.POSITIVE_INFINITY;
  let server: Server | undefined;

  function forward(
    request: IncomingMessage,
    body: Buffer,
  ): Promise<UpstreamAnswer> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: { ...endToEndHeaders(request.headers), host: target.host },
        },
        (answer) => {
          readBody(answer).then(
            (answerBody) =>
              resolve({
                status: answer.statusCode ?? 502,
                headers: answer.headers,
                body: answerBody,
              }),
            reject,
          );
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  function deliver(response: ServerResponse, answer: UpstreamAnswer) {
    if (response.destroyed) return;
    const headers = endToEndHeaders(answer.headers);
    delete headers["content-length"];
    response
      .writeHead(answer.status, {
        ...headers,
        "content-length": String(answer.body.length),
      })
      .end(answer.body);
  }

  /** The fault for this refresh, counting it against `times`. */
  function takeFault(): RefreshFault | undefined {
    if (!fault || faultsLeft <= 0) return undefined;
    faultsLeft -= 1;
    return fault;
  }

  async function handleTokenRequest(
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ) {
    const grantType = grantTypeOf(body, request.headers["content-type"]);
    const applied = grantType === "refresh_token" ? takeFault() : undefined;
    const exchange: TokenExchange = {
      grantType,
      status: undefined,
      fault: applied?.kind,
      answeredAt: undefined,
      delivered: false,
      settled: false,
    };
    exchanges.push(exchange);
    if (applied?.kind === "fail") {
      exchange.status = applied.status;
      exchange.delivered = true;
      exchange.settled = true;
      response
        .writeHead(applied.status, { "content-type": "text/html" })
        .end("<h1>Service unavailable (fault proxy)</h1>");
      return;
    }
    const answer = await forward(request, body);
    exchange.status = answer.status;
    exchange.answeredAt = Date.now();
    if (applied?.kind === "drop") {
      response.socket?.resetAndDestroy();
      exchange.settled = true;
      return;
    }
    if (applied?.kind === "delay") await delay(applied.ms);
    if (applied?.kind === "hold") {
      await new Promise<void>((resolve) => held.push(resolve));
    }
    exchange.delivered = !response.destroyed;
    deliver(response, answer);
    exchange.settled = true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    if (request.method === "POST" && request.url?.startsWith(TOKEN_PATH)) {
      await handleTokenRequest(request, response, body);
      return;
    }
    deliver(response, await forward(request, body));
  }

  async function listen() {
    const next = createServer((request, response) => {
      handle(request, response).catch(() => {
        // WorkOS itself unreachable, or the functions hung up: as a real
        // network would, reset rather than make up an answer.
        response.socket?.resetAndDestroy();
      });
    });
    next.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen({ port, host: HOSTNAME, exclusive: true }, () => resolve());
    });
    server = next;
  }

  async function stopListening() {
    const current = server;
    server = undefined;
    if (!current) return;
    const closed = new Promise<void>((resolve) =>
      current.close(() => resolve()),
    );
    for (const socket of sockets) socket.resetAndDestroy();
    await closed;
  }

  function releaseHeld() {
    const waiting = held.splice(0);
    for (const release of waiting) release();
    return waiting.length;
  }

  await listen();
  return {
    hostname: HOSTNAME,
    port,
    url: `http://${HOSTNAME}:${port}`,
    injectRefreshFault(next, options = {}) {
      fault = next;
      faultsLeft = options.times ?? Number.POSITIVE_INFINITY;
    },
    clearFaults() {
      fault = undefined;
      releaseHeld();
    },
    releaseHeld,
    goDown: stopListening,
    async comeBack() {
      if (!server) await listen();
    },
    tokenExchanges: () => exchanges.map((exchange) => ({ ...exchange })),
    async close() {
      releaseHeld();
      await stopListening();
    },
  };
}
