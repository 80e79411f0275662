import type { User } from "@workos-inc/authkit-react";
import { vi } from "vitest";

/** The AuthKit state a test controls (read by the mocked useAuth). */
type AuthState = {
  isLoading: boolean;
  user: User | null;
  /**
   * How getAccessToken fails, if it does: `unreachable` as when WorkOS or
   * the sign-in function is down, `ended` as when the refresh was refused.
   */
  tokenFailure?: "unreachable" | "ended";
};

export const TEST_AUTH_USER: User = {
  object: "user",
  id: "user_test",
  email: "ada@example.com",
  emailVerified: true,
  profilePictureUrl: null,
  firstName: "Ada",
  lastName: "Lovelace",
  lastSignInAt: null,
  externalId: undefined,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

let state: AuthState = { isLoading: false, user: TEST_AUTH_USER };
const listeners = new Set<() => void>();

export const authCalls = {
  signIn: vi.fn(async (_options?: unknown) => {}),
  signOut: vi.fn((_options?: unknown) => {}),
};

export function setAuthState(next: Partial<AuthState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function resetAuth() {
  state = { isLoading: false, user: TEST_AUTH_USER };
  authCalls.signIn.mockClear();
  authCalls.signOut.mockClear();
}

export function subscribeAuth(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function readAuth() {
  return state;
}

/** Stands in for AuthKit's: the refresh was refused, the session is over. */
export class LoginRequiredError extends Error {
  constructor() {
    super("No access token available");
  }
}
