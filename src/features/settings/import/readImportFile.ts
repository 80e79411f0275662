import {
  isBetterTodoData,
  planBetterTodo,
  tablesFromJsonlFiles,
  tablesFromZip,
} from "./betterTodo";
import { isDaybookExport, planDaybookExport } from "./daybookJson";
import type { ImportPlan } from "./importPlan";
import { looksLikeDaybookMarkdown, planMarkdown } from "./markdown";

/** A file the importer cannot read, with words for the person. */
export class UnreadableFileError extends Error {}

/** Read in the browser (jsdom's Blob has no text() or arrayBuffer()). */
function readAs(file: Blob, as: "text"): Promise<string>;
function readAs(file: Blob, as: "bytes"): Promise<Uint8Array>;
function readAs(file: Blob, as: "text" | "bytes") {
  return new Promise<string | Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(
        as === "text"
          ? (reader.result as string)
          : new Uint8Array(reader.result as ArrayBuffer),
      );
    reader.onerror = () => reject(reader.error ?? new Error("Read failed"));
    if (as === "text") reader.readAsText(file);
    else reader.readAsArrayBuffer(file);
  });
}

const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;

/**
 * The import plan for the chosen files: a Daybook export (.json), Daybook
 * Markdown (.md), a Convex export ZIP of the reference app, or its tables'
 * .jsonl files (several may be chosen at once). `accountId` is asked only
 * for the reference app's data, whose rows carry their owner's id.
 */
export async function readImportFiles(
  files: File[],
  accountId: () => Promise<string>,
): Promise<ImportPlan> {
  if (files.length === 0) throw new UnreadableFileError("Choose a file.");
  const first = files[0]!;
  if (files.length === 1) {
    const bytes = await readAs(first, "bytes");
    if (isZip(bytes)) {
      let read;
      try {
        read = tablesFromZip(bytes);
      } catch {
        throw new UnreadableFileError("This ZIP file could not be opened.");
      }
      if (!isBetterTodoData(read.tables)) {
        throw new UnreadableFileError(
          "This ZIP holds no todos, notes, dateLabels or archivedDates table of a Convex export.",
        );
      }
      return planBetterTodo(read.tables, await accountId(), read.broken);
    }
  }
  if (files.every((file) => /\.jsonl$/i.test(file.name))) {
    const texts = await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        text: await readAs(file, "text"),
      })),
    );
    const read = tablesFromJsonlFiles(texts);
    if (!isBetterTodoData(read.tables)) {
      throw new UnreadableFileError(
        "These JSONL files hold none of the reference app's tables (todos, notes, dateLabels, archivedDates).",
      );
    }
    return planBetterTodo(read.tables, await accountId(), read.broken);
  }
  if (files.length > 1) {
    throw new UnreadableFileError(
      "Choose one file, or several .jsonl files of one export.",
    );
  }
  const text = await readAs(first, "text");
  if (/\.json$/i.test(first.name) || text.trimStart().startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UnreadableFileError("This file is not valid JSON.");
    }
    if (!isDaybookExport(parsed)) {
      throw new UnreadableFileError(
        "This JSON file is not a Daybook export (Settings › Export my data).",
      );
    }
    return planDaybookExport(parsed);
  }
  if (looksLikeDaybookMarkdown(text)) return planMarkdown(text);
  throw new UnreadableFileError(
    "This file is not one Daybook can import: choose a Daybook export (.json or .md), a Convex export ZIP or .jsonl files.",
  );
}
