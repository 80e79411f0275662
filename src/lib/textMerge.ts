import { diff3Merge } from "node-diff3";

/** A three-way merge's text, and whether both sides changed the same span. */
export type MergeOutcome = { text: string; conflict: boolean };

/**
 * Word-level merges of one conflicting span stop being worth it past this
 * size (the diff is quadratic in the worst case); such spans keep both.
 */
const FINE_MERGE_MAX_CHARS = 20_000;

/** Words and the whitespace between them, so joining gives the text back. */
const words = (text: string) => text.split(/(\s+)/);

/** The merge of token lists, or null where both sides changed the same tokens. */
function cleanMerge(mine: string[], base: string[], theirs: string[]) {
  const regions = diff3Merge(mine, base, theirs);
  if (regions.some((region) => region.conflict)) return null;
  return regions.flatMap((region) => region.ok ?? []);
}

/**
 * Merges two edits of the same text: `mine` (the local edit) and `theirs`
 * (a newer version from elsewhere), both made from `base`. Each changed
 * line is taken from the side that changed it; lines both sides changed are
 * merged word by word when their changes do not overlap. Where they do,
 * both versions are kept, theirs first (it was saved first), and
 * `conflict` is true: nothing either side typed is ever dropped.
 *
 * `singleLine` (a title): the text is merged word by word and the two
 * versions of an overlapping span are joined by a space.
 */
export function mergeText(
  base: string,
  mine: string,
  theirs: string,
  { singleLine = false }: { singleLine?: boolean } = {},
): MergeOutcome {
  if (mine === base || mine === theirs)
    return { text: theirs, conflict: false };
  if (theirs === base) return { text: mine, conflict: false };

  if (singleLine) {
    const merged = cleanMerge(words(mine), words(base), words(theirs));
    return merged
      ? { text: merged.join(""), conflict: false }
      : { text: `${theirs} ${mine}`, conflict: true };
  }

  const lines = (text: string) => text.split("\n");
  let conflict = false;
  const out: string[] = [];
  for (const region of diff3Merge(lines(mine), lines(base), lines(theirs))) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    const { a: mineLines, o: baseLines, b: theirLines } = region.conflict!;
    const [m, o, t] = [mineLines, baseLines, theirLines].map((l) =>
      l.join("\n"),
    ) as [string, string, string];
    const fine =
      m.length + o.length + t.length <= FINE_MERGE_MAX_CHARS
        ? cleanMerge(words(m), words(o), words(t))
        : null;
    if (fine) {
      out.push(fine.join(""));
    } else {
      conflict = true;
      out.push(...theirLines, ...mineLines);
    }
  }
  return { text: out.join("\n"), conflict };
}
