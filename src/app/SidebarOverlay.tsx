import { X } from "lucide-react";
import { Dialog as RadixDialog } from "radix-ui";
import { useState, type ReactNode } from "react";
import { IconButton } from "../components/ui/Button";
import { focusOrigin, returnFocus } from "../components/ui/focus";

/** Narrow screens: the sidebar as an overlay opened from the menu button. */
export default function SidebarOverlay({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  // Opened from state, not a Radix trigger: remember the menu button.
  const [opener] = useState(focusOrigin);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <RadixDialog.Content
          onCloseAutoFocus={(event) => returnFocus(event, opener)}
          className="fixed inset-y-0 left-0 z-50 flex w-[85vw] max-w-80 flex-col bg-slate-50 shadow-xl dark:bg-slate-900"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-800">
            <RadixDialog.Title className="font-semibold">
              Daybook
            </RadixDialog.Title>
            <RadixDialog.Description className="sr-only">
              Your days
            </RadixDialog.Description>
            <RadixDialog.Close asChild>
              <IconButton
                label="Close days menu"
                icon={<X aria-hidden className="size-5" />}
              />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
