import { v } from "convex/values";
import { userMutation, userQuery } from "./lib/auth";
import { invalidArgument } from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { requireText } from "./lib/validate";

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

function optionalText(value: string | undefined, field: string, max: number) {
  if (value === undefined) return undefined;
  return (
    requireText(value, { field, max, allowEmpty: true }).trim() || undefined
  );
}

/**
 * Stores the caller's profile. Token claims win; the client's values (from
 * the AuthKit user object) fill only what the token lacks, and only ever on
 * the caller's own row.
 */
export const syncProfile = userMutation({
  args: {
    name: v.optional(v.string()),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    // Every argument is checked even where a token claim will win.
    const fromClient = {
      name: optionalText(args.name, "Name", LIMITS.profileText),
      email: optionalText(args.email, "Email", LIMITS.profileText),
      pictureUrl: optionalText(
        args.pictureUrl,
        "Picture URL",
        LIMITS.profileUrl,
      ),
    };
    const identity = await ctx.auth.getUserIdentity();
    const pictureUrl = identity?.pictureUrl ?? fromClient.pictureUrl;
    if (pictureUrl !== undefined && !pictureUrl.startsWith("https://")) {
      throw invalidArgument("Picture URL must start with https://.");
    }
    const profile = {
      name: identity?.name ?? fromClient.name,
      email: identity?.email ?? fromClient.email,
      pictureUrl,
      updatedAt: Date.now(),
    };
    const existing = await ctx.db
      .query("users")
      .withIndex("by_user", (q) => q.eq("userId", ctx.userId))
      .unique();
    if (existing) {
      await ctx.db.replace("users", existing._id, {
        userId: ctx.userId,
        ...profile,
      });
    } else {
      await ctx.db.insert("users", { userId: ctx.userId, ...profile });
    }
  },
});
