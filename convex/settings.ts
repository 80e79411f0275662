import { v } from "convex/values";
import { userMutation, userQuery, type UserMutationCtx } from "./lib/auth";
import { invalidArgument } from "./lib/errors";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "./lib/timeZone";
import { userSettings } from "./lib/userToday";
import type { Doc } from "./_generated/dataModel";

/*
 * A person's settings: one row in `settings` (made when the first setting
 * is stored), read by the server wherever it needs the person's today
 * (lib/userToday) and by the Settings dialog.
 */

/** What `settings.get` returns: every setting, defaults filled in. */
export type Settings = {
  /** IANA time zone; "UTC" while none is stored. */
  timeZone: string;
  /** False while no zone is stored (the browser has not sent one yet). */
  timeZoneIsSet: boolean;
  /** The person picked the zone in Settings; sign-ins leave it alone. */
  timeZoneChosen: boolean;
  moveUnfinishedAutomatically: boolean;
};

export const get = userQuery({
  args: {},
  handler: async (ctx): Promise<Settings> => {
    const row = await userSettings(ctx, ctx.userId);
    return {
      timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE,
      timeZoneIsSet: row?.timeZone !== undefined,
      timeZoneChosen: row?.timeZoneChosen === true,
      moveUnfinishedAutomatically: row?.moveUnfinishedAutomatically === true,
    };
  },
});

type SettingsFields = Partial<
  Omit<Doc<"settings">, "_id" | "_creationTime" | "userId">
>;

/** Writes some settings, making the row on the first one. */
export async function storeSettings(
  ctx: Pick<UserMutationCtx, "db">,
  userId: string,
  fields: SettingsFields,
): Promise<void> {
  const row = await userSettings(ctx, userId);
  if (row) await ctx.db.patch("settings", row._id, fields);
  else await ctx.db.insert("settings", { userId, ...fields });
}

export function requireTimeZone(value: string): string {
  const zone = canonicalTimeZone(value);
  if (zone === null) {
    throw invalidArgument(
      "Time zone must be an IANA time zone name, e.g. Europe/Paris.",
    );
  }
  return zone;
}

/**
 * Stores the person's time zone, as its canonical IANA name.
 * - `source: "browser"`: the browser's zone, sent on sign-in. Stored unless
 *   the person picked a zone in Settings.
 * - `source: "choice"`: the person picked this zone in Settings. Kept until
 *   they pick "automatic".
 * - `source: "automatic"`: the person chose in Settings to follow the
 *   device again; `timeZone` is this device's zone.
 * Returns the zone stored now (unchanged for a browser zone after a choice).
 */
export const setTimeZone = userMutation({
  args: {
    timeZone: v.string(),
    source: v.union(
      v.literal("browser"),
      v.literal("choice"),
      v.literal("automatic"),
    ),
  },
  handler: async (ctx, args): Promise<string> => {
    const timeZone = requireTimeZone(args.timeZone);
    const row = await userSettings(ctx, ctx.userId);
    if (args.source === "browser") {
      if (row?.timeZoneChosen) return row.timeZone ?? DEFAULT_TIME_ZONE;
      // Every sign-in sends it: an unchanged zone writes nothing.
      if (row?.timeZone === timeZone) return timeZone;
    }
    await storeSettings(ctx, ctx.userId, {
      timeZone,
      timeZoneChosen: args.source === "choice",
    });
    return timeZone;
  },
});

/** "Move unfinished todos to today automatically" (convex/carryOver). */
export const setMoveUnfinishedAutomatically = userMutation({
  args: { enabled: v.boolean() },
  handler: async (ctx, { enabled }) => {
    await storeSettings(ctx, ctx.userId, {
      moveUnfinishedAutomatically: enabled,
    });
  },
});
