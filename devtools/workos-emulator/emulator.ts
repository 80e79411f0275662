import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./authenticate-route";
import { completeAuthorize, showAuthorize } from "./authorize-routes";
import type { EmulatorContext } from "./emulator-context";
import { EmulatorStore } from "./emulator-store";
import {
  allowCrossOrigin,
  answerPreflight,
  BodyTooLargeError,
  readBodyParams,
  sendJson,
} from "./http-helpers";
import { logout, revokeSession } from "./session-routes";
import { getSigningKey } from "./signing-key";
import { getUser, userIdInPath } from "./user-routes";
import { READY_MADE_TEST_USERS, type EmulatorUserSeed } from "./test-users";

export interface WorkosEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on and to name in URLs; default 127.0.0.1. */
  hostname?: string;
  clientId?: string;
  /** The secret API key clients must present when they present one. */
  apiKey?: string;
  users?: readonly EmulatorUserSeed[];
  /** See {@link EmulatorContext.autoSignIn}. */
  autoSignIn?: boolean | string;
  /** WorkOS's default is five minutes. */
  accessTokenTtlSeconds?: number;
}

export interface WorkosEmulator {
  baseUrl: string;
  hostname: string;
  port: number;
  clientId: string;
  apiKey: string;
  /** The `iss` of its access tokens. */
  issuer: string;
  jwksUrl: string;
  /** For `new WorkOS({ ...emulator.sdkOptions })` or authkit-js's props. */
  sdkOptions: { apiHostname: string; port: number; https: false };
  /** Simulates a WorkOS outage: every endpoint answers 503 while down. */
  setDown(down: boolean): void;
  setAutoSignIn(autoSignIn: boolean | string): void;
  /** Access tokens issued from now on live this long (tests of token expiry). */
  setAccessTokenTtlSeconds(seconds: number): void;
  close(): Promise<void>;
}

export const DEFAULT_EMULATOR_CLIENT_ID = "client_emulator";
export const DEFAULT_EMULATOR_API_KEY = "sk_test_emulator";

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
) {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  const endpoint = `${request.method} ${url.pathname}`;
  if (request.method === "OPTIONS") {
    answerPreflight(request, response);
    return;
  }
  const userId = userIdInPath(url.pathname);
  if (request.method === "GET" && userId !== null) {
    getUser(request, response, context, userId);
    return;
  }
  switch (endpoint) {
    case "GET /user_management/authorize":
      showAuthorize(url, response, context);
      return;
    case "POST /user_management/authorize":
      await completeAuthorize(request, response, context);
      return;
    case "POST /user_management/authenticate":
      allowCrossOrigin(request, response);
      await authenticate(
        request,
        response,
        context,
        await readBodyParams(request),
      );
      return;
    case `GET /sso/jwks/${context.clientId}`:
      allowCrossOrigin(request, response);
      sendJson(response, 200, { keys: [(await getSigningKey()).publicJwk] });
      return;
    case "GET /user_management/sessions/logout":
      logout(url, response, context);
      return;
    case "POST /user_management/sessions/revoke":
      revokeSession(request, response, context, await readBodyParams(request));
      return;
    default:
      sendJson(response, 404, {
        message: `No emulated endpoint for ${endpoint}.`,
      });
  }
}

function answerFailure(response: ServerResponse, error: unknown) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof BodyTooLargeError) {
    sendJson(response, 413, { message: "Request body too large." });
  } else if (error instanceof SyntaxError) {
    sendJson(response, 400, {
      error: "invalid_request",
      error_description: "Malformed JSON body.",
    });
  } else {
    console.error("WorkOS emulator: unexpected failure", error);
    sendJson(response, 500, { message: "Emulator failure." });
  }
}

/** Starts a local, in-memory stand-in for the WorkOS User Management API. */
export async function startWorkosEmulator(
  options: WorkosEmulatorOptions = {},
): Promise<WorkosEmulator> {
  const hostname = options.hostname ?? "127.0.0.1";
  const clientId = options.clientId ?? DEFAULT_EMULATOR_CLIENT_ID;
  const apiKey = options.apiKey ?? DEFAULT_EMULATOR_API_KEY;
  let down = false;
  // The issuer needs the port, known only after listen(); routes read it later.
  const context: EmulatorContext = {
    store: new EmulatorStore(options.users ?? READY_MADE_TEST_USERS),
    clientId,
    apiKey,
    issuer: "",
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 300,
    autoSignIn: options.autoSignIn ?? false,
  };
  await getSigningKey();

  const server = createServer((request, response) => {
    if (down) {
      allowCrossOrigin(request, response);
      sendJson(response, 503, {
        message: "WorkOS emulator is simulating an outage.",
      });
      return;
    }
    route(request, response, context).catch((error: unknown) =>
      answerFailure(response, error),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${hostname}:${port}`;
  context.issuer = `${baseUrl}/user_management/${clientId}`;

  return {
    baseUrl,
    hostname,
    port,
    clientId,
    apiKey,
    issuer: context.issuer,
    jwksUrl: `${baseUrl}/sso/jwks/${clientId}`,
    sdkOptions: { apiHostname: hostname, port, https: false },
    setDown(value) {
      down = value;
    },
    setAutoSignIn(value) {
      context.autoSignIn = value;
    },
    setAccessTokenTtlSeconds(seconds) {
      if (!Number.isInteger(seconds) || seconds < 1) {
        throw new RangeError("An access token lives at least one second.");
      }
      context.accessTokenTtlSeconds = seconds;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
