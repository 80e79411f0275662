/*
 * The text rules every stored string follows. Pure: the browser imports this
 * module too, so the editor can tell what the backend will refuse.
 */

/**
 * NFC-normalises, and turns Windows (`\r\n`) and old Mac (`\r`) line ends
 * into `\n`, so pasted text is stored one way. Throws nothing: a lone
 * surrogate passes through unchanged for `findForbiddenCharacter` to find.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n");
}

// Control characters (C0, DEL, C1) other than tab and line ends, and lone
// surrogates, which the `u` flag matches as code points of category Cs.
// `\r` is allowed here because normalizeText turns it into `\n`.
const FORBIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

/** The first forbidden character (control chars other than \t \n \r, and lone surrogates), or null. */
export function findForbiddenCharacter(
  text: string,
): { index: number; codePoint: number } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: text.codePointAt(match.index)! };
}

const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "gu");

/**
 * The text with every forbidden character replaced: a control character by
 * a space, a lone surrogate by U+FFFD. For text stored before the cleaning
 * rules (an Undo puts back exactly what was deleted), which must come back
 * rather than be refused.
 */
export function replaceForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_ALL, (character) =>
    /\p{Cs}/u.test(character) ? "\ufffd" : " ",
  );
}

// Whitespace, format characters (zero-width space/joiners, bidi controls,
// soft hyphen...), every other default-ignorable code point (variation
// selectors, Hangul fillers, the combining grapheme joiner) and the blank
// braille pattern, which renders as nothing in most fonts.
const INVISIBLE_ONLY =
  /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when the text has nothing visible: only whitespace, \p{Cf} (incl. zero-width chars, bidi controls) and similar. */
export function isBlankText(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}
