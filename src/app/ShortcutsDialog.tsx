import { Dialog } from "@/components/ui/Dialog";
import { isMac } from "@/lib/keyboard";

const SHORTCUTS: [string[], string][] = [
  [[isMac ? "⌘" : "Ctrl", "K"], "Search"],
  [[isMac ? "⌘" : "Ctrl", "Z"], "Undo the last change (outside a text field)"],
  [[isMac ? "⌘" : "Ctrl", "Shift", "Z"], "Redo the change undone last"],
  [["T"], "Go to today"],
  [["Alt", "↑"], "Previous day (or [ )"],
  [["Alt", "↓"], "Next day (or ] )"],
  [["?"], "Show these shortcuts"],
  [["Esc"], "Close a dialog or menu, cancel an edit"],
  [["↑", "↓"], "Move through search results; Enter opens one"],
  [
    ["↑", "↓", "←", "→"],
    "Move within a list of todos (Home, End: first, last); Tab leaves it",
  ],
  [["Enter"], "Add or save; confirm a dialog"],
  [["Shift", "Enter"], "New line in a todo"],
  [
    ["Esc"],
    "In “Add a todo”: keep a date typed in words (tomorrow, every Sunday) as text",
  ],
  [
    ["Space"],
    "Pick up or drop a todo or note by its reorder handle; arrows move it",
  ],
];

export default function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700 dark:text-slate-300">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
