/**
 * What the bench has started (the stack, Chromium, temporary folders), to be
 * stopped last-first whether the run succeeds, fails or is interrupted.
 */
const cleanups: { name: string; run: () => Promise<void> }[] = [];

/** Registers a cleanup; the returned function runs it early (and only once). */
export function deferCleanup(
  name: string,
  run: () => Promise<void>,
): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index === -1) return;
    cleanups.splice(index, 1);
    await run();
  };
}

let running: Promise<void> | undefined;

/**
 * Runs every pending cleanup, last registered first; each runs even if one
 * fails. A second caller (Ctrl-C arriving while the run is ending, or the
 * run ending because Ctrl-C closed the browser) waits for the first to
 * finish rather than exiting under it.
 */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const { name, run } = cleanups.pop()!;
      await run().catch((error: unknown) => {
        console.error(`Cleaning up ${name} failed:`, error);
        process.exitCode = 1;
      });
    }
  })().finally(() => (running = undefined));
  return running;
}

/** Set once a signal has started the shutdown. */
export let interrupted = false;

/**
 * Ctrl-C, a kill or a closed terminal: stop what was started, then exit.
 * Later signals are ignored (the terminal, npm and tsx may each relay one);
 * the stack's children get SIGKILL after a grace period anyway.
 */
export function cleanUpOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping what the bench started…`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}
