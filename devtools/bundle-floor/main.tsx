/**
 * The floor for `npm run bench:bundle`: a bare page with only React, the
 * Convex client and the AuthKit providers, wired as src/app/AppProviders.tsx
 * wires them. Nothing the app itself adds is here.
 */
import { ConvexProviderWithAuthKit } from "@convex-dev/workos";
import { AuthKitProvider, useAuth } from "@workos-inc/authkit-react";
import { ConvexReactClient, useConvexAuth } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

function Bare() {
  const { user, signIn } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  return (
    <button type="button" onClick={() => void signIn()}>
      {user ? `${user.email} ${isAuthenticated}` : "Sign in"}
    </button>
  );
}

const convex = new ConvexReactClient("https://example.convex.cloud");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AuthKitProvider
      clientId="client_floor"
      redirectUri="https://example.com/callback"
    >
      <ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>
        <Bare />
      </ConvexProviderWithAuthKit>
    </AuthKitProvider>
  </StrictMode>,
);
