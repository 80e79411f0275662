import {
  AuthenticationException,
  GenericServerException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
} from "@workos-inc/node";

/** How a failed WorkOS call is answered to the browser. */
export interface WorkosFailure {
  status: number;
  error: string;
  description: string;
  /** The grant is dead: clear both cookies so authkit-js signs out cleanly. */
  endsSession: boolean;
  /** Safe to log: status numbers and OAuth error codes only. */
  logReason: string;
  retryAfterSeconds?: number;
}

// Only plain OAuth error codes are passed on; WorkOS's free-text
// descriptions (which may name the user) never are.
function safeErrorCode(code: string | undefined) {
  return code && /^[a-z_]{1,64}$/.test(code) ? code : undefined;
}

function isNetworkFailure(error: unknown) {
  return (
    error instanceof TypeError ||
    (error instanceof Error && error.cause instanceof TypeError)
  );
}

const unavailable = (
  logReason: string,
  retryAfterSeconds?: number,
): WorkosFailure => ({
  status: 503,
  error: "temporarily_unavailable",
  description: "The sign-in service is unavailable; try again shortly.",
  endsSession: false,
  logReason,
  retryAfterSeconds,
});

const badGateway = (logReason: string): WorkosFailure => ({
  status: 502,
  error: "server_error",
  description: "The sign-in service returned an error; try again shortly.",
  endsSession: false,
  logReason,
});

/**
 * Maps what @workos-inc/node throws onto the statuses authkit-js acts on:
 * 400 invalid_grant ends the session; 5xx and 429 are transient and keep it.
 */
export function describeWorkosFailure(error: unknown): WorkosFailure {
  if (error instanceof RateLimitExceededException) {
    return unavailable("WorkOS 429", error.retryAfter ?? undefined);
  }
  if (error instanceof UnauthorizedException) {
    return {
      status: 500,
      error: "server_error",
      description:
        "WorkOS rejected the server's credentials; check WORKOS_API_KEY.",
      endsSession: false,
      logReason: "WorkOS 401 (API key rejected)",
    };
  }
  if (error instanceof AuthenticationException && error.status < 500) {
    // e.g. sso_required, mfa_enrollment: the user must sign in interactively.
    return {
      status: 400,
      error: error.code,
      description: "Sign in again to continue.",
      endsSession: true,
      logReason: `WorkOS ${error.status} ${error.code}`,
    };
  }
  if (error instanceof OauthException) {
    if (error.status === 408) return unavailable("WorkOS timeout");
    if (error.status >= 500) return badGateway(`WorkOS ${error.status}`);
    const code = safeErrorCode(error.error) ?? "invalid_request";
    const endsSession = code === "invalid_grant";
    return {
      status: 400,
      error: code,
      description: endsSession
        ? "The sign-in has expired or was already used; sign in again."
        : "WorkOS rejected the request.",
      endsSession,
      logReason: `WorkOS ${error.status} ${code}`,
    };
  }
  if (error instanceof GenericServerException && error.status >= 500) {
    return badGateway(`WorkOS ${error.status}`);
  }
  // A non-JSON 5xx body surfaces as a ParseError carrying the raw status.
  if (error instanceof Error && error.name === "ParseError") {
    return badGateway("WorkOS unreadable response");
  }
  if (isNetworkFailure(error)) return unavailable("WorkOS unreachable");
  const status = (error as { status?: unknown } | null)?.status;
  return badGateway(
    typeof status === "number"
      ? `WorkOS ${status}`
      : "unexpected WorkOS failure",
  );
}
