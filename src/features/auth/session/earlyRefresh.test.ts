import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { earlyRefreshScript } from "../../../../vite/earlySignInRefresh";
import { earlyRefreshSent } from "./earlyRefresh";

const CLIENT_ID = "client_early_refresh_test";
const SESSION_MARKER = "workos-has-session";

/** An unsigned token: authkit-js reads its claims, nobody checks it here. */
function accessToken(claims: Record<string, unknown>) {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value))
      .replaceAll("=", "")
      .replaceAll("+", "-")
      .replaceAll("/", "_");
  return `${part({ alg: "none" })}.${part(claims)}.signature`;
}

/** The sign-in function's answer to a refresh, as authkit-js expects it. */
function signedInAnswer(userId: string) {
  return new Response(
    JSON.stringify({
      user: {
        object: "user",
        id: userId,
        email: "early@example.com",
        email_verified: true,
        first_name: null,
        last_name: null,
        profile_picture_url: null,
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      },
      access_token: accessToken({
        sub: userId,
        sid: "session_1",
        exp: Math.floor(Date.now() / 1000) + 300,
      }),
      authentication_method: "Password",
    }),
    { status: 200, headers: { "Content-Type": "application/json" } },
  );
}

/** Every request the page sent, with its parsed JSON body. */
let sent: { url: string; body: unknown; init: RequestInit | undefined }[] = [];
let answer: () => Promise<Response>;
const realFetch = window.fetch;

beforeEach(() => {
  sent = [];
  answer = async () => signedInAnswer("user_1");
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: new URL(String(input), location.href).pathname,
      body: JSON.parse(String(init?.body)),
      init,
    });
    return answer();
  });
  document.cookie = `${SESSION_MARKER}=1; path=/`;
});

afterEach(() => {
  vi.restoreAllMocks();
  window.fetch = realFetch;
  delete window.__daybookEarlyRefresh;
  document.cookie = `${SESSION_MARKER}=; path=/; max-age=0`;
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
});

/** index.html's inline script, as the build emits it, run in this page. */
function runIndexHtmlScript() {
  new Function(String(earlyRefreshScript(CLIENT_ID, "/callback").children))();
}

const AUTHKIT_JS = pathToFileURL(
  join(process.cwd(), "node_modules/@workos-inc/authkit-js/dist/index.mjs"),
).href;
let pages = 0;

/**
 * AuthKit's client as the app configures it in production (this origin,
 * cookies), from a fresh copy of authkit-js: a new page has no token in its
 * memory yet.
 */
async function startAuthKit() {
  pages += 1;
  const { createClient } = (await import(
    /* @vite-ignore */ `${AUTHKIT_JS}?page=${pages}`
  )) as typeof import("@workos-inc/authkit-js");
  return createClient(CLIENT_ID, {
    apiHostname: location.hostname,
    port: location.port ? Number(location.port) : undefined,
    https: location.protocol === "https:",
    devMode: false,
    redirectUri: `${location.origin}/callback`,
  });
}

test("authkit-js's start-up refresh gets the answer index.html asked for: one request, and the person is signed in", async () => {
  runIndexHtmlScript();
  expect(earlyRefreshSent()).toBe(true);
  expect(sent.map(({ url, body }) => ({ url, body }))).toEqual([
    {
      url: "/user_management/authenticate",
      body: { client_id: CLIENT_ID, grant_type: "refresh_token" },
    },
  ]);

  const client = await startAuthKit();

  expect(client.getUser()?.id).toBe("user_1");
  expect(sent).toHaveLength(1);
});

test("a session with an organization: index.html names it as authkit-js does, and its answer is used", async () => {
  sessionStorage.setItem(`workos-org-id:${CLIENT_ID}`, "org_1");
  runIndexHtmlScript();
  const client = await startAuthKit();

  expect(sent.map(({ url, body }) => ({ url, body }))).toEqual([
    {
      url: "/user_management/authenticate",
      body: {
        client_id: CLIENT_ID,
        grant_type: "refresh_token",
        organization_id: "org_1",
      },
    },
  ]);
  expect(client.getUser()?.id).toBe("user_1");
});

test("when index.html's request fails (offline), authkit-js sends its own, the same request, and signs the person in", async () => {
  answer = () => Promise.reject(new TypeError("Failed to fetch"));
  runIndexHtmlScript();
  answer = async () => signedInAnswer("user_1");
  const client = await startAuthKit();

  expect(sent).toHaveLength(2);
  const [early, own] = sent;
  const asSent = (request: typeof early) => ({
    url: request?.url,
    method: request?.init?.method,
    credentials: request?.init?.credentials,
    headers: request?.init?.headers,
    body: request?.body,
  });
  expect(asSent(early)).toEqual(asSent(own));
  expect(client.getUser()?.id).toBe("user_1");
});

test("an early answer older than authkit-js's start-up is not handed over: authkit-js asks itself", async () => {
  runIndexHtmlScript();
  answer = async () => signedInAnswer("user_2");
  const later = Date.now() + 60_000;
  vi.spyOn(Date, "now").mockImplementation(() => later);
  const client = await startAuthKit();

  expect(sent).toHaveLength(2);
  expect(client.getUser()?.id).toBe("user_2");
});

test("a refused early answer is not handed over: authkit-js asks itself and meets the refusal as it always has", async () => {
  answer = async () =>
    new Response(
      JSON.stringify({ error: "invalid_grant", error_description: "Ended." }),
      { status: 400, headers: { "Content-Type": "application/json" } },
    );
  runIndexHtmlScript();
  const client = await startAuthKit();

  expect(sent).toHaveLength(2);
  expect(client.getUser()).toBeNull();
});

test("only the first refresh gets the early answer; later ones, and other calls, go to the network", async () => {
  runIndexHtmlScript();
  const refresh = () =>
    window.fetch(`${location.origin}/user_management/authenticate`, {
      method: "POST",
      body: JSON.stringify({
        client_id: CLIENT_ID,
        grant_type: "refresh_token",
      }),
    });
  await window.fetch(`${location.origin}/other`, {
    method: "POST",
    body: JSON.stringify({ grant_type: "refresh_token" }),
  });
  expect(sent).toHaveLength(2);
  await refresh();
  expect(sent).toHaveLength(2);
  await refresh();
  expect(sent).toHaveLength(3);
});

test.each([
  ["another organization", { client_id: CLIENT_ID, organization_id: "org_2" }],
  ["another client", { client_id: "client_other" }],
])(
  "a refresh for %s than index.html's goes to the network",
  async (_, asked) => {
    runIndexHtmlScript();
    await window.fetch(`${location.origin}/user_management/authenticate`, {
      method: "POST",
      body: JSON.stringify({ ...asked, grant_type: "refresh_token" }),
    });
    expect(sent).toHaveLength(2);
  },
);

test("nothing is sent on the callback's path (authkit-js exchanges a code there), nor without a session marker authkit-js would read", () => {
  const pageFetchBefore = window.fetch;
  window.history.replaceState(null, "", "/callback?code=abc");
  runIndexHtmlScript();
  window.history.replaceState(null, "", "/callback/?code=abc");
  runIndexHtmlScript();
  window.history.replaceState(null, "", "/");
  // A marker for another client only.
  document.cookie = `${SESSION_MARKER}=client_other; path=/`;
  runIndexHtmlScript();
  document.cookie = `${SESSION_MARKER}=; path=/; max-age=0`;
  runIndexHtmlScript();

  expect(sent).toEqual([]);
  expect(earlyRefreshSent()).toBe(false);
  // With nothing sent, nothing is wrapped.
  expect(window.fetch).toBe(pageFetchBefore);
});
