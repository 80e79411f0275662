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
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
