import type { ReactNode } from "react";

/** What a menu shows, as data, so the menu code itself can load on demand. */
export type MenuEntry =
  | {
      type: "item";
      label: string;
      icon?: ReactNode;
      onSelect: () => void;
      destructive?: boolean;
      disabled?: boolean;
      /** Keep focus where the item put it (e.g. an inline field) on close. */
      keepFocus?: boolean;
    }
  | { type: "separator" }
  | { type: "label"; label: ReactNode }
  | {
      type: "radio";
      value: string;
      onValueChange: (value: string) => void;
      options: { value: string; label: string; icon?: ReactNode }[];
    }
  | false
  | null;

export type MenuProps = {
  /** The trigger button (keeps its own accessible name). */
  trigger: ReactNode;
  entries: MenuEntry[];
  align?: "start" | "end";
};
