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
 * Sent only when authkit-js would send it: in a production build (the page's
 * own origin is the sign-in API, the session in an HttpOnly cookie there),
 * with the session marker cookie present, and not on /callback, where
 * authkit-js exchanges a code instead. The answer is the same the function
 * would give authkit-js a moment later; nothing in it is new to the page.
 */
export function earlySignInRefresh(options: { clientId: string }): Plugin {
  return {
    name: "daybook:early-sign-in-refresh",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      // Without a client id the app shows its setup page: no sign-in at all.
      handler: () =>
        options.clientId ? [earlyRefreshScript(options.clientId)] : [],
    },
  };
}

export function earlyRefreshScript(clientId: string): HtmlTagDescriptor {
  // Where authkit-js keeps a session's organization, per tab (its
  // create-client.ts), which its refresh names.
  const organizationKey = `workos-org-id:${clientId}`;
  const legacyOrganizationKey = "workos_organization_id";
  return {
    tag: "script",
    children:
      `if (/(?:^|;\\s*)workos-has-session=/.test(document.cookie) && location.pathname !== "/callback") {\n` +
      `  let organizationId;\n` +
      `  try {\n` +
      `    organizationId = sessionStorage.getItem(${JSON.stringify(organizationKey)}) ?? sessionStorage.getItem(${JSON.stringify(legacyOrganizationKey)}) ?? undefined;\n` +
      `  } catch {}\n` +
      `  const body = { client_id: ${JSON.stringify(clientId)}, grant_type: "refresh_token", organization_id: organizationId };\n` +
      `  const answer = fetch("/user_management/authenticate", {\n` +
      `    method: "POST",\n` +
      `    credentials: "include",\n` +
      `    headers: { Accept: "application/json, text/plain, */*", "Content-Type": "application/json" },\n` +
      `    body: JSON.stringify(body),\n` +
      `  });\n` +
      // A failure is authkit-js's to meet: it then sends its own request.
      `  answer.catch(() => {});\n` +
      `  window.__daybookEarlyRefresh = { body, answer };\n` +
      `}\n`,
    // First in <head>: an inline script after a stylesheet waits for it.
    injectTo: "head-prepend",
  };
}
