import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { cn } from "@/lib/cn";

/** What a menu shows, as data. */
export type MenuEntry =
  | {
      type: "item";
      label: string;
      icon?: ReactNode;
      onSelect: () => void;
      destructive?: boolean;
      disabled?: boolean;
    }
  | { type: "separator" }
  /** Names the items that follow it, up to the next separator. */
  | { type: "label"; label: ReactNode }
  | false
  | null;

/** What the trigger button must carry; spread it onto a real <button>. */
export type MenuTriggerProps = {
  id: string;
  "aria-haspopup": "menu";
  "aria-expanded": boolean;
  "aria-controls": string | undefined;
  onClick: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
};

export type MenuProps = {
  /** Renders the trigger button (which keeps its own accessible name). */
  trigger: (props: MenuTriggerProps) => ReactNode;
  entries: MenuEntry[];
  align?: "start" | "end";
};

type Item = Extract<MenuEntry, { type: "item" }>;
type Section = { label?: ReactNode; items: Item[] };

/** Entries as sections: a label names the items after it; a separator ends it. */
function sectionsOf(entries: MenuEntry[]): Section[] {
  const sections: Section[] = [{ items: [] }];
  for (const entry of entries) {
    if (!entry) continue;
    if (entry.type === "item") sections[sections.length - 1]!.items.push(entry);
    else if (entry.type === "separator") sections.push({ items: [] });
    else sections.push({ label: entry.label, items: [] });
  }
  return sections.filter((section) => section.label || section.items.length);
}

const GAP = 4;
const EDGE = 8;

/** Whether any of the trigger is still inside the window. */
function inView(trigger: HTMLElement) {
  const { top, bottom } = trigger.getBoundingClientRect();
  return bottom >= 0 && top <= window.innerHeight;
}

/** Below the trigger (above when there is more room there), kept on screen. */
function placeMenu(
  trigger: HTMLElement,
  menu: HTMLElement,
  align: "start" | "end",
) {
  const anchor = trigger.getBoundingClientRect();
  const { width, height } = menu.getBoundingClientRect();
  const maxTop = window.innerHeight - height - EDGE;
  const below = window.innerHeight - anchor.bottom;
  const top =
    below >= height + GAP + EDGE || below >= anchor.top
      ? anchor.bottom + GAP
      : anchor.top - GAP - height;
  const left = align === "end" ? anchor.right - width : anchor.left;
  const maxLeft = window.innerWidth - width - EDGE;
  menu.style.top = `${Math.max(EDGE, Math.min(top, maxTop))}px`;
  menu.style.left = `${Math.max(EDGE, Math.min(left, maxLeft))}px`;
  menu.style.visibility = "visible";
}

const ITEM =
  "flex min-h-10 w-full cursor-default items-center gap-2 rounded-md px-2 text-left outline-none select-none focus:bg-slate-100 aria-disabled:opacity-50 sm:min-h-8 dark:focus:bg-slate-800";

/**
 * The one menu button of the app (WAI-ARIA menu button pattern). It is part
 * of the page from the first paint, so a click is never lost to code still
 * loading, and the open menu is the only part that renders its items.
 *
 * Keys: Enter, Space or ArrowDown open it on the first item, ArrowUp on the
 * last; ArrowUp/ArrowDown/Home/End and a letter move; Enter or Space
 * chooses; Esc closes with focus back on the button; Tab closes and moves on.
 * A click elsewhere closes it.
 */
export function Menu({ trigger, entries, align = "end" }: MenuProps) {
  const [open, setOpen] = useState<"first" | "last" | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const triggerId = `${id}-trigger`;
  const menuId = `${id}-menu`;

  const items = () => [
    ...(menuRef.current?.querySelectorAll<HTMLElement>(
      '[role="menuitem"]:not([aria-disabled="true"])',
    ) ?? []),
  ];
  // Found by id, not a ref: the trigger is rendered by the caller.
  const triggerButton = () => document.getElementById(triggerId);
  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) triggerButton()?.focus();
  };

  useLayoutEffect(() => {
    const menu = menuRef.current;
    const button = triggerButton();
    if (!open || !menu || !button) return;
    const place = () => {
      // Scrolled out of sight: a menu floating over other content, far
      // from what it acts on, would only mislead.
      if (inView(button)) placeMenu(button, menu, align);
      else setOpen(null);
    };
    place();
    const list = items();
    (open === "first" ? list[0] : list[list.length - 1])?.focus();
    // The page may scroll or resize under an open menu: follow the button.
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    const closeOnOutsidePress = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.contains(target) && !button.contains(target)) setOpen(null);
    };
    document.addEventListener("pointerdown", closeOnOutsidePress, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
      document.removeEventListener("pointerdown", closeOnOutsidePress, true);
    };
    // Items are read from the DOM; `open` is what (re)runs this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, align]);

  const choose = (item: Item) => {
    if (item.disabled) return;
    // Focus first goes back to the button, so whatever the item opens (a
    // dialog, an inline editor) starts from, and returns to, the button.
    close(true);
    item.onSelect();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focusAt = (next: number) => {
      event.preventDefault();
      list[(next + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        return focusAt(index + 1);
      case "ArrowUp":
        return focusAt(index < 0 ? -1 : index - 1);
      case "Home":
        return focusAt(0);
      case "End":
        return focusAt(list.length - 1);
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        return close(true);
      case "Tab":
        // Focus the button first, so Tab moves on from where the menu opened.
        return close(true);
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      const letter = event.key.toLowerCase();
      const after = [...list.slice(index + 1), ...list.slice(0, index + 1)];
      const match = after.find((item) =>
        item.textContent?.trim().toLowerCase().startsWith(letter),
      );
      if (match) {
        event.preventDefault();
        match.focus();
      }
    }
  };

  const triggerProps: MenuTriggerProps = {
    id: triggerId,
    "aria-haspopup": "menu",
    "aria-expanded": open !== null,
    "aria-controls": open ? menuId : undefined,
    onClick: () => setOpen(open ? null : "first"),
    onKeyDown: (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      event.preventDefault();
      setOpen(event.key === "ArrowDown" ? "first" : "last");
    },
  };

  return (
    <>
      {trigger(triggerProps)}
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={triggerId}
          aria-orientation="vertical"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          style={{ position: "fixed", top: 0, left: 0, visibility: "hidden" }}
          className="z-50 flex min-w-52 flex-col rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {sectionsOf(entries).map((section, index) => (
            <MenuSection
              key={index}
              section={section}
              separated={index > 0}
              labelId={`${id}-label-${index}`}
              onChoose={choose}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

function MenuSection({
  section,
  separated,
  labelId,
  onChoose,
}: {
  section: Section;
  separated: boolean;
  labelId: string;
  onChoose: (item: Item) => void;
}) {
  const items = section.items.map((item) => (
    <button
      key={item.label}
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={item.disabled || undefined}
      onClick={() => onChoose(item)}
      // Hovering moves focus, as arrow keys do, so one item is highlighted.
      onPointerMove={(event) => {
        if (!item.disabled) event.currentTarget.focus();
      }}
      className={cn(
        ITEM,
        item.destructive
          ? "text-red-700 dark:text-red-400"
          : "text-slate-800 dark:text-slate-200",
      )}
    >
      <span aria-hidden className="flex size-4 items-center">
        {item.icon}
      </span>
      {item.label}
    </button>
  ));
  return (
    <>
      {separated ? (
        <div
          role="separator"
          className="my-1 h-px bg-slate-200 dark:bg-slate-700"
        />
      ) : null}
      {section.label ? (
        <div role="group" aria-labelledby={labelId} className="flex flex-col">
          <div
            id={labelId}
            role="presentation"
            className="px-2 py-1.5 text-xs font-medium text-slate-600 dark:text-slate-400"
          >
            {section.label}
          </div>
          {items}
        </div>
      ) : (
        items
      )}
    </>
  );
}
