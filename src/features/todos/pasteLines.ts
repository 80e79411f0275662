import { LIMITS } from "@convex/lib/limits";
import { parsePastedLine } from "@convex/lib/todoText";
import { isBlankText } from "@/lib/text";

const count = new Intl.NumberFormat("en-US");

/** Splits pasted text into the lines that become todos (all of them). */
export function pastedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => !isBlankText(line) && parsePastedLine(line) !== null);
}

export const TOO_LONG_REASON = `a todo holds at most ${count.format(LIMITS.todoText)} characters`;
export const DAY_FULL_REASON = `a day holds at most ${count.format(LIMITS.todosPerDay)} todos`;

/**
 * How a paste is sent: lines that fit go in batches of at most
 * `LIMITS.listItems` (one `createMany` each); a line over the length limit,
 * and lines past the room left in the day, are kept (with why) to go back
 * to the field rather than be dropped.
 */
export function planPaste(lines: string[], todosInDay: number) {
  let room = Math.max(0, LIMITS.todosPerDay - todosInDay);
  const sendable: number[] = [];
  const kept = new Map<number, string>();
  for (const [index, line] of lines.entries()) {
    if (line.length > LIMITS.todoText) kept.set(index, TOO_LONG_REASON);
    else if (room === 0) kept.set(index, DAY_FULL_REASON);
    else {
      sendable.push(index);
      room--;
    }
  }
  const batches: number[][] = [];
  for (let i = 0; i < sendable.length; i += LIMITS.listItems) {
    batches.push(sendable.slice(i, i + LIMITS.listItems));
  }
  return { batches, kept };
}

/** A server's sentence as a clause: "This day's todos are full." → "this day's todos are full". */
function asClause(message: string) {
  const trimmed = message.trim().replace(/[.!]+$/, "");
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/**
 * What the person is told when part of a paste stays in the field: how
 * many lines were added and why the rest were not (each reason once).
 */
export function pasteOutcome(
  total: number,
  kept: number,
  reasons: string[],
): string {
  const added = total - kept;
  const why = [...new Set(reasons.map(asClause))].join("; ");
  if (added === 0) {
    return `None of the ${count.format(total)} lines were added: ${why}. They are still in the field.`;
  }
  const rest =
    kept === 1
      ? `The other one was not added: ${why}. It is still in the field.`
      : `The other ${count.format(kept)} were not added: ${why}. They are still in the field.`;
  return `Added ${count.format(added)} of ${count.format(total)} lines. ${rest}`;
}
