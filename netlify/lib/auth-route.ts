import type { Context } from "@netlify/functions";
import type { WorkOS } from "@workos-inc/node";
import { readAuthConfig, type AuthConfig } from "./auth-config";
import { logAuthProblem } from "./auth-log";
import { oauthErrorResponse } from "./responses";
import { isSameOriginPost } from "./site-origin";
import { checkSiteHost } from "./site-host-check";
import { createWorkosClient } from "./workos-client";

export interface AuthRouteContext {
  config: AuthConfig;
  workos: WorkOS;
  /** The configured origin the request was addressed to (never taken from Host alone). */
  siteUrl: URL;
  /**
   * Keeps the function alive for `work` after it has answered (Netlify's
   * `context.waitUntil`), within the platform's time limit.
   */
  waitUntil(work: Promise<unknown>): void;
}

/** The part of Netlify's v2 function context the sign-in functions use. */
export type NetlifyContext = Pick<Context, "waitUntil">;

/** Without Netlify's context (a direct call), background work just runs on. */
function runDetached(work: Promise<unknown>) {
  void work.catch(() => undefined);
}

interface AuthRouteDefinition {
  /** Used in log lines. */
  name: string;
  method: "GET" | "POST";
  handle(request: Request, context: AuthRouteContext): Promise<Response>;
}

/**
 * The checks every sign-in function makes before its own work, in order:
 * method (405), a host this site is configured for (421), same-origin POST
 * (403), configuration (500); and a last guard so nothing unexpected leaks
 * a stack trace.
 */
export function defineAuthRoute(route: AuthRouteDefinition) {
  return async (
    request: Request,
    netlifyContext?: NetlifyContext,
  ): Promise<Response> => {
    if (request.method !== route.method) {
      return oauthErrorResponse(
        405,
        "method_not_allowed",
        `Use ${route.method}.`,
        [],
        { Allow: route.method },
      );
    }
    const host = checkSiteHost(request, (what) =>
      logAuthProblem(route.name, what),
    );
    if (!host.ok) return host.response;
    const { siteOrigin } = host;
    if (route.method === "POST" && !isSameOriginPost(request, siteOrigin)) {
      logAuthProblem(route.name, "refused a cross-origin POST");
      return oauthErrorResponse(
        403,
        "forbidden",
        "Cross-origin requests are not allowed.",
      );
    }
    const configResult = readAuthConfig();
    if (!configResult.ok) {
      logAuthProblem(
        route.name,
        `misconfigured: ${configResult.problems.join(" ")}`,
      );
      return oauthErrorResponse(
        500,
        "server_error",
        `Sign-in is not configured: ${configResult.problems.join(" ")}`,
      );
    }
    const { config } = configResult;
    try {
      return await route.handle(request, {
        config,
        workos: createWorkosClient(config),
        siteUrl: new URL(siteOrigin),
        waitUntil: netlifyContext
          ? (work) => netlifyContext.waitUntil(work)
          : runDetached,
      });
    } catch (error) {
      logAuthProblem(
        route.name,
        `unexpected failure (${(error as Error)?.name ?? "unknown"})`,
      );
      return oauthErrorResponse(
        500,
        "server_error",
        "Unexpected server error.",
      );
    }
  };
}
