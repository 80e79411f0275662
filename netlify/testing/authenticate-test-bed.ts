import { vi } from "vitest";
import type { WorkosEmulator } from "../../devtools/workos-emulator/emulator";
import { createAuthenticate } from "../functions/authenticate/authenticate";
import { MemoryGraceStore } from "./memory-grace-store";

/**
 * The authenticate function with everything around it under the test's
 * control: an in-memory grace store, a clock that can jump ahead, answer
 * deadlines that pass when the test says so, and Netlify's waitUntil.
 */
export function authenticateTestBed() {
  const store = new MemoryGraceStore();
  let clockOffsetMs = 0;
  const deadlines: AbortController[] = [];
  const backgroundWork: Promise<unknown>[] = [];
  const handler = createAuthenticate({
    graceStore: () => store,
    now: () => Date.now() + clockOffsetMs,
    answerDeadline() {
      const deadline = new AbortController();
      deadlines.push(deadline);
      return deadline.signal;
    },
  });
  return {
    store,
    authenticate: (request: Request) =>
      handler(request, { waitUntil: (work) => backgroundWork.push(work) }),
    advanceClock(ms: number) {
      clockOffsetMs += ms;
    },
    /** Every request so far reaches its answer deadline now. */
    reachDeadlines() {
      for (const deadline of deadlines) deadline.abort();
    },
    /** Resolves when the work the function left running has finished. */
    backgroundDone: () => Promise.all(backgroundWork),
  };
}

function isRefreshCall(
  emulator: WorkosEmulator,
  input: Parameters<typeof fetch>[0],
  init: Parameters<typeof fetch>[1],
) {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (
    url.origin !== emulator.baseUrl ||
    url.pathname !== "/user_management/authenticate" ||
    typeof init?.body !== "string"
  ) {
    return false;
  }
  try {
    return (
      (JSON.parse(init.body) as { grant_type?: unknown }).grant_type ===
      "refresh_token"
    );
  } catch {
    return false;
  }
}

interface HeldAnswer {
  /** Resolves once WorkOS has answered (and rotated) and the answer is held. */
  answered: Promise<void>;
  /** Lets the held answer through to the function. */
  release(): void;
}

/**
 * Counts the functions' refresh calls to the WorkOS emulator, and can hold
 * WorkOS's answer to one: WorkOS has rotated the token, but the function
 * has not heard yet, as when WorkOS is slow.
 */
export function watchWorkosRefreshes(emulator: WorkosEmulator) {
  const realFetch = globalThis.fetch;
  let count = 0;
  let nextHold:
    (HeldAnswer & { arrive(): void; gate: Promise<void> }) | undefined;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    if (isRefreshCall(emulator, input, init)) {
      count += 1;
      const hold = nextHold;
      nextHold = undefined;
      if (hold) {
        hold.arrive();
        await hold.gate;
      }
    }
    return response;
  });
  return {
    get count() {
      return count;
    },
    holdNextAnswer(): HeldAnswer {
      let arrive = () => {};
      let release = () => {};
      const answered = new Promise<void>((resolve) => (arrive = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      nextHold = { answered, release, arrive, gate };
      return { answered, release };
    },
  };
}
