/**
 * Placeholder shell: the backend is in place; the signed-in app (issue 4)
 * and sign-in wiring (issue 3) replace this.
 */
export function App() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 p-6 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <h1 className="text-3xl font-semibold">Daybook</h1>
      <p className="text-slate-600 dark:text-slate-300">
        Private daily todos and notes. The app is being built; the backend is
        ready in <code>convex/</code>.
      </p>
    </main>
  );
}
