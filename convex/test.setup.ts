/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { expect } from "vitest";
import type { UserIdentity } from "convex/server";
import schema from "./schema";

// Every module Convex would deploy: like its bundler, skip names with more
// than one dot (tests, `auth.config.ts`, `test.setup.ts`, type declarations).
export const modules = import.meta.glob(["./**/*.{ts,js}", "!./**/*.*.*"]);

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

/** Asserts a call is rejected with a ConvexError of this stable code. */
export async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ data: { code } });
}
