import { cleanName } from "@/lib/text";

/** What a note is called: its title, or "Untitled note" when it has nothing visible. */
export function noteName(title: string): string {
  return cleanName(title) || "Untitled note";
}
