import type { EmulatorStore } from "./emulator-store";

/** What every emulator route needs to know; `autoSignIn` can change at run time. */
export interface EmulatorContext {
  store: EmulatorStore;
  clientId: string;
  apiKey: string;
  /** `<base>/user_management/<clientId>`, as WorkOS issues access tokens. */
  issuer: string;
  accessTokenTtlSeconds: number;
  /** false: show the page; true: sign in `login_hint` or the first test user; a string: sign in that email. */
  autoSignIn: boolean | string;
}
