import { AlertDialog } from "radix-ui";
import { useRef } from "react";
import { Button } from "./Button";
import { returnFocus } from "./focus";

export type ConfirmOptions = {
  title: string;
  description?: string;
  confirmLabel: string;
  cancelLabel?: string;
  /**
   * A second answer, shown between Cancel and the confirm button (e.g.
   * "Only this one" beside "This and following"). Esc and Cancel still
   * mean cancel, never this.
   */
  alternativeLabel?: string;
  destructive?: boolean;
};

/** What the person chose: the confirm button, the alternative, or neither. */
export type ConfirmChoice = "confirm" | "alternative" | "cancel";

/**
 * An alert dialog for a yes/no decision (or a choice of two, with
 * `alternativeLabel`). The confirm button has focus, so Enter confirms;
 * Esc (or Cancel) cancels; focus returns to the opener, or, when that has
 * gone meanwhile (an inline editor that closed as it asked), to what had
 * focus as the dialog opened.
 */
export default function ConfirmDialog({
  options,
  onDone,
  returnFocusTo,
}: {
  options: ConfirmOptions;
  onDone: (choice: ConfirmChoice) => void;
  returnFocusTo: HTMLElement | null;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openedFrom = useRef<HTMLElement | null>(null);
  return (
    <AlertDialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onDone("cancel");
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <AlertDialog.Content
          onCloseAutoFocus={(event) =>
            returnFocus(
              event,
              returnFocusTo?.isConnected ? returnFocusTo : openedFrom.current,
            )
          }
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            const active = document.activeElement;
            if (active instanceof HTMLElement && active !== document.body) {
              openedFrom.current = active;
            }
            confirmRef.current?.focus();
          }}
          className="fixed top-[20vh] left-1/2 z-50 flex w-[calc(100vw-2rem)] max-w-sm -translate-x-1/2 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100"
        >
          <AlertDialog.Title className="text-lg font-semibold">
            {options.title}
          </AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-slate-700 dark:text-slate-300">
            {options.description ?? "This cannot be undone."}
          </AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button>{options.cancelLabel ?? "Cancel"}</Button>
            </AlertDialog.Cancel>
            {options.alternativeLabel ? (
              <AlertDialog.Action asChild>
                <Button onClick={() => onDone("alternative")}>
                  {options.alternativeLabel}
                </Button>
              </AlertDialog.Action>
            ) : null}
            <AlertDialog.Action asChild>
              <Button
                ref={confirmRef}
                variant={options.destructive ? "danger" : "primary"}
                onClick={() => onDone("confirm")}
              >
                {options.confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
