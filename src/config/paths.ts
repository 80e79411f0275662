import { isDayString, todayString, type DayString } from "@/lib/dates";

/**
 * Every address of the signed-in app, in one table: the router, the sidebar,
 * the shell's shortcuts and every link build and read URLs through it.
 */
export const paths = {
  today: "/",
  pinned: "/pinned",
  /** "Recently deleted". */
  trash: "/trash",
  /** Where WorkOS sends the browser back after sign-in. */
  callback: "/callback",
  /** A day's route pattern, for the router. */
  dayPattern: "/day/:date",
  /** The address of a day: `/` for today. */
  day(day: DayString, today: DayString = todayString()): string {
    return day === today ? paths.today : `/day/${day}`;
  },
} as const;

/**
 * The day an address shows: today for `/`, the date for `/day/<date>`, and
 * null for anything else (pinned, not found, or a date that does not exist).
 */
export function dayOfPath(
  path: string,
  today: DayString = todayString(),
): DayString | null {
  if (path === paths.today) return today;
  const match = /^\/day\/([^/]+)$/.exec(path);
  return match && isDayString(match[1]!) ? match[1]! : null;
}

/**
 * The app page a link in user text points to, as a path, when it is one of
 * this site's own pages (today, a day, pinned, recently deleted): `/day/2026-11-28`, or the
 * same with this origin in front. Anything else is null: other sites,
 * protocol-relative `//host` links, queries and fragments, and paths the
 * app does not serve.
 */
export function appPathOf(
  href: string,
  origin: string = window.location.origin,
): string | null {
  const relative = /^\/(?![/\\])/.test(href);
  if (!relative && !href.startsWith(`${origin}/`)) return null;
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.search || url.hash) return null;
  const path = url.pathname;
  return path === paths.pinned ||
    path === paths.trash ||
    dayOfPath(path) !== null
    ? path
    : null;
}
