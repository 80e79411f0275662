/** Pairs of quotation marks whose contents are never read as dates. */
const QUOTES: Record<string, string> = {
  '"': '"',
  "“": "”",
  "„": "“",
  "«": "»",
  "‘": "’",
};

/** Stands in for hidden text: not a letter, digit or space, so no date pattern runs across it. */
const HIDDEN = "•";

/**
 * `text` with every quotation (marks included) replaced, character for
 * character, by a filler no date pattern matches, so positions found in the
 * result are positions in `text`. A quote left open hides the rest of the
 * text: it is most likely still being typed.
 */
export function hideQuoted(text: string): string {
  let result = "";
  let closing: string | null = null;
  for (const char of text) {
    if (closing !== null) {
      result += HIDDEN.repeat(char.length);
      if (char === closing) closing = null;
    } else if (char in QUOTES) {
      result += HIDDEN;
      closing = QUOTES[char]!;
    } else {
      result += char;
    }
  }
  return result;
}

const escapeForPattern = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `text` with every occurrence of each phrase in `phrases` (any case)
 * hidden the same way: the phrases a person chose to keep as text.
 */
export function hidePhrases(text: string, phrases: readonly string[]): string {
  return phrases
    .filter((phrase) => phrase !== "")
    .reduce(
      (result, phrase) =>
        result.replace(new RegExp(escapeForPattern(phrase), "gi"), (found) =>
          HIDDEN.repeat(found.length),
        ),
      text,
    );
}
