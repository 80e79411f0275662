import {
  isBlankText,
  normalizeText,
  replaceForbiddenCharacters,
} from "@convex/lib/cleanText";

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

// Line breaks that Word (\v: Shift+Enter, \f: page break) and PDFs (NEL)
// write as control characters the server refuses.
const CONTROL_LINE_BREAKS = /[\v\f\u0085]/g;

/**
 * Typed or pasted text as the server will accept it: those line breaks
 * become real ones, any other control character a space (lib/cleanText),
 * so one stray character does not get a whole paste refused.
 */
export function cleanForSending(text: string): string {
  return replaceForbiddenCharacters(
    normalizeText(text.replace(CONTROL_LINE_BREAKS, "\n")),
  );
}
