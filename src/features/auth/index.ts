import { lazy } from "react";

export { LandingPage } from "./components/LandingPage";
export { UserMenu } from "./components/UserMenu";
export { safeReturnPath } from "./returnTo";
export { useProfileSync } from "./useProfileSync";

/** Only a build missing its configuration shows this. */
export const SetupPage = lazy(() =>
  import("./SetupPage").then((m) => ({ default: m.SetupPage })),
);
