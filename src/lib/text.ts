import { isBlankText, normalizeText } from "@convex/lib/cleanText";

export { isBlankText };

/**
 * `text` cut to at most `max` UTF-16 units with an ellipsis, for toasts and
 * titles. Cuts between graphemes, never inside an emoji, a surrogate pair or
 * a letter with its accents.
 */
export function shorten(text: string, max = 40): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of new Intl.Segmenter().segment(text)) {
    if (index + segment.length > max - 1) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}…`;
}

/**
 * A one-line name (day label, note title) as the server stores it: cleaned
 * (lib/cleanText), trimmed, and "" when nothing visible is left.
 */
export function cleanName(text: string): string {
  return isBlankText(text) ? "" : normalizeText(text).trim();
}
