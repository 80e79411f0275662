import { LoaderCircle, Search } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { LIMITS } from "@convex/lib/limits";
import { Dialog } from "@/components/ui/Dialog";
import { errorMessage } from "@/lib/errors";
import { requestReveal } from "@/lib/reveal";
import { isBlankText } from "@/lib/text";
import { revealTodoOnPage } from "@/lib/revealTodoOnPage";
import { useDebouncedValue } from "../useDebouncedValue";
import { useSearch } from "../useSearch";
import { optionId, SearchResults, type SearchOption } from "./SearchResults";

export type SearchDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Opens a result's day (and note). */
  onOpenResult?: (result: { day: string; noteId?: string }) => void;
};

/** How long typing may pause before the search runs. */
export const SEARCH_DELAY_MS = 200;

/**
 * Search over todos and notes (Cmd/Ctrl+K or the Search button): debounced,
 * matches highlighted, ArrowUp/ArrowDown move, Enter opens, Esc closes and
 * focus goes back to where it was.
 */
export default function SearchDialog({
  open,
  onOpenChange,
  onOpenResult,
}: SearchDialogProps) {
  const [text, setText] = useState("");
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listboxId = useId();
  // Text with nothing visible searches for nothing.
  const typed = isBlankText(text) ? "" : text.trim();
  const query = useDebouncedValue(typed, SEARCH_DELAY_MS);
  // A failed search is shown in the dialog, not thrown to the page.
  const results = useSearch(query);

  const found = results && !(results instanceof Error) ? results : null;
  const { todos, notes } = useMemo(
    () => ({
      todos: (found?.todos ?? []).map((todo): SearchOption => ({
        kind: "todo",
        id: todo.id,
        day: todo.day,
        text: todo.text,
        heading: todo.kind !== "todo",
        done: todo.done,
      })),
      notes: (found?.notes ?? []).map((note): SearchOption => ({
        kind: "note",
        ...note,
      })),
    }),
    [found],
  );
  const options = useMemo(() => [...todos, ...notes], [todos, notes]);
  const keys = options.map((option) => optionId(listboxId, option));
  const activeIndex = Math.max(0, keys.indexOf(activeKey ?? ""));
  const active = options.length > 0 ? keys[activeIndex]! : null;

  useEffect(() => {
    if (active)
      document.getElementById(active)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const choose = (option: SearchOption) => {
    if (option.kind === "note") requestReveal({ kind: "note", id: option.id });
    else revealTodoOnPage(option.id);
    onOpenResult?.({
      day: option.day,
      noteId: option.kind === "note" ? option.id : undefined,
    });
    onOpenChange(false);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (options.length === 0) return;
    const move = (to: number) => {
      event.preventDefault();
      setActiveKey(keys[(to + options.length) % options.length]!);
    };
    if (event.key === "ArrowDown") move(activeIndex + 1);
    else if (event.key === "ArrowUp") move(activeIndex - 1);
    else if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      choose(options[activeIndex]!);
    }
  };

  const searching = typed !== "" && (typed !== query || results === undefined);
  let message: string | null = null;
  if (typed === "") message = "Type to search your todos and notes.";
  else if (searching) message = null;
  else if (found && options.length === 0) message = "No matches";

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Search"
      size="lg"
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        input.current?.focus();
      }}
    >
      <div className="flex items-center gap-2 rounded-md border border-slate-300 px-3 focus-within:border-indigo-600 focus-within:ring-1 focus-within:ring-indigo-600 dark:border-slate-700 dark:focus-within:border-indigo-400 dark:focus-within:ring-indigo-400">
        <Search
          aria-hidden
          className="size-4 shrink-0 text-slate-600 dark:text-slate-400"
        />
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label="Search todos and notes"
          dir="auto"
          aria-expanded={options.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={active ?? undefined}
          placeholder="Search todos and notes…"
          autoComplete="off"
          maxLength={LIMITS.searchText}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="min-h-11 flex-1 bg-transparent outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400"
        />
      </div>
      <div className="min-h-24">
        {results instanceof Error && !searching ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {errorMessage(results, "search")}
          </p>
        ) : null}
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {searching ? (
            <span className="inline-flex items-center gap-2">
              <LoaderCircle aria-hidden className="size-4 animate-spin" />
              Searching…
            </span>
          ) : message ? (
            message
          ) : found ? (
            <span className="sr-only">
              {options.length === 1 ? "1 result" : `${options.length} results`}
            </span>
          ) : null}
        </p>
        <SearchResults
          listboxId={listboxId}
          todos={todos}
          notes={notes}
          query={query}
          activeKey={active}
          onActivate={setActiveKey}
          onChoose={choose}
        />
      </div>
    </Dialog>
  );
}
