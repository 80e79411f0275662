import { DropdownMenu as Radix } from "radix-ui";
import { useRef } from "react";
import type { MenuProps } from "./menuTypes";

const ITEM =
  "flex min-h-10 cursor-default items-center gap-2 rounded-md px-2 outline-none select-none data-disabled:opacity-50 data-highlighted:bg-slate-100 sm:min-h-8 dark:data-highlighted:bg-slate-800";

/**
 * A menu button: arrow keys move, Enter/Space choose, Esc closes and focus
 * returns to the trigger (Radix).
 */
export default function MenuImpl({
  trigger,
  entries,
  align = "end",
}: MenuProps) {
  const keepFocus = useRef(false);
  return (
    <Radix.Root modal={false}>
      <Radix.Trigger asChild>{trigger}</Radix.Trigger>
      <Radix.Portal>
        <Radix.Content
          align={align}
          sideOffset={4}
          collisionPadding={8}
          onCloseAutoFocus={(event) => {
            if (keepFocus.current) event.preventDefault();
            keepFocus.current = false;
          }}
          className="z-50 min-w-52 rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {entries.map((entry, index) => {
            if (!entry) return null;
            switch (entry.type) {
              case "separator":
                return (
                  <Radix.Separator
                    key={index}
                    className="my-1 h-px bg-slate-200 dark:bg-slate-700"
                  />
                );
              case "label":
                return (
                  <Radix.Label
                    key={index}
                    className="px-2 py-1.5 text-xs font-medium text-slate-600 dark:text-slate-400"
                  >
                    {entry.label}
                  </Radix.Label>
                );
              case "radio":
                return (
                  <Radix.RadioGroup
                    key={index}
                    value={entry.value}
                    onValueChange={entry.onValueChange}
                  >
                    {entry.options.map((option) => (
                      <Radix.RadioItem
                        key={option.value}
                        value={option.value}
                        className={`${ITEM} text-slate-800 data-[state=checked]:font-semibold dark:text-slate-200`}
                      >
                        <span aria-hidden className="flex size-4 items-center">
                          {option.icon}
                        </span>
                        <span className="flex-1">{option.label}</span>
                        <Radix.ItemIndicator aria-hidden>•</Radix.ItemIndicator>
                      </Radix.RadioItem>
                    ))}
                  </Radix.RadioGroup>
                );
              case "item":
                return (
                  <Radix.Item
                    key={index}
                    disabled={entry.disabled}
                    onSelect={() => {
                      keepFocus.current = entry.keepFocus ?? false;
                      entry.onSelect();
                    }}
                    className={`${ITEM} ${entry.destructive ? "text-red-700 dark:text-red-400" : "text-slate-800 dark:text-slate-200"}`}
                  >
                    <span aria-hidden className="flex size-4 items-center">
                      {entry.icon}
                    </span>
                    {entry.label}
                  </Radix.Item>
                );
            }
          })}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
