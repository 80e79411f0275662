import type { ConvexReactClient } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@convex/_generated/api";
import {
  exportTables,
  type ExportDocument,
  type ExportTable,
} from "@convex/lib/userTables";
import { todayString } from "@/lib/dates";

export type { ExportDocument };

/**
 * Everything the person has, as one JSON document: each table the backend
 * registers for export is read a page at a time (account.exportPage), so it
 * works at any size; "Recently deleted" only with `includeDeleted`.
 * `onProgress` hears the number of rows read so far.
 */
export async function collectExport(
  convex: ConvexReactClient,
  onProgress: (rows: number) => void,
  { includeDeleted = false }: { includeDeleted?: boolean } = {},
): Promise<{ document: ExportDocument; rows: number }> {
  const rows = {} as Record<ExportTable, unknown[]>;
  let count = 0;
  for (const table of exportTables(includeDeleted)) {
    rows[table] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: FunctionReturnType<typeof api.account.exportPage> =
        await convex.query(api.account.exportPage, {
          table,
          cursor,
        });
      rows[table].push(...page.page);
      count += page.page.length;
      onProgress(count);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
  }
  const { users, ...tables } = rows;
  const document = {
    exportedAt: new Date().toISOString(),
    profile: users[0] ?? null,
    ...tables,
  } as ExportDocument;
  return { document, rows: count };
}

export function exportFileName(
  now: Date = new Date(),
  format: "json" | "markdown" = "json",
) {
  return `daybook-export-${todayString(now)}.${format === "json" ? "json" : "md"}`;
}

/** Saves `document` as a JSON file through the browser's download. */
export function downloadJson(document_: unknown, fileName: string) {
  downloadFile(
    JSON.stringify(document_, null, 2),
    fileName,
    "application/json",
  );
}

/** Saves `text` as a file through the browser's download. */
export function downloadFile(text: string, fileName: string, type: string) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
