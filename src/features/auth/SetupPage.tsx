const WHERE: Record<string, string> = {
  VITE_CONVEX_URL:
    "your Convex deployment URL — `npx convex dev` writes it to .env.local",
  VITE_WORKOS_CLIENT_ID:
    "your WorkOS client id (WorkOS dashboard → API Keys), or let `npx convex dev` provision it",
};

/** Shown instead of the app when the build is missing configuration. */
export function SetupPage({ missing }: { missing: string[] }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col justify-center gap-6 p-6 text-slate-900 dark:text-slate-100">
      <h1 className="text-3xl font-semibold">Daybook needs setting up</h1>
      <p className="text-slate-700 dark:text-slate-300">
        This build is missing configuration. Set these variables, then restart{" "}
        <code>npm run dev</code> (locally, in <code>.env.local</code>) or
        redeploy (on Netlify, under Site configuration → Environment variables):
      </p>
      <ul className="flex flex-col gap-3">
        {missing.map((name) => (
          <li
            key={name}
            className="rounded-lg border border-slate-300 p-3 dark:border-slate-700"
          >
            <code className="font-semibold">{name}</code>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {WHERE[name]}
            </p>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <code>.env.example</code> lists every variable; the README explains each
        step.
      </p>
    </main>
  );
}
