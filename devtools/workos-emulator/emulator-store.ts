import { randomBytes } from "node:crypto";
import type { EmulatorUserSeed } from "./test-users";

export interface EmulatorUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  organizationId?: string;
  role?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the sign-in page needs to finish an /authorize call after a click. */
export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
}

interface AuthorizationCode extends PendingAuthorization {
  userId: string;
  expiresAt: number;
  redeemed: boolean;
  sessionId?: string;
}

export interface EmulatorSession {
  id: string;
  userId: string;
  organizationId?: string;
  ended: boolean;
}

export type CodeRedemption =
  | { ok: true; code: AuthorizationCode }
  | { ok: false; reason: "unknown" | "expired" | "replayed" };

// WorkOS authorization codes are valid for ten minutes.
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** WorkOS-looking identifiers: a prefix and 26 upper-case characters. */
function newId(prefix: string) {
  const body = randomBytes(16).toString("hex").toUpperCase().slice(0, 26);
  return `${prefix}_${body}`;
}

function newSecret() {
  return randomBytes(32).toString("base64url");
}

/** The emulator's whole memory: users, codes, sessions and refresh tokens. */
export class EmulatorStore {
  readonly #usersByEmail = new Map<string, EmulatorUser>();
  readonly #usersById = new Map<string, EmulatorUser>();
  readonly #pendingAuthorizations = new Map<string, PendingAuthorization>();
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #sessions = new Map<string, EmulatorSession>();
  // Refresh token -> session id; a token leaves the map when it is used.
  readonly #refreshTokens = new Map<string, string>();

  constructor(seeds: readonly EmulatorUserSeed[]) {
    for (const seed of seeds) this.findOrCreateUser(seed);
  }

  get users(): EmulatorUser[] {
    return [...this.#usersById.values()];
  }

  findOrCreateUser(seed: EmulatorUserSeed): EmulatorUser {
    const email = seed.email.trim().toLowerCase();
    const existing = this.#usersByEmail.get(email);
    if (existing) return existing;
    const now = new Date().toISOString();
    const user: EmulatorUser = {
      id: newId("user"),
      email,
      firstName: seed.firstName ?? null,
      lastName: seed.lastName ?? null,
      organizationId: seed.organizationId,
      role: seed.role,
      createdAt: now,
      updatedAt: now,
    };
    this.#usersByEmail.set(email, user);
    this.#usersById.set(user.id, user);
    return user;
  }

  userById(id: string) {
    return this.#usersById.get(id);
  }

  rememberAuthorization(request: PendingAuthorization) {
    const id = newSecret();
    this.#pendingAuthorizations.set(id, request);
    return id;
  }

  takeAuthorization(id: string) {
    const request = this.#pendingAuthorizations.get(id);
    this.#pendingAuthorizations.delete(id);
    return request;
  }

  issueCode(request: PendingAuthorization, userId: string) {
    const code = newSecret();
    this.#codes.set(code, {
      ...request,
      userId,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
      redeemed: false,
    });
    return code;
  }

  /**
   * Codes are single-use. A replayed code also ends the session it created
   * (RFC 6749 §4.1.2), as a stolen code must not keep working.
   */
  redeemCode(value: string): CodeRedemption {
    const code = this.#codes.get(value);
    if (!code) return { ok: false, reason: "unknown" };
    if (code.redeemed) {
      if (code.sessionId) this.endSession(code.sessionId);
      return { ok: false, reason: "replayed" };
    }
    code.redeemed = true;
    if (Date.now() > code.expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, code };
  }

  startSession(userId: string, organizationId?: string): EmulatorSession {
    const session = {
      id: newId("session"),
      userId,
      organizationId,
      ended: false,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  linkCodeToSession(code: AuthorizationCode, sessionId: string) {
    code.sessionId = sessionId;
  }

  issueRefreshToken(sessionId: string) {
    const token = newSecret();
    this.#refreshTokens.set(token, sessionId);
    return token;
  }

  /** Rotation: a refresh token works once, and only while its session lives. */
  redeemRefreshToken(token: string): EmulatorSession | undefined {
    const sessionId = this.#refreshTokens.get(token);
    this.#refreshTokens.delete(token);
    const session = sessionId ? this.#sessions.get(sessionId) : undefined;
    return session && !session.ended ? session : undefined;
  }

  /** Returns false when there is no such session. */
  endSession(id: string) {
    const session = this.#sessions.get(id);
    if (!session) return false;
    session.ended = true;
    return true;
  }
}
