import type { HtmlTagDescriptor, Plugin } from "vite";

/**
 * A returning person's sign-in refresh, sent by index.html itself rather
 * than by authkit-js once the entry script has arrived and run: an inline
 * script at the top of <head> sends exactly the request authkit-js's
 * start-up refresh would (same path, body, headers and cookies), and
 * answers authkit-js's start-up refresh with it in place of a second round
 * trip. The round trip then runs while the page's scripts download: on the
 * bench's phone profile the refresh was answered before the entry script
 * had arrived, where it had left only once that script had run (bench:web).
 *
 * Sent only where authkit-js would send it: in a production build (the
 * page's own origin is the sign-in API, the session in an HttpOnly cookie
 * there), with the session marker cookie as authkit-js reads it ("1", or
 * naming this client), and never on the sign-in callback's path, where
 * authkit-js exchanges a code instead (the old session's refresh must not
 * race the new session's cookie there).
 *
 * Handed over once, by wrapping the page's fetch until authkit-js's first
 * refresh: to that refresh only if it asks the same (client, organization,
 * cookie session) within 10 s (its start-up refresh comes within a second
 * or two; a later one, after waiting out another tab's refresh lock, asks
 * for itself, as authkit-js dates a token from when it gets it), and only a
 * successful answer: after a failure (offline, the function down, a session
 * refused) authkit-js sends its own request and meets the outcome as it
 * always has. The answer stays in the script's closure; it holds nothing
 * the page would not get a moment later from the same call. The app reads
 * `window.__daybookEarlyRefresh` (true) to know the refresh has left
 * (src/features/auth/session/startupRefresh.ts).
 */
export function earlySignInRefresh(options: {
  clientId: string;
  /** The path of the sign-in callback (the redirect URI's). */
  callbackPath: string;
}): Plugin {
  return {
    name: "daybook:early-sign-in-refresh",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      // Without a client id the app shows its setup page: no sign-in at all.
      handler: () =>
        options.clientId
          ? [earlyRefreshScript(options.clientId, options.callbackPath)]
          : [],
    },
  };
}

/** A value as a script literal that cannot end the inline <script>. */
const literal = (value: unknown) =>
  JSON.stringify(value).replaceAll("<", "\\u003c");

export function earlyRefreshScript(
  clientId: string,
  callbackPath: string,
): HtmlTagDescriptor {
  // Where authkit-js keeps a session's organization, per tab (its
  // create-client.ts), which its refresh names.
  const organizationKey = `workos-org-id:${clientId}`;
  const legacyOrganizationKey = "workos_organization_id";
  return {
    tag: "script",
    children:
      `(() => {\n` +
      `  const clientId = ${literal(clientId)};\n` +
      `  const callback = ${literal(callbackPath.replace(/\/$/, ""))};\n` +
      `  if (location.pathname === callback || location.pathname === callback + "/") return;\n` +
      // authkit-js's own test (its create-client.ts, hasSessionCookie).
      `  const marked = [...document.cookie.matchAll(/(?:^|;\\s*)workos-has-session=([^;]*)/g)]\n` +
      `    .some(([, value]) => value === "1" || value.split(".").includes(clientId));\n` +
      `  if (!marked) return;\n` +
      `  let organizationId;\n` +
      `  try {\n` +
      `    organizationId = sessionStorage.getItem(${literal(organizationKey)}) ?? sessionStorage.getItem(${literal(legacyOrganizationKey)}) ?? undefined;\n` +
      `  } catch {}\n` +
      `  const path = "/user_management/authenticate";\n` +
      `  const pageFetch = window.fetch;\n` +
      `  const send = pageFetch.bind(window);\n` +
      `  const sentAt = Date.now();\n` +
      `  const answer = send(path, {\n` +
      `    method: "POST",\n` +
      `    credentials: "include",\n` +
      `    headers: { Accept: "application/json, text/plain, */*", "Content-Type": "application/json" },\n` +
      `    body: JSON.stringify({ client_id: clientId, grant_type: "refresh_token", organization_id: organizationId }),\n` +
      `  });\n` +
      `  answer.catch(() => {});\n` +
      // authkit-js calls fetch(url, { method: "POST", body: JSON }).
      `  const refreshBodyOf = (input, init) => {\n` +
      `    try {\n` +
      `      if (input instanceof Request || String(init?.method).toUpperCase() !== "POST") return null;\n` +
      `      const url = new URL(input, location.href);\n` +
      `      if (url.origin !== location.origin || url.pathname !== path) return null;\n` +
      `      const body = JSON.parse(init.body);\n` +
      `      return body?.grant_type === "refresh_token" ? body : null;\n` +
      `    } catch {\n` +
      `      return null;\n` +
      `    }\n` +
      `  };\n` +
      `  const handing = async (input, init) => {\n` +
      `    const body = refreshBodyOf(input, init);\n` +
      `    if (!body) return send(input, init);\n` +
      `    if (window.fetch === handing) window.fetch = pageFetch;\n` +
      `    if (body.client_id === clientId && body.organization_id === organizationId && !("refresh_token" in body) && Date.now() - sentAt <= 10000) {\n` +
      `      const early = await answer.catch(() => null);\n` +
      `      if (early?.ok) return early;\n` +
      `    }\n` +
      `    return send(input, init);\n` +
      `  };\n` +
      `  window.fetch = handing;\n` +
      `  window.__daybookEarlyRefresh = true;\n` +
      `})();\n`,
    // First in <head>: an inline script after a stylesheet waits for it.
    injectTo: "head-prepend",
  };
}
