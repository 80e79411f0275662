import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// "Recently deleted" keeps items 30 days; the purge works in batches and
// schedules the next while there is more (convex/trash `purgeExpired`).
crons.daily(
  "purge Recently deleted",
  { hourUTC: 3, minuteUTC: 17 },
  internal.trash.purgeExpired,
  {},
);

// Undo steps are kept a day; users who stopped making changes never prune
// their own (convex/undo `purgeExpired`, in batches too).
crons.daily(
  "purge the undo log",
  { hourUTC: 4, minuteUTC: 41 },
  internal.undo.purgeExpired,
  {},
);

export default crons;
