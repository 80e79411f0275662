/** A class name, or nothing: the value of `condition && "class"`. */
type ClassPart = string | false | null | undefined;

/** Joins class names, skipping false and empty ones. */
export function cn(...parts: ClassPart[]): string {
  return parts.filter(Boolean).join(" ");
}
