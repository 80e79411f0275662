export { LandingPage } from "./components/LandingPage";
export { UserMenu } from "./components/UserMenu";
export { useProfileSync } from "./useProfileSync";
