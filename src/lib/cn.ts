/** Joins class names, skipping false/empty ones (a tiny clsx). */
export function cn(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}
