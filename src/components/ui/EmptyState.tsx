import type { ReactNode } from "react";

export function EmptyState({
  icon,
  title,
  children,
}: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 px-6 py-8 text-center dark:border-slate-700">
      {icon ? (
        <span aria-hidden className="text-slate-500 dark:text-slate-400">
          {icon}
        </span>
      ) : null}
      <p className="font-medium text-slate-800 dark:text-slate-200">{title}</p>
      {children ? (
        <div className="text-sm text-slate-600 dark:text-slate-400">
          {children}
        </div>
      ) : null}
    </div>
  );
}
