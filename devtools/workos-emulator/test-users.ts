/** A person the emulator can sign in, in the emulator's own (camelCase) terms. */
export interface EmulatorUserSeed {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  /** When set, sessions of this user carry `org_id` and `role` claims. */
  organizationId?: string;
  role?: string;
}

/** Offered as one-click buttons on the sign-in page. */
export const READY_MADE_TEST_USERS: readonly EmulatorUserSeed[] = [
  { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" },
  { email: "grace@example.com", firstName: "Grace", lastName: "Hopper" },
];
