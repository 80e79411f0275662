import type { ReactNode } from "react";

/**
 * Text a person wrote, shown bidi-isolated: its direction comes from its own
 * first strong character, and a right-to-left override inside it cannot
 * reorder the interface around it. The one way the app shows user text.
 */
export function UserText({
  children,
  className,
}: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <bdi dir="auto" className={className}>
      {children}
    </bdi>
  );
}

/**
 * The same isolation for a plain string (a toast, a confirm dialog, an
 * aria-live message): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
