import type { Page, Response } from "playwright-core";

export interface AuthenticateCall {
  grantType: string | undefined;
  status: number;
  /** Whether the request body carried a refresh token (it never should). */
  bodyHadRefreshToken: boolean;
  responseHadRefreshToken: boolean;
}

/**
 * What the page did that matters for sign-in: every top-level navigation
 * request and every POST /user_management/authenticate with its grant and status.
 */
export class AuthTraffic {
  readonly navigations: URL[] = [];
  readonly authenticateCalls: AuthenticateCall[] = [];
  private pending: Promise<void>[] = [];

  constructor(page: Page) {
    // Navigation requests rather than committed pages, so that every hop
    // of a redirect chain counts (a trip through the emulator can be
    // redirects only).
    page.on("request", (request) => {
      if (
        request.isNavigationRequest() &&
        request.frame() === page.mainFrame()
      ) {
        this.navigations.push(new URL(request.url()));
      }
    });
    page.on("response", (response) => {
      if (isAuthenticatePost(response)) {
        this.pending.push(this.record(response));
      }
    });
  }

  private async record(response: Response) {
    const body = response.request().postDataJSON() as Record<string, unknown>;
    const answer = (await response.json().catch(() => ({}))) as object;
    this.authenticateCalls.push({
      grantType:
        typeof body?.grant_type === "string" ? body.grant_type : undefined,
      status: response.status(),
      bodyHadRefreshToken: "refresh_token" in (body ?? {}),
      responseHadRefreshToken: "refresh_token" in (answer ?? {}),
    });
  }

  /** Waits until every response seen so far is recorded. */
  async settle() {
    await Promise.all(this.pending);
  }

  /** Marks a point in time; later questions ask about what happened since. */
  mark() {
    return {
      navigations: this.navigations.length,
      authenticateCalls: this.authenticateCalls.length,
    };
  }

  navigationsSince(mark: ReturnType<AuthTraffic["mark"]>) {
    return this.navigations.slice(mark.navigations);
  }

  async authenticateCallsSince(mark: ReturnType<AuthTraffic["mark"]>) {
    await this.settle();
    return this.authenticateCalls.slice(mark.authenticateCalls);
  }
}

export function isAuthenticatePost(response: Response) {
  return (
    response.request().method() === "POST" &&
    new URL(response.url()).pathname === "/user_management/authenticate"
  );
}

export function grantTypeOf(response: Response) {
  const body = response.request().postDataJSON() as { grant_type?: unknown };
  return body?.grant_type;
}
