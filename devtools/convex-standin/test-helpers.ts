/**
 * Shared by the stand-in's tests: a WorkOS emulator plus stand-in pair, real
 * Convex clients over `ws`, and tokens minted by (or forged against) the
 * emulator.
 */
import { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import { generateKeyPair, SignJWT } from "jose";
import { WebSocket } from "ws";
import {
  startWorkosEmulator,
  type WorkosEmulator,
} from "../workos-emulator/emulator";
import { getSigningKey } from "../workos-emulator/signing-key";
import {
  startConvexStandin,
  type ConvexStandin,
  type ConvexStandinOptions,
} from "./standin";

export type Stack = { emulator: WorkosEmulator; standin: ConvexStandin };

export async function startStack(
  options: Partial<ConvexStandinOptions> = {},
): Promise<Stack> {
  const emulator = await startWorkosEmulator();
  const standin = await startConvexStandin({
    workosApiBaseUrl: emulator.baseUrl,
    workosClientId: emulator.clientId,
    ...options,
  });
  return { emulator, standin };
}

export async function stopStack(stack: Stack) {
  await stack.standin.close();
  await stack.emulator.close();
}

/** The client the app's ConvexReactClient wraps, on Node's `ws`. */
export function connectClient(standin: ConvexStandin) {
  return new ConvexClient(standin.url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    logger: false,
  });
}

export type Tokens = { accessToken: string; refreshToken: string };

/** Signs in through the emulator's authorize + authenticate endpoints. */
export async function signIn(
  emulator: WorkosEmulator,
  email: string,
): Promise<Tokens> {
  emulator.setAutoSignIn(email);
  const authorize = new URL(`${emulator.baseUrl}/user_management/authorize`);
  authorize.search = new URLSearchParams({
    client_id: emulator.clientId,
    redirect_uri: "http://localhost:5173/callback",
    response_type: "code",
  }).toString();
  const redirect = await fetch(authorize, { redirect: "manual" });
  const code = new URL(redirect.headers.get("location") ?? "").searchParams.get(
    "code",
  );
  return exchange(emulator, {
    grant_type: "authorization_code",
    code: code ?? "",
  });
}

export function refresh(emulator: WorkosEmulator, refreshToken: string) {
  return exchange(emulator, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  });
}

async function exchange(
  emulator: WorkosEmulator,
  params: Record<string, string>,
): Promise<Tokens> {
  const response = await fetch(
    `${emulator.baseUrl}/user_management/authenticate`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: emulator.clientId,
        client_secret: emulator.apiKey,
        ...params,
      }),
    },
  );
  if (!response.ok) throw new Error(`authenticate: ${response.status}`);
  const body = (await response.json()) as {
    access_token: string;
    refresh_token: string;
  };
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

type ForgeOptions = {
  issuer: string;
  subject?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a fresh key that the emulator's JWKS does not hold. */
  foreignKey?: boolean;
  audience?: string;
};

/** A token shaped like the emulator's, with one thing wrong on purpose. */
export async function forgeToken(options: ForgeOptions) {
  const emulatorKey = await getSigningKey();
  const key = options.foreignKey
    ? (await generateKeyPair("RS256")).privateKey
    : emulatorKey.privateKey;
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? 300;
  const audience = options.audience ? { aud: options.audience } : {};
  return new SignJWT({ sid: "session_forged", ...audience })
    .setProtectedHeader({ alg: "RS256", kid: emulatorKey.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setSubject(options.subject ?? "user_forged")
    .setIssuedAt(now - 600)
    .setExpirationTime(now + expiresIn)
    .sign(key);
}

/**
 * Resolves with the first result of a live subscription that passes
 * `accept` (the subscription is then dropped); rejects on a query error.
 */
export function firstResult<Query extends FunctionReference<"query">>(
  client: ConvexClient,
  query: Query,
  args: Query["_args"],
  accept: (value: Query["_returnType"]) => boolean = () => true,
): Promise<Query["_returnType"]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const unsubscribe = client.onUpdate(
      query,
      args,
      (value) => {
        if (settled || !accept(value)) return;
        settled = true;
        queueMicrotask(() => unsubscribe());
        resolve(value);
      },
      (error) => {
        if (settled) return;
        settled = true;
        queueMicrotask(() => unsubscribe());
        reject(error);
      },
    );
  });
}

type WireMessage = { type: string } & Record<string, unknown>;

/**
 * A bare protocol connection, for asserting exact messages: `send` a client
 * message, `next` resolves with the next server message of a type (Pings
 * are skipped).
 */
export async function openRawSession(standin: ConvexStandin) {
  const socket = new WebSocket(
    `${standin.url.replace(/^http/, "ws")}/api/1.48.0/sync`,
  );
  const received: WireMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString("utf8")) as WireMessage;
    if (message.type === "Ping") return;
    received.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.on("open", resolve);
    socket.on("error", reject);
  });
  return {
    send(message: object) {
      socket.send(JSON.stringify(message));
    },
    async next(type: string): Promise<WireMessage> {
      for (;;) {
        const index = received.findIndex((message) => message.type === type);
        if (index !== -1) return received.splice(index, 1)[0]!;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close() {
      socket.close();
    },
  };
}

/** Decodes the protocol's base64 little-endian u64 timestamps. */
export function decodeTs(encoded: unknown): bigint {
  return Buffer.from(String(encoded), "base64").readBigUInt64LE();
}
