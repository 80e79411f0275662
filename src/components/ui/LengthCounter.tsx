import { cn } from "@/lib/cn";

const count = new Intl.NumberFormat("en-US");

/** The counter appears once text reaches this share of its limit. */
const SHOW_FROM = 0.9;

/** Whether `length` is close enough to `max` for the counter to show. */
export function showsLengthCounter(length: number, max: number) {
  return length >= max * SHOW_FROM;
}

/**
 * "1,950 / 2,000" under a field near its length limit, in red past it. The
 * field keeps everything typed or pasted (no `maxLength`, which cuts a paste
 * silently); saving text past the limit is refused with a message instead.
 */
export function LengthCounter({
  id,
  length,
  max,
  className,
}: {
  id: string;
  length: number;
  max: number;
  className?: string;
}) {
  if (!showsLengthCounter(length, max)) return null;
  const over = length > max;
  return (
    <p
      id={id}
      className={cn(
        "text-xs tabular-nums",
        over
          ? "font-medium text-red-700 dark:text-red-400"
          : "text-slate-600 dark:text-slate-400",
        className,
      )}
    >
      {count.format(length)} / {count.format(max)}
    </p>
  );
}

/** Why text over its limit was not saved (its text stays as typed). */
export function tooLongMessage(
  what: string,
  length: number,
  max: number,
  next = "Shorten it, then press Enter.",
) {
  return `Not added: ${what} holds at most ${count.format(max)} characters and this one has ${count.format(length)}. ${next}`;
}
