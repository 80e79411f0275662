import { HardDrive } from "lucide-react";
import { useShowingSavedCopy } from "./LocalCacheProvider";

export const SAVED_COPY_TEXT = "Showing your saved copy — connecting…";

/** A quiet status while the day on screen is the saved copy, not live data. */
export function SavedCopyIndicator() {
  const showing = useShowingSavedCopy();
  return (
    <span role="status" className="text-xs">
      {showing ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-1 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">
          <HardDrive aria-hidden className="size-3.5" />
          <span className="max-sm:sr-only">{SAVED_COPY_TEXT}</span>
        </span>
      ) : null}
    </span>
  );
}
