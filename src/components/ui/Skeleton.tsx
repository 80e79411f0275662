import { cn } from "@/lib/cn";

/** A placeholder block while content loads (hidden from assistive tech). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden
      className={cn(
        "animate-pulse rounded-md bg-slate-200 dark:bg-slate-800",
        className,
      )}
    />
  );
}

/** Rows of skeleton lines with a status for screen readers. */
export function SkeletonList({
  rows = 4,
  label = "Loading",
}: {
  rows?: number;
  label?: string;
}) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cn("h-6", i % 2 ? "w-2/3" : "w-5/6")} />
      ))}
    </div>
  );
}
