import { useEffect, useState } from "react";
import { useUnsentChangeCount } from "@/lib/outbox";

/**
 * Changes on their way for less than this are not worth a word: every save
 * passes through the outbox, and a badge flashing at each keystroke would
 * be noise (and announced by screen readers each time).
 */
const QUIET_MS = 1_500;

/** "3 changes not sent yet" while the server lacks changes made here. */
export function UnsentChangesIndicator() {
  const count = useUnsentChangeCount();
  const [waitedLong, setWaitedLong] = useState(false);
  const pending = count > 0;
  if (!pending && waitedLong) setWaitedLong(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setWaitedLong(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  return (
    <span role="status" className="text-xs">
      {pending && waitedLong ? (
        <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-1 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">
          {count === 1 ? "1 change" : `${count} changes`} not sent yet
        </span>
      ) : null}
    </span>
  );
}
