/**
 * The path to come back to after sign-in. It travels through WorkOS in
 * `state`, which is not integrity protected, so only a same-origin target is
 * ever used.
 */
export function currentPath(page: Location = window.location): string {
  return page.pathname + page.search + page.hash;
}

export function safeReturnPath(
  state: unknown,
  origin: string = window.location.origin,
): string {
  const target =
    state && typeof state === "object" && "returnTo" in state
      ? (state as { returnTo: unknown }).returnTo
      : undefined;
  if (typeof target !== "string") return "/";
  try {
    const url = new URL(target, origin);
    if (url.origin !== origin || url.pathname === "/callback") return "/";
    const path = url.pathname + url.search + url.hash;
    // Dot segments can leave a path such as `//evil.example/x`, which the
    // browser reads as another site (protocol-relative): never return one.
    return /^\/[/\\]/.test(path) ? "/" : path;
  } catch {
    return "/";
  }
}
