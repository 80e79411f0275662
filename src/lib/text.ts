/** `text` cut to `max` characters with an ellipsis, for toasts and titles. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
