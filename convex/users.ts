import type { UserIdentity, WithoutSystemFields } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalAction } from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import {
  findForbiddenCharacter,
  isBlankText,
  normalizeText,
} from "./lib/cleanText";
import { LIMITS } from "./lib/limits";

/** The caller's own profile row, or null before the first sync. */
export const me = userQuery({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("users")
      .withIndex("by_user", (q) => q.eq("userId", ctx.userId))
      .unique();
  },
});

type Profile = { name?: string; email?: string; pictureUrl?: string };

/**
 * A profile value as stored: cleaned like user text, or left out when it is
 * empty, too long or holds a control character. Values come from a signed
 * token or from WorkOS, never from the client, so a bad one is skipped
 * rather than refused (refusing would leave the person without a profile).
 */
function profileText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = normalizeText(value).trim();
  if (isBlankText(text) || text.length > max) return undefined;
  if (findForbiddenCharacter(text) !== null) return undefined;
  return text;
}

function profileOf(fields: {
  name?: unknown;
  email?: unknown;
  pictureUrl?: unknown;
}): Profile {
  const pictureUrl = profileText(fields.pictureUrl, LIMITS.profileUrl);
  return {
    name: profileText(fields.name, LIMITS.profileText),
    email: profileText(fields.email, LIMITS.profileText),
    pictureUrl: pictureUrl?.startsWith("https://") ? pictureUrl : undefined,
  };
}

/**
 * The profile claims of a token. WorkOS access tokens carry none by
 * default; a JWT template (WorkOS dashboard, Authentication, "Configure JWT
 * Template") adds them, and Convex reads `email`, `name` and `picture` as
 * `identity.email`, `.name` and `.pictureUrl`:
 *
 *   { "email": {{ user.email }},
 *     "name": "{{ user.first_name }} {{ user.last_name }}",
 *     "picture": {{ user.profile_picture_url }} }
 */
function profileFromClaims(identity: UserIdentity): Profile {
  const fullName = [identity.givenName, identity.familyName]
    .filter(Boolean)
    .join(" ");
  return profileOf({
    name: identity.name ?? (fullName || undefined),
    email: identity.email,
    pictureUrl: identity.pictureUrl,
  });
}

/**
 * The WorkOS API as the deployment configures it, or null without a key.
 * Read per call, here only. Through `process.env` rather than the typed
 * `env` of `_generated/server`, which needs a `convex/convex.config.ts`
 * that offline codegen does not process (see lib/rateLimits).
 */
function workosApi(): { apiKey: string; baseUrl: string } | null {
  // eslint-disable-next-line @convex-dev/no-process-env -- see above.
  const { WORKOS_API_KEY, WORKOS_API_BASE_URL } = process.env;
  if (!WORKOS_API_KEY) return null;
  return {
    apiKey: WORKOS_API_KEY,
    baseUrl: (WORKOS_API_BASE_URL || "https://api.workos.com").replace(
      /\/+$/,
      "",
    ),
  };
}

/** A profile fetched from WorkOS is fetched again after a day at most. */
const REFETCH_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Stores the caller's profile from their token's claims; the client sends
 * nothing but the call. A token without an email claim (no JWT template
 * at WorkOS) keeps the values stored before from a verified source (the
 * row's `source`), and, when `WORKOS_API_KEY` is set on the deployment,
 * schedules fetching the user from WorkOS (`fetchWorkosProfile`), at most
 * once a day. Values on a row without a `source` were sent by the browser
 * before this took no arguments: they are dropped, never kept.
 */
export const syncProfile = userMutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    const claims = identity ? profileFromClaims(identity) : {};
    const existing = await ctx.db
      .query("users")
      .withIndex("by_user", (q) => q.eq("userId", ctx.userId))
      .unique();
    const now = Date.now();
    const fromToken = claims.email !== undefined;
    // Values stored before from the token or WorkOS may stay; the browser's
    // (a row without `source`) may not.
    const verified = existing?.source !== undefined ? existing : null;
    const anyClaim = Object.values(claims).some((value) => value !== undefined);
    const row: WithoutSystemFields<Doc<"users">> = {
      userId: ctx.userId,
      name: claims.name ?? (fromToken ? undefined : verified?.name),
      email: claims.email ?? verified?.email,
      pictureUrl:
        claims.pictureUrl ?? (fromToken ? undefined : verified?.pictureUrl),
      updatedAt: now,
      fetchedAt: existing?.fetchedAt,
    };
    if (verified && !fromToken) row.source = verified.source;
    else if (anyClaim) row.source = "token";
    const fetchDue =
      !fromToken &&
      workosApi() !== null &&
      (row.fetchedAt === undefined || now - row.fetchedAt > REFETCH_AFTER_MS);
    if (fetchDue) row.fetchedAt = now;
    if (existing) await ctx.db.replace("users", existing._id, row);
    else await ctx.db.insert("users", row);
    if (fetchDue) {
      await ctx.scheduler.runAfter(0, internal.users.fetchWorkosProfile, {
        userId: ctx.userId,
      });
    }
  },
});

/**
 * Fetches the user from WorkOS's User Management API and stores their
 * profile. Failures are logged (without the key or the profile) and left
 * for the next sign-in a day later.
 */
export const fetchWorkosProfile = internalAction({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const workos = workosApi();
    if (!workos) return;
    const response = await fetch(
      `${workos.baseUrl}/user_management/users/${encodeURIComponent(userId)}`,
      { headers: { Authorization: `Bearer ${workos.apiKey}` } },
    );
    if (!response.ok) {
      console.warn(`WorkOS user fetch failed with HTTP ${response.status}.`);
      return;
    }
    const user = (await response.json()) as Record<string, unknown>;
    const fullName = [user.first_name, user.last_name]
      .filter((part) => typeof part === "string" && part.trim() !== "")
      .join(" ");
    await ctx.runMutation(internal.users.storeWorkosProfile, {
      userId,
      ...profileOf({
        name: fullName || undefined,
        email: user.email,
        pictureUrl: user.profile_picture_url,
      }),
    });
  },
});

/** Stores what `fetchWorkosProfile` found, on that user's row only. */
export const storeWorkosProfile = internalMutation({
  args: {
    userId: v.string(),
    name: v.optional(v.string()),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
  },
  handler: async (ctx, { userId, ...fetched }) => {
    const existing = await ctx.db
      .query("users")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .unique();
    // The row goes with "delete my data"; a late answer must not bring it back.
    if (!existing) return;
    // Values the browser sent (a row without `source`) are not kept.
    const verified = existing.source !== undefined ? existing : null;
    await ctx.db.patch("users", existing._id, {
      name: fetched.name ?? verified?.name,
      email: fetched.email ?? verified?.email,
      pictureUrl: fetched.pictureUrl ?? verified?.pictureUrl,
      updatedAt: Date.now(),
      source: "workos",
    });
  },
});
