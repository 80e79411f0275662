import type { Infer } from "convex/values";
import type { todoKind } from "../schema";
import { isBlankText } from "./cleanText";

export type TodoKind = Infer<typeof todoKind>;

const HEADING = /^(#{1,3})\s+(\S[\s\S]*)$/;
const KINDS = ["h1", "h2", "h3"] as const;

/** `# Title` → an h1 item titled "Title"; anything else is a plain todo. */
export function parseHeading(raw: string): { text: string; kind: TodoKind } {
  const trimmed = raw.trim();
  const match = HEADING.exec(trimmed);
  if (!match) return { text: trimmed, kind: "todo" };
  return {
    text: match[2]!.trim(),
    kind: KINDS[match[1]!.length - 1]!,
  };
}

// "- ", "* ", "+ ", "• ", "1. ", "1) " list markers, then an optional "[ ]"/"[x]".
const LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)/;
const CHECKBOX = /^\[([ xX])\]\s*/;

/**
 * One line of a pasted list as a todo: list markers and checkboxes are
 * stripped, `[x]` marks it done. Lines with nothing visible give null.
 */
export function parsePastedLine(
  raw: string,
): { text: string; kind: TodoKind; done: boolean } | null {
  let line = raw.trim().replace(LIST_MARKER, "");
  let done = false;
  const box = CHECKBOX.exec(line);
  if (box) {
    done = box[1] !== " ";
    line = line.slice(box[0].length);
  }
  const { text, kind } = parseHeading(line);
  if (isBlankText(text)) return null;
  return { text, kind, done: kind === "todo" && done };
}
