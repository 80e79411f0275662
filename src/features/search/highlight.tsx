import { UserText } from "@/components/ui/UserText";

/** Search terms: the words of the query, longest first, no empties. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** A regular expression that matches `text` literally (`(`, `[`, `\`…). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * `text` cut into plain and matching parts (case-insensitive). The pattern
 * is built from escaped terms, so any character is safe, and the parts are
 * strings: rendering them never interprets markup.
 */
export function highlightParts(
  text: string,
  query: string,
): { text: string; match: boolean }[] {
  const terms = searchTerms(query);
  if (terms.length === 0 || text === "") return [{ text, match: false }];
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join("|")})`, "gi");
  // With one capture group, split puts the matches at the odd indices.
  return text
    .split(pattern)
    .map((part, index) => ({ text: part, match: index % 2 === 1 }))
    .filter((part) => part.text !== "");
}

/**
 * `text` (a person's words, so bidi-isolated) with the query's terms in
 * <mark>, built from text only.
 */
export function Highlight({ text, query }: { text: string; query: string }) {
  return (
    <UserText>
      {highlightParts(text, query).map((part, index) =>
        part.match ? (
          <mark
            key={index}
            className="rounded-sm bg-amber-200 text-slate-950 dark:bg-amber-300"
          >
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </UserText>
  );
}
