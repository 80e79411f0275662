import { useUnsentChangeCount } from "@/lib/outbox";

/** "3 changes not sent yet" while the outbox holds changes the server lacks. */
export function UnsentChangesIndicator() {
  const count = useUnsentChangeCount();
  return (
    <span role="status" className="text-xs">
      {count > 0 ? (
        <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-1 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">
          {count === 1 ? "1 change" : `${count} changes`} not sent yet
        </span>
      ) : null}
    </span>
  );
}
