import { isBlankText, normalizeText } from "@convex/lib/cleanText";

export { isBlankText };

/** `text` cut to `max` characters with an ellipsis, for toasts and titles. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A one-line name (day label, note title) as the server stores it: cleaned
 * (lib/cleanText), trimmed, and "" when nothing visible is left.
 */
export function cleanName(text: string): string {
  return isBlankText(text) ? "" : normalizeText(text).trim();
}
