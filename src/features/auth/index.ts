import { lazy } from "react";

export { LandingPage } from "./components/LandingPage";
export { UserMenu } from "./components/UserMenu";
export { safeReturnPath } from "./returnTo";
export {
  mayHaveSession,
  RETRYING_TEXT,
  SessionMonitor,
  sessionIsOver,
  SessionNotices,
  SessionProvider,
  startupRefreshLeft,
  useSession,
  type SessionStatus,
} from "./session";
export { useProfileSync } from "./useProfileSync";
export { useSignInFailure, watchSignInCallback } from "./signInCallback";

/** Only a sign-in that came back and failed shows this. */
export const SignInFailedPage = lazy(() =>
  import("./components/SignInFailedPage").then((m) => ({
    default: m.SignInFailedPage,
  })),
);

/** Only a build missing its configuration shows this. */
export const SetupPage = lazy(() =>
  import("./SetupPage").then((m) => ({ default: m.SetupPage })),
);
