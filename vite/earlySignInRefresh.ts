import type { HtmlTagDescriptor, Plugin } from "vite";

/**
 * A returning person's sign-in refresh, sent by index.html itself rather
 * than by authkit-js once the entry script has arrived and run: an inline
 * script at the top of <head> sends exactly the request authkit-js's
 * start-up refresh would (same path, body, headers and cookies) and leaves
 * its answer on `window.__daybookEarlyRefresh`, where the app hands it to
 * authkit-js in place of its own (src/features/auth/session/earlyRefresh.ts).
 * The round trip then runs while the page's scripts download: on the
 * bench's phone profile the refresh was answered before the entry script
 * had arrived, where it had left only once that script had run (bench:web).
 *
 * Sent only where authkit-js would send it: in a production build (the
 * page's own origin is the sign-in API, the session in an HttpOnly cookie
 * there), with the session marker cookie as authkit-js reads it ("1", or
 * naming this client), and never on the sign-in callback's path, where
 * authkit-js exchanges a code instead (the old session's refresh must not
 * race the new session's cookie there). The answer is the same the function
 * would give authkit-js a moment later; nothing in it is new to the page.
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
      `  const body = { client_id: clientId, grant_type: "refresh_token", organization_id: organizationId };\n` +
      `  const answer = fetch("/user_management/authenticate", {\n` +
      `    method: "POST",\n` +
      `    credentials: "include",\n` +
      `    headers: { Accept: "application/json, text/plain, */*", "Content-Type": "application/json" },\n` +
      `    body: JSON.stringify(body),\n` +
      `  });\n` +
      // A failure is authkit-js's to meet: it then sends its own request.
      `  answer.catch(() => {});\n` +
      `  window.__daybookEarlyRefresh = { body, answer, sentAt: Date.now() };\n` +
      `})();\n`,
    // First in <head>: an inline script after a stylesheet waits for it.
    injectTo: "head-prepend",
  };
}
