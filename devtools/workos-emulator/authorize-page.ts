import type { EmulatorUser } from "./emulator-store";

function escapeHtml(text: string) {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function displayName(user: EmulatorUser) {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  return name ? `${name} (${user.email})` : user.email;
}

/**
 * The emulator's sign-in page: type any email, or pick a ready-made user.
 * Each user button has its own form so the required Email field does not
 * block it.
 */
export function renderAuthorizePage(options: {
  authorizationRequestId: string;
  users: readonly EmulatorUser[];
  loginHint: string | null;
}) {
  const requestField = `<input type="hidden" name="authorization_request" value="${escapeHtml(options.authorizationRequestId)}">`;
  const userButtons = options.users
    .map(
      (user) => `
      <li>
        <form method="post" action="/user_management/authorize">
          ${requestField}
          <input type="hidden" name="email" value="${escapeHtml(user.email)}">
          <button type="submit">Sign in as ${escapeHtml(displayName(user))}</button>
        </form>
      </li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in (WorkOS emulator)</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
    label, input, button { display: block; font-size: 1rem; }
    input[type="email"] { width: 100%; padding: .5rem; margin: .25rem 0 .75rem; box-sizing: border-box; }
    button { padding: .5rem 1rem; cursor: pointer; }
    ul { list-style: none; padding: 0; }
    li { margin: .5rem 0; }
  </style>
</head>
<body>
  <main>
    <h1>Sign in</h1>
    <p>Local WorkOS emulator: any email signs in, no password.</p>
    <form method="post" action="/user_management/authorize">
      ${requestField}
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(options.loginHint ?? "")}">
      <button type="submit">Continue</button>
    </form>
    <h2>Test users</h2>
    <ul>${userButtons}
    </ul>
  </main>
</body>
</html>`;
}
