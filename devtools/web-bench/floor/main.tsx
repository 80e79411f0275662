/**
 * The signed-in floor for `npm run bench:web`: devtools/bundle-floor's bare
 * page (React, the Convex client, the AuthKit providers) made to do the least
 * a day view must do: sign in from the session cookie as a production build
 * does (AuthKit's API on this origin), run one `todos.listForDay` query for
 * today, and paint the open todos as a plain list. No app code.
 */
import { ConvexProviderWithAuthKit } from "@convex-dev/workos";
import { AuthKitProvider, useAuth } from "@workos-inc/authkit-react";
import { ConvexReactClient, useQuery } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { api } from "../../../convex/_generated/api";

function localToday() {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function TodayList() {
  const todos = useQuery(api.todos.listForDay, { day: localToday() });
  if (!todos) return <p>Loading…</p>;
  const open = todos.filter((todo) => !todo.done);
  return (
    <ul aria-label="Open todos">
      {open.map((todo) => (
        <li key={todo._id}>
          <label>
            <input type="checkbox" readOnly checked={false} />
            {todo.text}
          </label>
        </li>
      ))}
    </ul>
  );
}

function Floor() {
  const { user, isLoading } = useAuth();
  if (isLoading) return <p>Signing in…</p>;
  if (!user) return <p>Not signed in</p>;
  return <TodayList />;
}

const convex = new ConvexReactClient(window.location.origin);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AuthKitProvider
      clientId={import.meta.env.VITE_WORKOS_CLIENT_ID as string}
      apiHostname={window.location.hostname}
      port={window.location.port ? Number(window.location.port) : undefined}
      https={window.location.protocol === "https:"}
      devMode={false}
      redirectUri={`${window.location.origin}/callback`}
    >
      <ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>
        <Floor />
      </ConvexProviderWithAuthKit>
    </AuthKitProvider>
  </StrictMode>,
);
