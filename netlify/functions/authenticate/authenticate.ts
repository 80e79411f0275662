import type { AuthenticationResponse } from "@workos-inc/node";
import type { Config } from "@netlify/functions";
import { defineAuthRoute, type AuthRouteContext } from "../../lib/auth-route";
import { blobsGraceStore } from "../../lib/blobs-grace-store";
import type { GraceStore } from "../../lib/grace-store";
import { oauthErrorResponse } from "../../lib/responses";
import { sessionAnswer, workosFailureAnswer } from "../../lib/session-answers";
import { refreshSession } from "../../lib/session-refresh";
import {
  clientDetails,
  WORKOS_ANSWER_DEADLINE_MS,
} from "../../lib/workos-client";

type Body = Record<string, unknown>;

async function readJsonObject(request: Request): Promise<Body | undefined> {
  try {
    const parsed: unknown = await request.json();
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Body)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Body, name: string) {
  const value = body[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

async function exchangeCode(
  request: Request,
  body: Body,
  context: AuthRouteContext,
) {
  const code = stringField(body, "code");
  const codeVerifier = stringField(body, "code_verifier");
  if (!code || !codeVerifier) {
    return oauthErrorResponse(
      400,
      "invalid_request",
      "code and code_verifier are required.",
    );
  }
  const { config, workos, siteUrl } = context;
  let result: AuthenticationResponse;
  try {
    result = await workos.userManagement.authenticateWithCode({
      clientId: config.clientId,
      code,
      codeVerifier,
      ...clientDetails(request),
      session: { sealSession: true, cookiePassword: config.cookiePassword },
    });
  } catch (error) {
    return workosFailureAnswer("authorization_code", siteUrl, error);
  }
  if (!result.sealedSession) {
    throw new Error("WorkOS SDK returned no sealed session");
  }
  return sessionAnswer(context, result, {
    newSealedSession: result.sealedSession,
  });
}

/** What the refresh path needs from its surroundings; tests supply their own. */
export interface AuthenticateDependencies {
  /** Where rotations are kept for the grace window. */
  graceStore(): GraceStore;
  now(): number;
  /** A signal that aborts when a request must stop waiting and answer. */
  answerDeadline(): AbortSignal;
}

const netlifyDependencies: AuthenticateDependencies = {
  graceStore: blobsGraceStore,
  now: Date.now,
  answerDeadline: () => AbortSignal.timeout(WORKOS_ANSWER_DEADLINE_MS),
};

// Expired rotations are deleted at most this often per function instance.
const SWEEP_INTERVAL_MS = 60_000;

/**
 * POST /user_management/authenticate: authkit-js's code exchange and silent
 * refresh. The refresh token lives only in the sealed HttpOnly cookie.
 */
export function createAuthenticate(
  dependencies: AuthenticateDependencies = netlifyDependencies,
) {
  let nextSweepAt = 0;
  return defineAuthRoute({
    name: "authenticate",
    method: "POST",
    async handle(request, context) {
      const body = await readJsonObject(request);
      if (!body) {
        return oauthErrorResponse(
          400,
          "invalid_request",
          "Send a JSON object body.",
        );
      }
      if (body.client_id !== context.config.clientId) {
        return oauthErrorResponse(400, "invalid_client", "Unknown client_id.");
      }
      switch (body.grant_type) {
        case "authorization_code":
          return exchangeCode(request, body, context);
        case "refresh_token":
          return refreshSession(
            request,
            stringField(body, "organization_id"),
            context,
            {
              graceStore: dependencies.graceStore(),
              now: dependencies.now,
              answerDeadline: dependencies.answerDeadline(),
              sweepSoon(sweep) {
                const now = dependencies.now();
                if (now < nextSweepAt) return;
                nextSweepAt = now + SWEEP_INTERVAL_MS;
                context.waitUntil(sweep());
              },
            },
          );
        default:
          return oauthErrorResponse(
            400,
            "unsupported_grant_type",
            "Use authorization_code or refresh_token.",
          );
      }
    },
  });
}

export default createAuthenticate();

export const config: Config = { path: "/user_management/authenticate" };
