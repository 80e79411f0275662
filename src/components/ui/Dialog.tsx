import { cn } from "@/lib/cn";
import { X } from "lucide-react";
import { Dialog as RadixDialog } from "radix-ui";
import { useState, type ReactNode } from "react";
import { IconButton } from "./Button";
import { focusOrigin, returnFocus } from "./focus";

export type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** Wider content (search, settings). */
  size?: "sm" | "md" | "lg";
  /** Where focus goes when the dialog opens (defaults to the first control). */
  onOpenAutoFocus?: (event: Event) => void;
  hideClose?: boolean;
  /** Where focus goes back on close (default: what had focus when it opened). */
  returnFocusTo?: HTMLElement | null;
};

const WIDTHS = { sm: "max-w-sm", md: "max-w-md", lg: "max-w-2xl" };

/**
 * A modal dialog: focus trapped inside, Esc closes, focus returns to the
 * control that opened it (Radix).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  size = "md",
  onOpenAutoFocus,
  hideClose,
  returnFocusTo,
}: DialogProps) {
  // Dialogs here open from state, not a Radix trigger, so remember the opener.
  const [opener] = useState(() => returnFocusTo ?? focusOrigin());
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <RadixDialog.Content
          onOpenAutoFocus={onOpenAutoFocus}
          onCloseAutoFocus={(event) => returnFocus(event, opener)}
          // A field with a list open inside (a combobox) closes the list on
          // Esc, not the dialog: it says so with `data-handles-escape`.
          onEscapeKeyDown={(event) => {
            if (
              event.target instanceof Element &&
              event.target.closest("[data-handles-escape]")
            ) {
              event.preventDefault();
            }
          }}
          // In dark the shadow does not show against the dimmed page: the
          // lighter border is the dialog's edge (about 4:1 against it).
          className={cn(
            "fixed top-[12vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100vw-2rem)] -translate-x-1/2 flex-col gap-4 overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100",
            WIDTHS[size],
          )}
        >
          <div className="flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-lg font-semibold">
              {title}
            </RadixDialog.Title>
            {hideClose ? null : (
              <RadixDialog.Close asChild>
                <IconButton
                  label="Close"
                  size="sm"
                  icon={<X aria-hidden className="size-4" />}
                  className="-mt-1 -mr-2"
                />
              </RadixDialog.Close>
            )}
          </div>
          {description ? (
            <RadixDialog.Description className="text-sm text-slate-700 dark:text-slate-300">
              {description}
            </RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">
              {title}
            </RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
