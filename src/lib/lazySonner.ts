/**
 * sonner, loaded by the first toast rather than with the page (lib/toast).
 * The Toaster mounts sonner's region when the library arrives, and only
 * then are the toasts asked for shown: a screen reader announces what
 * changes inside a live region that is already on the page, not a region
 * that arrives together with its text.
 *
 * Apart from lib/toast because every page mounts the Toaster, the
 * signed-out landing page too, while only the signed-in app and the update
 * prompt show toasts: the first load carries this, not them.
 */
type Sonner = typeof import("sonner");

let loading: Promise<Sonner> | null = null;
let loaded: Sonner | null = null;
const listeners = new Set<() => void>();
let regionMounted: () => void = () => {};
const regionShown = new Promise<void>((resolve) => {
  regionMounted = resolve;
});

function loadSonner(): Promise<Sonner> {
  loading ??= import("sonner").then(
    (sonner) => {
      loaded = sonner;
      listeners.forEach((listener) => listener());
      return sonner;
    },
    (error: unknown) => {
      // Offline before the chunk was cached, say: the next toast tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** sonner once the first toast has loaded it (null until then): the Toaster's. */
export const loadedSonner = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  get: () => loaded,
  /** The Toaster's: sonner's live region is on the page, listening. */
  regionMounted: () => regionMounted(),
};

/**
 * Shows a toast once sonner and its region are here; one whose library
 * could not load is skipped (the next toast loads it again).
 */
export function withSonner(show: (sonner: Sonner) => unknown) {
  void loadSonner().then(
    (sonner) => regionShown.then(() => show(sonner)),
    () => {},
  );
}
