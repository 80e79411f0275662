import type {
  AuthenticationResponse,
  SessionCookieData,
} from "@workos-inc/node";
import { verifiedSecondsLeft } from "./access-token";
import { logAuthProblem } from "./auth-log";
import type { AuthRouteContext } from "./auth-route";
import type { GraceStore } from "./grace-store";
import { createRotationGrace, type RotationClaim } from "./rotation-grace";
import { unsealSession } from "./sealed-session";
import {
  sessionAnswer,
  sessionEndedAnswer,
  stillWaitingAnswer,
  workosFailureAnswer,
} from "./session-answers";
import { readSessionCookie } from "./session-cookies";
import { describeWorkosFailure } from "./workos-failure";
import {
  clientDetails,
  createWorkosClient,
  WORKOS_REFRESH_PATIENCE_MS,
} from "./workos-client";

/**
 * A session whose access token has at least this long left is returned as
 * it is: page loads and new tabs then do not rotate the refresh token.
 */
export const MIN_ACCESS_TOKEN_SECONDS_LEFT = 60;

export interface RefreshDependencies {
  graceStore: GraceStore;
  now(): number;
  /** Aborts when the function must stop waiting and answer. */
  answerDeadline: AbortSignal;
  /** Called after a rotation was kept, to delete expired ones in the background. */
  sweepSoon(sweep: () => Promise<void>): void;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

const DEADLINE = Symbol("deadline");

function whenAborted(signal: AbortSignal): Promise<typeof DEADLINE> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(DEADLINE);
    else
      signal.addEventListener("abort", () => resolve(DEADLINE), { once: true });
  });
}

function sealedSessionOf(result: AuthenticationResponse) {
  if (!result.sealedSession) {
    throw new Error("WorkOS SDK returned no sealed session");
  }
  return result.sealedSession;
}

/** Keeps WorkOS's late answer for the next retry; never rejects. */
async function keepLateAnswer(
  claim: RotationClaim,
  outcome: Promise<Settled<AuthenticationResponse>>,
) {
  const settled = await outcome;
  if (settled.ok && settled.value.sealedSession) {
    await claim.complete(settled.value.sealedSession);
    logAuthProblem("authenticate", "kept a late WorkOS refresh answer");
    return;
  }
  await claim.release();
  const reason = settled.ok
    ? "no sealed session"
    : describeWorkosFailure(settled.error).logReason;
  logAuthProblem("authenticate", `late WorkOS refresh failed: ${reason}`);
}

/**
 * grant_type=refresh_token. The refresh token only ever comes from the
 * HttpOnly cookie, never the body.
 */
export async function refreshSession(
  request: Request,
  requestedOrganizationId: string | undefined,
  context: AuthRouteContext,
  dependencies: RefreshDependencies,
) {
  const { config, workos, siteUrl } = context;
  const session = await unsealSession(
    workos,
    config,
    readSessionCookie(request),
  );
  if (!session) {
    return sessionEndedAnswer(
      siteUrl,
      "There is no session to refresh; sign in again.",
    );
  }
  // After a reload authkit-js no longer knows the organization; keep the session's.
  const organizationId = requestedOrganizationId ?? session.organizationId;
  if (organizationId === session.organizationId) {
    const secondsLeft = await verifiedSecondsLeft(
      workos,
      config.clientId,
      session.accessToken,
      dependencies.now(),
    );
    if (
      secondsLeft !== undefined &&
      secondsLeft > MIN_ACCESS_TOKEN_SECONDS_LEFT
    ) {
      return sessionAnswer(context, session, { request });
    }
  }

  const grace = createRotationGrace(dependencies.graceStore, dependencies.now);
  const start = await grace.begin(
    session.refreshToken,
    dependencies.answerDeadline,
  );
  if (start.kind === "busy") {
    logAuthProblem("authenticate", "a concurrent refresh is still waiting");
    return stillWaitingAnswer();
  }
  if (start.kind === "rotated") {
    return answerWithKeptRotation(context, start.sealedSession);
  }
  return rotateWithWorkos(request, organizationId, session, start.claim, {
    context,
    dependencies,
    sweep: () => grace.sweep(),
  });
}

/** This request holds the claim on the token: WorkOS rotates it. */
async function rotateWithWorkos(
  request: Request,
  organizationId: string | undefined,
  session: SessionCookieData,
  claim: RotationClaim,
  {
    context,
    dependencies,
    sweep,
  }: {
    context: AuthRouteContext;
    dependencies: RefreshDependencies;
    sweep: () => Promise<void>;
  },
) {
  const { config, siteUrl } = context;
  // Not aborted at the answer deadline: a late answer is still kept.
  const patientWorkos = createWorkosClient(config, WORKOS_REFRESH_PATIENCE_MS);
  const outcome = settle(
    patientWorkos.userManagement.authenticateWithRefreshToken({
      clientId: config.clientId,
      refreshToken: session.refreshToken,
      organizationId,
      ...clientDetails(request),
      session: { sealSession: true, cookiePassword: config.cookiePassword },
    }),
  );
  const first = await Promise.race([
    outcome,
    whenAborted(dependencies.answerDeadline),
  ]);
  if (first === DEADLINE) {
    logAuthProblem("authenticate", "WorkOS refresh still pending at deadline");
    context.waitUntil(keepLateAnswer(claim, outcome));
    return stillWaitingAnswer();
  }
  if (first.ok) {
    const sealedSession = sealedSessionOf(first.value);
    await claim.complete(sealedSession);
    dependencies.sweepSoon(sweep);
    return sessionAnswer(context, first.value, {
      newSealedSession: sealedSession,
    });
  }
  if (describeWorkosFailure(first.error).error === "invalid_grant") {
    const rotated = await claim.rotatedMeanwhile(dependencies.answerDeadline);
    if (rotated) return answerWithKeptRotation(context, rotated);
  }
  await claim.release();
  return workosFailureAnswer("refresh_token", siteUrl, first.error);
}

/** A repeat of a rotated token: the same new session, cookies set to it. */
async function answerWithKeptRotation(
  context: AuthRouteContext,
  sealedSession: string,
) {
  const rotated = await unsealSession(
    context.workos,
    context.config,
    sealedSession,
  );
  if (!rotated) {
    logAuthProblem("authenticate", "a kept rotation could not be unsealed");
    return sessionEndedAnswer(context.siteUrl, "Sign in again to continue.");
  }
  return sessionAnswer(context, rotated, { newSealedSession: sealedSession });
}
