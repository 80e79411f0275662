import { useConvex } from "convex/react";
import { Download, FileText } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { errorMessage } from "@/lib/errors";
import {
  collectExport,
  downloadFile,
  downloadJson,
  exportFileName,
} from "../exportData";
import { toMarkdown } from "../import/markdown";

type State =
  | { step: "idle" }
  | { step: "working"; rows: number }
  | { step: "done"; rows: number; fileName: string }
  | { step: "error"; message: string };

function items(count: number) {
  return count === 1 ? "1 item" : `${count.toLocaleString("en-US")} items`;
}

/**
 * Export my data: one JSON file with the profile, days, todos and notes, or
 * the days as Markdown (what Import reads back: import/markdown.ts).
 */
export function ExportSection() {
  const convex = useConvex();
  const [state, setState] = useState<State>({ step: "idle" });
  const [includeDeleted, setIncludeDeleted] = useState(false);

  const run = async (format: "json" | "markdown") => {
    setState({ step: "working", rows: 0 });
    try {
      const { document, rows } = await collectExport(
        convex,
        (read) => setState({ step: "working", rows: read }),
        // Markdown holds days, todos and notes only.
        { includeDeleted: format === "json" && includeDeleted },
      );
      const fileName = exportFileName(new Date(), format);
      if (format === "json") downloadJson(document, fileName);
      else downloadFile(toMarkdown(document), fileName, "text/markdown");
      setState({ step: "done", rows, fileName });
    } catch (error) {
      setState({ step: "error", message: errorMessage(error, "export") });
    }
  };

  return (
    <section aria-labelledby="export-heading" className="flex flex-col gap-2">
      <h3 id="export-heading" className="font-medium">
        Your data
      </h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Download everything you have in Daybook as one JSON file, or your days,
        todos and notes as Markdown. Import reads both back.
      </p>
      <label className="flex min-h-10 items-center gap-2 self-start text-sm text-slate-800 sm:min-h-8 dark:text-slate-200">
        <input
          type="checkbox"
          checked={includeDeleted}
          onChange={(event) => setIncludeDeleted(event.target.checked)}
          className="size-4 accent-indigo-700 dark:accent-indigo-400"
        />
        Include Recently deleted in the JSON file
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          onClick={() => void run("json")}
          disabled={state.step === "working"}
        >
          <Download aria-hidden className="size-4" />
          Export my data
        </Button>
        <Button
          onClick={() => void run("markdown")}
          disabled={state.step === "working"}
        >
          <FileText aria-hidden className="size-4" />
          Export as Markdown
        </Button>
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {state.step === "working"
            ? `Exporting… ${items(state.rows)} so far`
            : state.step === "done"
              ? `Downloaded ${state.fileName} (${items(state.rows)}).`
              : ""}
        </p>
      </div>
      {state.step === "error" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
