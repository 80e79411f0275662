import { Dialog } from "@/components/ui/Dialog";
import { useTheme, type Theme } from "@/lib/theme";
import { DeleteSection } from "./DeleteSection";
import { ExportSection } from "./ExportSection";
import { ImportSection } from "./ImportSection";
import { MoveUnfinishedSection } from "./MoveUnfinishedSection";
import { TimeZoneSection } from "./TimeZoneSection";

export type SettingsDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

const THEMES: { value: Theme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/**
 * Settings: theme, days (time zone, moving unfinished todos), export,
 * import, delete my data (loaded on demand).
 */
export default function SettingsDialog({
  open,
  onOpenChange,
}: SettingsDialogProps) {
  const { theme, setTheme } = useTheme();
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Settings">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium">Theme</legend>
        {THEMES.map((option) => (
          <label
            key={option.value}
            className="flex min-h-10 items-center gap-2"
          >
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => setTheme(option.value)}
              className="size-4 accent-indigo-700 dark:accent-indigo-400"
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-medium">Days</legend>
        <TimeZoneSection />
        <MoveUnfinishedSection />
      </fieldset>
      <ExportSection />
      <ImportSection />
      <DeleteSection />
    </Dialog>
  );
}
