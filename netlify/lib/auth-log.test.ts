import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { WorkosEmulator } from "../../devtools/workos-emulator/emulator";
import authenticateOnNetlify from "../functions/authenticate/authenticate";
import { authenticateTestBed } from "../testing/authenticate-test-bed";
import authorize from "../functions/authorize/authorize";
import logout from "../functions/logout/logout";
import {
  authenticateRequest,
  authorizeUrlOnSite,
  COOKIE_PASSWORD,
  cookieHeaderAfter,
  obtainCode,
  ROTATING_TOKEN_TTL_SECONDS,
  setCookiesOf,
  SITE,
  startTestEmulator,
  stubSignInEnv,
} from "../testing/sign-in-harness";

let emulator: WorkosEmulator;
let bed: ReturnType<typeof authenticateTestBed>;
const authenticate = (request: Request) => bed.authenticate(request);
const logged: string[] = [];

beforeEach(async () => {
  // Every refresh rotates, so each one reaches WorkOS and the grace store.
  emulator = await startTestEmulator({
    accessTokenTtlSeconds: ROTATING_TOKEN_TTL_SECONDS,
  });
  stubSignInEnv(emulator);
  bed = authenticateTestBed();
  logged.length = 0;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(
        args
          .map((arg) =>
            arg instanceof Error
              ? `${arg.stack} ${String(arg.cause)}`
              : JSON.stringify(arg),
          )
          .join(" "),
      );
    });
  }
  vi.spyOn(process, "emitWarning").mockImplementation((warning) => {
    logged.push(String(warning));
  });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator.close();
});

it("logs no token, code, verifier, cookie, email or key through sign-in, refresh, failures and logout", async () => {
  const secrets: string[] = [
    emulator.apiKey,
    COOKIE_PASSWORD,
    "ada@example.com",
  ];
  const remember = async (response: Response) => {
    for (const cookie of setCookiesOf(response))
      if (cookie.value) secrets.push(cookie.value);
    const text = await response.clone().text();
    const token = /"access_token":"([^"]+)"/.exec(text)?.[1];
    if (token) secrets.push(token);
    return response;
  };
  const exchange = (code: string, codeVerifier: string) =>
    authenticate(
      authenticateRequest({
        grant_type: "authorization_code",
        client_id: emulator.clientId,
        code,
        code_verifier: codeVerifier,
      }),
    ).then(remember);
  const refresh = (cookie: string, origin?: string) =>
    authenticate(
      authenticateRequest(
        { grant_type: "refresh_token", client_id: emulator.clientId },
        { cookie, origin },
      ),
    ).then(remember);

  const replayed = await obtainCode(emulator);
  const wrong = await obtainCode(emulator);
  const { code, codeVerifier } = await obtainCode(emulator);
  secrets.push(
    code,
    codeVerifier,
    replayed.code,
    replayed.codeVerifier,
    wrong.code,
    wrong.codeVerifier,
  );
  await exchange(replayed.code, replayed.codeVerifier);
  await exchange(replayed.code, replayed.codeVerifier);
  await exchange(wrong.code, "v".repeat(43));
  const signedIn = await exchange(code, codeVerifier);

  const firstCookie = cookieHeaderAfter(signedIn);
  const refreshed = await refresh(firstCookie);
  expect(refreshed.status).toBe(200);
  await refresh(firstCookie); // repeat inside the grace window
  bed.advanceClock(120_000);
  await refresh(firstCookie); // stale
  // Without a Blobs connection: logs that the grace store is unavailable.
  await authenticateOnNetlify(
    authenticateRequest(
      { grant_type: "refresh_token", client_id: emulator.clientId },
      { cookie: cookieHeaderAfter(refreshed) },
    ),
  ).then(remember);
  await refresh(cookieHeaderAfter(refreshed), "https://evil.example");
  emulator.setDown(true);
  expect((await refresh(cookieHeaderAfter(refreshed))).status).toBe(502);
  emulator.setDown(false);
  await authorize(new Request((await authorizeUrlOnSite(emulator)).url));
  await logout(
    new Request(`${SITE}/user_management/sessions/logout`, {
      headers: { Cookie: cookieHeaderAfter(refreshed) },
    }),
  );
  vi.stubEnv("WORKOS_COOKIE_PASSWORD", "too-short");
  await refresh(cookieHeaderAfter(refreshed));

  expect(logged.length).toBeGreaterThan(3);
  const output = logged.join("\n");
  for (const secret of secrets) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/refresh_token"?\s*[:=]/);
});
