/**
 * Text as it is stored: NFC, with Windows and old-Mac line ends made `\n`.
 * Pasted text must not be refused for its line ends, so `\r` never reaches
 * the forbidden-character check.
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/**
 * The first character that cannot be saved: a control character other than
 * tab and newline, or a lone surrogate (half of a character). Null when
 * there is none.
 */
export function findForbiddenCharacter(
  text: string,
): { index: number; codePoint: number } | null {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return { index, codePoint: code };
    }
    if (code >= 0xdc00 && code <= 0xdfff) return { index, codePoint: code };
    if (code === 0x09 || code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return { index, codePoint: code };
    }
  }
  return null;
}

// Whitespace, format characters (zero-width spaces and joiners, bidi
// controls, the BOM, soft hyphens) and the fillers that render as nothing.
const INVISIBLE = /^[\s\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** True when the text has nothing visible: only whitespace, \p{Cf} (incl. zero-width chars, bidi controls) and similar. */
export function isBlankText(text: string): boolean {
  return INVISIBLE.test(text);
}
