import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useCallback, useSyncExternalStore } from "react";
import { vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import type { User } from "@workos-inc/authkit-react";
import { App } from "@/app/App";
import { SessionMonitor, SessionProvider } from "@/features/auth";
import { LocalCacheProvider, type LocalCache } from "@/lib/localCache";
import { createMemoryOutboxStore, OutboxStoreProvider } from "@/lib/outbox";
import { readRememberedTimeZone } from "@/lib/todayTimeZone";

type MemoryOutboxStore = ReturnType<typeof createMemoryOutboxStore>;
import {
  authCalls,
  readAuth,
  resetAuth,
  setAuthState,
  subscribeAuth,
} from "./fakeAuth";
import {
  createFakeConvex,
  TEST_USER,
  type FakeConvexBackend,
} from "./fakeConvex";

// AuthKit talks to WorkOS; tests replace its hook with a state they control.
vi.mock("@workos-inc/authkit-react", async () => {
  const { LoginRequiredError } = await import("./fakeAuth");
  const { getClaims } = await vi.importActual<
    typeof import("@workos-inc/authkit-react")
  >("@workos-inc/authkit-react");
  return {
    LoginRequiredError,
    getClaims,
    AuthKitProvider: ({ children }: { children: React.ReactNode }) => children,
    useAuth: () => {
      const state = useSyncExternalStore(subscribeAuth, readAuth);
      const getAccessToken = useCallback(async () => {
        const { user, tokenFailure } = readAuth();
        if (tokenFailure === "unreachable")
          throw new TypeError("Failed to fetch");
        if (!user || tokenFailure === "ended") throw new LoginRequiredError();
        return "fake-access-token";
      }, []);
      return {
        ...state,
        getAccessToken,
        signIn: authCalls.signIn,
        signOut: authCalls.signOut,
      };
    },
  };
});

export { authCalls, setAuthState } from "./fakeAuth";

/**
 * Renders the whole app at `path` over a fake Convex backend that runs the
 * real convex/ functions. Signed in as the test user unless `signedIn: false`.
 * A "reload" renders again with the same `backend`, `outboxStore` and
 * `keepStorage`.
 */
export async function renderApp({
  path = "/",
  signedIn = true,
  authLoading = false,
  tokenFailure,
  seed,
  storage = {},
  keepStorage = false,
  tabStorage = {},
  backend: existingBackend,
  outboxStore = createMemoryOutboxStore(),
  authUser,
  localCache,
}: {
  path?: string;
  signedIn?: boolean;
  /** AuthKit still checking the session. */
  authLoading?: boolean;
  /** Sign-in failing from the start (see fakeAuth's AuthState). */
  tokenFailure?: "unreachable" | "ended";
  /** Data to put in the backend first, as the test user. */
  seed?: (backend: FakeConvexBackend) => Promise<unknown>;
  /** localStorage entries left by an earlier visit. */
  storage?: Record<string, string>;
  /** sessionStorage entries left by an earlier page in this tab. */
  tabStorage?: Record<string, string>;
  /** Leave this tab's storage as it is (a reload). */
  keepStorage?: boolean;
  /** The server of an earlier render: this render is its page reloaded. */
  backend?: FakeConvexBackend;
  /** Where unsent changes are kept (IndexedDB in the app). */
  outboxStore?: MemoryOutboxStore;
  /** Signed in as this AuthKit user instead of the test user. */
  authUser?: User;
  /** The page's local cache (none unless given). */
  localCache?: LocalCache;
} = {}) {
  resetAuth();
  if (!keepStorage) {
    sessionStorage.clear();
    localStorage.clear();
  }
  for (const [key, value] of Object.entries(storage))
    localStorage.setItem(key, value);
  for (const [key, value] of Object.entries(tabStorage))
    sessionStorage.setItem(key, value);
  // A new page: today's zone is what this browser remembers, if anything.
  readRememberedTimeZone();
  if (!signedIn) setAuthState({ user: null });
  if (authLoading) setAuthState({ isLoading: true, user: null });
  setAuthState({ tokenFailure });
  if (authUser) setAuthState({ user: authUser });
  const { backend, client } = createFakeConvex(existingBackend?.reload());
  backend.identity = {
    ...TEST_USER,
    subject: authUser?.id ?? TEST_USER.subject,
  };
  if (seed) await seed(backend);
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  const monitor = new SessionMonitor();
  const app = (
    <OutboxStoreProvider store={outboxStore}>
      <App />
    </OutboxStoreProvider>
  );
  const view = render(
    <Router hook={location.hook}>
      <SessionProvider monitor={monitor} client={client}>
        {localCache ? (
          <LocalCacheProvider cache={localCache}>{app}</LocalCacheProvider>
        ) : (
          app
        )}
      </SessionProvider>
    </Router>,
  );
  return { ...view, user, backend, client, location, monitor, outboxStore };
}

/**
 * Opens the menu behind the button named `name` with a click, as soon as
 * the button is on the page (menus are part of the page: no code to wait
 * for), and returns the menu.
 */
export async function openMenu(
  user: ReturnType<typeof userEvent.setup>,
  name: string | RegExp,
) {
  await user.click(await screen.findByRole("button", { name }));
  return screen.getByRole("menu");
}
