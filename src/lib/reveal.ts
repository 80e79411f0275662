import { useSyncExternalStore } from "react";

/**
 * "Show me this item": a search result asks, and the view that owns the
 * item (once its day has loaded) scrolls to it, expands it if needed, gives
 * it focus and clears the request. A tiny shared store, so features do not
 * import each other's insides.
 */
export type RevealTarget = { kind: "note" | "todo"; id: string };

let target: RevealTarget | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function requestReveal(next: RevealTarget) {
  target = next;
  emit();
}

/** Clears the request once `id` has been shown. */
export function revealDone(id: string) {
  if (target?.id !== id) return;
  target = null;
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The id of the `kind` item waiting to be shown, or null. */
export function useRevealTarget(kind: RevealTarget["kind"]): string | null {
  return useSyncExternalStore(
    subscribe,
    () => (target?.kind === kind ? target.id : null),
    () => null,
  );
}
