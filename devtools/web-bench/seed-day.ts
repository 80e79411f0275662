/**
 * Days of `count` open todos for `npm run bench:web`, written through the
 * app's own `todos:createMany` (as the demo's sample account is), so counts
 * and summary rows are what the app would keep.
 */
import { LIMITS } from "../../convex/lib/limits";
import type { SeedUser } from "../convex-standin/standin";

function pad(value: number) {
  return String(value).padStart(2, "0");
}

/** The local day `offset` days from today, as the app names days. */
export function localDay(offset = 0) {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The text of the n-th (1-based) seeded todo of any day. */
export function benchTodoText(n: number) {
  return `Bench todo ${n}`;
}

async function fillDay(user: SeedUser, day: string, count: number) {
  for (let first = 1; first <= count; first += LIMITS.listItems) {
    const last = Math.min(count, first + LIMITS.listItems - 1);
    const lines = [];
    for (let n = first; n <= last; n += 1) lines.push(benchTodoText(n));
    for (;;) {
      const outcome = await user.mutation("todos:createMany", { day, lines });
      if (outcome.success) break;
      // Thousands of todos outrun the per-user creation bucket: wait as told.
      const retryAfter = /"retryAfterMs":(\d+)/.exec(outcome.errorMessage);
      if (!retryAfter) {
        throw new Error(`Seeding ${day} failed: ${outcome.errorMessage}`);
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Number(retryAfter[1]) + 100),
      );
    }
  }
}

/** Today with `count` open todos. */
export function seedTodayWith(count: number) {
  return (user: SeedUser) => fillDay(user, localDay(), count);
}

/** Several days, each with its own number of open todos. */
export function seedDays(days: readonly { day: string; count: number }[]) {
  return async (user: SeedUser) => {
    for (const { day, count } of days) await fillDay(user, day, count);
  };
}
