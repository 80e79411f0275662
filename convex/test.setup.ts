/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import type { UserIdentity } from "convex/server";
import schema from "./schema";

// Every module of the backend, for convex-test (test files excluded).
export const modules = import.meta.glob([
  "./**/*.{ts,js}",
  "!./**/*.test.ts",
  "!./**/*.d.ts",
  "!./**/test.*.ts",
]);

/**
 * A fresh in-memory backend with Convex's per-transaction limits enforced,
 * so a test fails where a real deployment would.
 */
export function newBackend() {
  return convexTest({ schema, modules, transactionLimits: true });
}

export type Backend = ReturnType<typeof newBackend>;

const ISSUER = "https://api.workos.com/user_management/client_test";

export function identity(name: string): Partial<UserIdentity> {
  return { subject: `user_${name}`, issuer: ISSUER, name };
}

export const ALICE = identity("alice");
export const BOB = identity("bob");
