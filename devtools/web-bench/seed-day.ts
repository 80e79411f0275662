/**
 * A today of `count` open todos for `npm run bench:web -- --todos N`,
 * written through the app's own `todos:createMany` (as the demo's sample
 * account is), so counts and summary rows are what the app would keep.
 */
import { LIMITS } from "../../convex/lib/limits";
import type { SeedUser } from "../convex-standin/standin";

function localToday() {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function seedTodayWith(count: number) {
  return async (user: SeedUser) => {
    const day = localToday();
    for (let first = 1; first <= count; first += LIMITS.listItems) {
      const last = Math.min(count, first + LIMITS.listItems - 1);
      const lines = [];
      for (let n = first; n <= last; n += 1) lines.push(`Bench todo ${n}`);
      const outcome = await user.mutation("todos:createMany", { day, lines });
      if (!outcome.success) {
        throw new Error(`Seeding today failed: ${outcome.errorMessage}`);
      }
    }
  };
}
