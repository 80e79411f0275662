import { useAuth } from "@workos-inc/authkit-react";
import { LogIn } from "lucide-react";
import { Button } from "@/components/ui/Button";
import type { SignInFailure } from "../signInCallback";

/**
 * A sign-in that came back to /callback without signing the person in:
 * why, and a way to try again that returns to where it started.
 */
export function SignInFailedPage({ failure }: { failure: SignInFailure }) {
  const { signIn } = useAuth();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <span className="text-lg font-semibold">Daybook</span>
      </header>
      <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start gap-4 px-4 py-10">
        <h1 className="text-2xl font-semibold">Sign-in didn’t work</h1>
        <p role="alert" className="text-slate-700 dark:text-slate-300">
          {failure.reason}
        </p>
        <Button
          variant="primary"
          onClick={() => void signIn({ state: { returnTo: failure.returnTo } })}
        >
          <LogIn aria-hidden className="size-4" />
          Sign in again
        </Button>
      </main>
    </div>
  );
}
