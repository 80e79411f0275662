import { useAuth } from "@workos-inc/authkit-react";
import { useConvexAuth } from "convex/react";
import { currentPath } from "../features/auth/returnTo";

/**
 * Minimal signed-in shell until the full app lands: who is signed in, and
 * the sign-in and sign-out buttons.
 */
export function App() {
  const { user, isLoading, signIn, signOut } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 p-6 text-slate-900 dark:text-slate-100">
      <h1 className="text-3xl font-semibold">Daybook</h1>
      {isLoading ? (
        <p role="status">Checking your session…</p>
      ) : user ? (
        <>
          <p>
            Signed in as <span data-testid="user-email">{user.email}</span>
            {isAuthenticated ? "" : " (connecting…)"}
          </p>
          <button
            type="button"
            className="self-start rounded-md bg-slate-900 px-4 py-2 text-white dark:bg-slate-100 dark:text-slate-900"
            onClick={() => signOut({ returnTo: window.location.origin })}
          >
            Sign out
          </button>
        </>
      ) : (
        <>
          <p>Private daily todos and notes.</p>
          <button
            type="button"
            className="self-start rounded-md bg-indigo-700 px-4 py-2 text-white"
            onClick={() => signIn({ state: { returnTo: currentPath() } })}
          >
            Sign in
          </button>
        </>
      )}
    </main>
  );
}
