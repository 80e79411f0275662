declare global {
  interface Window {
    /** Set by index.html once it has sent the start-up refresh. */
    __daybookEarlyRefresh?: true;
  }
}

/**
 * Whether index.html has sent the start-up refresh already, before any
 * script loaded; it hands its answer to authkit-js itself
 * (vite/earlySignInRefresh.ts).
 */
export function earlyRefreshSent(): boolean {
  return window.__daybookEarlyRefresh === true;
}
