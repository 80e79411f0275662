/**
 * Toasts without sonner in the first-load bundle: the library loads right
 * after the first paint (the Toaster mounts then) and each call waits for it.
 */
type Sonner = typeof import("sonner");

let loading: Promise<Sonner> | null = null;

export function loadSonner(): Promise<Sonner> {
  loading ??= import("sonner");
  return loading;
}

export type ToastOptions = {
  /** An action button, e.g. Undo after a delete. */
  action?: { label: string; onClick: () => void };
  /** A later toast with the same id replaces this one. */
  id?: string;
  /** Stays until acted on or closed, instead of going after a few seconds. */
  persistent?: boolean;
};

/** Where focus was before the keyboard took it into the toasts (Alt+T). */
let focusBeforeToasts: HTMLElement | null = null;
let watchingFocus = false;

function rememberFocusBeforeToasts() {
  if (watchingFocus || typeof document === "undefined") return;
  watchingFocus = true;
  document.addEventListener("focusin", (event) => {
    const toaster = (event.target as Element).closest?.(
      "[data-sonner-toaster]",
    );
    const from = event.relatedTarget;
    if (toaster && from instanceof HTMLElement && !toaster.contains(from))
      focusBeforeToasts = from;
  });
}

/**
 * A toast's action button leaves the page when its toast closes; if it had
 * focus (reached with the keyboard), focus goes back to where it was before
 * the toasts, not to the page's body. (Sonner does that only when the
 * last toast closes.)
 */
function returnFocusAfter(button: Element) {
  const origin = focusBeforeToasts;
  if (!origin) return;
  const observer = new MutationObserver(() => {
    if (button.isConnected) return;
    observer.disconnect();
    const active = document.activeElement;
    if ((!active || active === document.body) && origin.isConnected)
      origin.focus({ preventScroll: true });
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

export const toast = {
  message(text: string, { persistent, ...options }: ToastOptions = {}) {
    const { action } = options;
    if (action) rememberFocusBeforeToasts();
    const withFocus = action && {
      ...action,
      onClick: (event: { currentTarget: EventTarget | null }) => {
        if (event.currentTarget instanceof Element)
          returnFocusAfter(event.currentTarget);
        action.onClick();
      },
    };
    const shown = withFocus ? { ...options, action: withFocus } : options;
    void loadSonner().then(({ toast: show }) =>
      show(text, persistent ? { ...shown, duration: Infinity } : shown),
    );
  },
  success(text: string) {
    void loadSonner().then(({ toast: show }) => show.success(text));
  },
  /** `id`: a later toast with the same id replaces this one. */
  error(text: string, { id }: { id?: string } = {}) {
    void loadSonner().then(({ toast: show }) =>
      show.error(text, id === undefined ? undefined : { id }),
    );
  },
};
