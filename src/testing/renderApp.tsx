import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useCallback, useSyncExternalStore } from "react";
import { vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { App } from "@/app/App";
import { SessionMonitor, SessionProvider } from "@/features/auth";
import {
  authCalls,
  readAuth,
  resetAuth,
  setAuthState,
  subscribeAuth,
} from "./fakeAuth";
import { createFakeConvex, type FakeConvexBackend } from "./fakeConvex";

// AuthKit talks to WorkOS; tests replace its hook with a state they control.
vi.mock("@workos-inc/authkit-react", async () => {
  const { LoginRequiredError } = await import("./fakeAuth");
  return {
    LoginRequiredError,
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
 */
export async function renderApp({
  path = "/",
  signedIn = true,
  authLoading = false,
  tokenFailure,
  seed,
  storage = {},
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
} = {}) {
  resetAuth();
  sessionStorage.clear();
  localStorage.clear();
  for (const [key, value] of Object.entries(storage))
    localStorage.setItem(key, value);
  if (!signedIn) setAuthState({ user: null });
  if (authLoading) setAuthState({ isLoading: true, user: null });
  setAuthState({ tokenFailure });
  const { backend, client } = createFakeConvex();
  if (seed) await seed(backend);
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  const monitor = new SessionMonitor();
  const view = render(
    <Router hook={location.hook}>
      <SessionProvider monitor={monitor} client={client}>
        <App />
      </SessionProvider>
    </Router>,
  );
  return { ...view, user, backend, client, location, monitor };
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
