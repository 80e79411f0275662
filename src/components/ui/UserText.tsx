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
