/*
 * Text a signed-out visitor types (the landing page's add field) has no
 * user yet. It is kept in this tab's sessionStorage under its own prefix,
 * and handed to the first user who signs in here (the sign-in round trip
 * comes back to this tab): lib/keptDrafts takes it, and their field then
 * shows it. It is never sent without them.
 *
 * Apart from lib/keptDrafts, which only the signed-in app needs: this is
 * all the landing page loads of drafts.
 */

const PREFIX = "daybook:signed-out-draft:";

/** Keeps (or, when blank, forgets) what a signed-out visitor typed. */
export function keepSignedOutDraft(name: string, text: string) {
  try {
    const key = PREFIX + name;
    if (text.trim() === "") sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify({ value: text }));
  } catch {
    // Storage full or blocked: the text lives on screen only.
  }
}

export function readSignedOutDraft(name: string): string {
  try {
    const raw = sessionStorage.getItem(PREFIX + name);
    const value: unknown = raw
      ? (JSON.parse(raw) as { value?: unknown }).value
      : "";
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}

/** Every signed-out draft with text in it, by name; none is left behind. */
export function takeSignedOutDrafts(): { name: string; text: string }[] {
  const taken: { name: string; text: string }[] = [];
  try {
    const keys: string[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const name = key.slice(PREFIX.length);
      const text = readSignedOutDraft(name);
      sessionStorage.removeItem(key);
      if (text) taken.push({ name, text });
    }
  } catch {
    // Storage blocked: there was nothing to take.
  }
  return taken;
}
