import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";
import { AsyncLock } from "./async-lock";
import { loadAuthProviders } from "./auth-providers";
import { CronRunner, loadCronJobs } from "./cron-runner";
import { createFunctionRunner } from "./function-runner";
import { ScheduledWorkWatcher } from "./scheduled-work-watcher";
import { SyncSession, type SyncContext } from "./sync-session";
import { createTokenVerifier, type VerifiedIdentity } from "./token-verifier";
import { CommitClock } from "./wire-protocol";
import type { FunctionOutcome } from "./function-runner";
import type { JSONValue } from "convex/values";

/** Runs functions as one user, for seeding. */
export interface SeedUser {
  subject: string;
  mutation(udfPath: string, args: JSONValue): Promise<FunctionOutcome>;
}

export interface ConvexStandinOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on and to name in the URL; default 127.0.0.1. */
  hostname?: string;
  /** Become WORKOS_API_BASE_URL / WORKOS_CLIENT_ID for convex/auth.config.ts. */
  workosApiBaseUrl: string;
  workosClientId: string;
  /** Holds every mutation this long before it runs (optimistic-UI tests). */
  mutationDelayMs?: number;
  /** Fills each user's account on their first sign-in (the demo's --seed). */
  seed?: (user: SeedUser) => Promise<void>;
  /** The functions to run; default this repository's convex/. */
  convexDirectory?: string;
  /**
   * Becomes the deployment's WORKOS_API_KEY (with WORKOS_API_BASE_URL =
   * `workosApiBaseUrl`), so `users.syncProfile` fetches profiles from the
   * emulator for tokens without an email claim. Unset: no fetch.
   */
  workosApiKey?: string;
}

export interface ConvexStandin {
  /** What VITE_CONVEX_URL should be. */
  url: string;
  port: number;
  setMutationDelayMs(ms: number): void;
  /** Resolves once scheduled work that is due has run and been published. */
  scheduledWorkIdle(): Promise<void>;
  /**
   * Runs a cron job of `convex/crons.ts` now, by its name (they also run on
   * their schedules), and resolves once it and the work it scheduled have
   * run and been published.
   */
  runCron(name: string): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_CONVEX_DIRECTORY = fileURLToPath(
  new URL("../../convex/", import.meta.url),
);
// The client connects to `<url>/api/<client version>/sync`.
const SYNC_PATH = /^\/api\/[^/]+\/sync$/;
// Convex pings idle clients; without traffic they reconnect after 60 s.
const PING_INTERVAL_MS = 15_000;

function listen(server: Server, port: number, hostname: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
}

/**
 * Sets deployment variables for the functions, which read `process.env`
 * (convex-test runs them in this process); returns the undo. One stand-in
 * with a key per process.
 */
function setDeploymentEnv(variables: Record<string, string>): () => void {
  const before = Object.fromEntries(
    Object.keys(variables).map((name) => [name, process.env[name]]),
  );
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Starts an in-memory Convex stand-in: the production client talks to it over
 * the Convex sync protocol, and it runs the real convex/ functions through
 * convex-test. A test and demo tool, never deployed.
 */
export async function startConvexStandin(
  options: ConvexStandinOptions,
): Promise<ConvexStandin> {
  const convexDirectory = options.convexDirectory ?? DEFAULT_CONVEX_DIRECTORY;
  const hostname = options.hostname ?? "127.0.0.1";
  const runner = await createFunctionRunner(convexDirectory);
  const providers = await loadAuthProviders(convexDirectory, {
    WORKOS_CLIENT_ID: options.workosClientId,
    WORKOS_API_BASE_URL: options.workosApiBaseUrl,
  });
  const restoreEnv = options.workosApiKey
    ? setDeploymentEnv({
        WORKOS_API_KEY: options.workosApiKey,
        WORKOS_API_BASE_URL: options.workosApiBaseUrl,
      })
    : () => {};
  const clock = new CommitClock();
  const commitLock = new AsyncLock();
  const sessions = new Set<SyncSession>();
  const seededSubjects = new Set<string>();
  let mutationDelayMs = options.mutationDelayMs ?? 0;

  async function publishToAll(ts: bigint) {
    for (const session of sessions) await session.pushUpdates(ts);
  }

  const watcher = new ScheduledWorkWatcher(runner, () =>
    commitLock.run(() => publishToAll(clock.advance())),
  );

  const crons = new CronRunner(
    await loadCronJobs(runner.modules),
    async (udfPath, args) => {
      await commitLock.run(async () => {
        await runner.runAsDeployment(udfPath, args);
        await publishToAll(clock.advance());
      });
      watcher.wake();
    },
  );
  crons.start();

  async function beforeFirstSignIn({ identity }: VerifiedIdentity) {
    if (!options.seed || seededSubjects.has(identity.subject)) return;
    seededSubjects.add(identity.subject);
    await options.seed({
      subject: identity.subject,
      mutation: (udfPath, args) =>
        runner.run("mutation", identity, udfPath, args),
    });
    await commitLock.run(() => publishToAll(clock.advance()));
    watcher.wake();
  }

  const context: SyncContext = {
    runner,
    verifyToken: createTokenVerifier(providers),
    commitLock,
    currentTs: () => clock.current,
    advanceTs: () => clock.advance(),
    publishToAll,
    onCommitted: () => watcher.wake(),
    mutationDelayMs: () => mutationDelayMs,
    beforeFirstSignIn,
  };

  const webSockets = new WebSocketServer({ noServer: true });
  webSockets.on("connection", (socket: WebSocket) => {
    const session = new SyncSession(socket, context);
    sessions.add(session);
    const ping = setInterval(() => session.sendPing(), PING_INTERVAL_MS);
    socket.on("message", (data) => session.receive(data.toString("utf8")));
    socket.on("close", () => {
      clearInterval(ping);
      session.detach();
      sessions.delete(session);
    });
    socket.on("error", () => socket.terminate());
  });

  const server = createServer((request, response) => {
    // Nothing but the WebSocket is served; this answers health checks.
    const known = request.url === "/" && request.method === "GET";
    response.writeHead(known ? 200 : 404, { "content-type": "text/plain" });
    response.end(
      known
        ? "Daybook's in-memory Convex stand-in (test and demo tool).\n"
        : "The stand-in serves only the Convex sync WebSocket.\n",
    );
  });
  server.on(
    "upgrade",
    (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(request.url ?? "/", "http://standin.invalid")
        .pathname;
      if (!SYNC_PATH.test(path)) {
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
        return;
      }
      webSockets.handleUpgrade(request, socket, head, (webSocket) =>
        webSockets.emit("connection", webSocket, request),
      );
    },
  );
  await listen(server, options.port ?? 0, hostname);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${hostname}:${port}`,
    port,
    setMutationDelayMs(ms) {
      mutationDelayMs = ms;
    },
    scheduledWorkIdle: () => watcher.idle(),
    async runCron(name) {
      await crons.runNow(name);
      await watcher.idle();
    },
    async close() {
      crons.stop();
      watcher.stop();
      restoreEnv();
      for (const client of webSockets.clients) client.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
