import { useAuth } from "@workos-inc/authkit-react";
import { LogIn, NotebookPen, Plus, Search } from "lucide-react";
import { lazy, Suspense, useEffect, useState, type FormEvent } from "react";
import { Button, IconButton } from "@/components/ui/Button";
import { todayString } from "@/lib/dates";
import { keepSignedOutDraft, readSignedOutDraft } from "@/lib/signedOutDrafts";
import { isMac } from "@/lib/keyboard";
import { currentPath } from "../returnTo";

// Loaded when a visitor first tries something that needs an account.
const SignInRequiredDialog = lazy(() => import("./SignInRequiredDialog"));

const FEATURES = [
  "A list for every day, with headings and a Done section",
  "Notes beside your todos, in markdown",
  "Pin what matters and find it across days",
  "Labels, archive and search across everything",
];

/**
 * What a signed-out visitor sees: what Daybook is, Sign in, and a preview of
 * the day whose controls explain that they need an account.
 */
export function LandingPage() {
  const { signIn } = useAuth();
  const [blocked, setBlocked] = useState<string | null>(null);
  // What is typed here is kept and shows in today's add field once signed
  // in (lib/signedOutDrafts), never lost to the sign-in round trip.
  const [draftName] = useState(() => `add-todo:${todayString()}`);
  const [draft, setDraft] = useState(() => readSignedOutDraft(draftName));
  const startSignIn = () => {
    void signIn({ state: { returnTo: currentPath() } });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setBlocked("search your todos and notes");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    setBlocked("add a todo");
  };

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <span className="text-lg font-semibold">Daybook</span>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            onClick={() => setBlocked("search your todos and notes")}
            aria-keyshortcuts={isMac ? "Meta+K" : "Control+K"}
          >
            <Search aria-hidden className="size-4" />
            Search
          </Button>
          <Button variant="primary" onClick={startSignIn}>
            <LogIn aria-hidden className="size-4" />
            Sign in
          </Button>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-8 px-4 py-10">
        <section className="flex flex-col gap-3">
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">
            Your day, in one quiet place.
          </h1>
          <p className="max-w-prose text-lg text-slate-700 dark:text-slate-300">
            Daybook keeps private daily todos and notes. Sign in to start
            today&apos;s list.
          </p>
          <ul className="grid list-inside list-disc gap-2 text-slate-700 marker:text-indigo-700 sm:grid-cols-2 dark:text-slate-300 dark:marker:text-indigo-400">
            {FEATURES.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
        <section
          aria-labelledby="preview-heading"
          className="flex flex-col gap-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="preview-heading" className="text-xl font-semibold">
            Today
          </h2>
          <form onSubmit={onAdd} className="flex items-center gap-2">
            <input
              aria-label="Add a todo"
              placeholder="Add a todo…"
              value={draft}
              onChange={(event) => {
                setDraft(event.target.value);
                keepSignedOutDraft(draftName, event.target.value);
              }}
              className="min-h-10 flex-1 rounded-md border border-slate-300 bg-transparent px-3 dark:border-slate-700"
            />
            <IconButton
              type="submit"
              label="Add"
              variant="secondary"
              icon={<Plus aria-hidden className="size-4" />}
            />
          </form>
          <div>
            <Button onClick={() => setBlocked("add a note")}>
              <NotebookPen aria-hidden className="size-4" />
              Add note
            </Button>
          </div>
        </section>
      </main>
      {blocked !== null ? (
        <Suspense fallback={null}>
          <SignInRequiredDialog
            open
            onOpenChange={(open) => {
              if (!open) setBlocked(null);
            }}
            action={blocked}
            onSignIn={startSignIn}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
