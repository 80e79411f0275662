import { ChevronDown, ChevronRight, ClipboardCopy, Trash2 } from "lucide-react";
import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { LIMITS } from "@convex/lib/limits";
import { IconButton } from "@/components/ui/Button";
import {
  LengthCounter,
  showsLengthCounter,
} from "@/components/ui/LengthCounter";
import { useConfirm } from "@/components/ui/confirm";
import { keepFocusOnItem } from "@/components/ui/focus";
import { SkeletonList } from "@/components/ui/Skeleton";
import {
  DragHandle,
  type SortableRowProps,
} from "@/components/ui/SortableList";
import { cn } from "@/lib/cn";
import { isPending } from "@/lib/dayItems";
import { revealDone, useRevealTarget } from "@/lib/reveal";
import { toast } from "@/lib/toast";
import type { Note, NoteActions } from "../useNoteActions";
import { useNoteDraft, type SaveStatus } from "../useNoteDraft";
import { NoteBodyEditor } from "./NoteBodyEditor";
import { NoteTabs, type NoteTab } from "./NoteTabs";
import { noteName } from "../noteName";
import { isolate } from "@/components/ui/UserText";

// react-markdown and remark-gfm load the first time a Preview opens.
const MarkdownPreview = lazy(() => import("./MarkdownPreview"));

const STATUS_TEXT: Record<SaveStatus, string> = {
  idle: "",
  saving: "Saving…",
  saved: "Saved",
  error: "Not saved",
};

const count = new Intl.NumberFormat("en-US");

/** Why a note over the limit is not saved (its text stays as typed). */
export function tooLongMessage(length: number) {
  return `Not saved: a note can hold up to ${count.format(LIMITS.noteBody)} characters and this one has ${count.format(length)}. Shorten it to save.`;
}

/** Why a note whose title is over the limit is not saved (the title stays as typed). */
export function titleTooLongMessage(length: number) {
  return `Not saved: a note title holds at most ${count.format(LIMITS.noteTitle)} characters and this one has ${count.format(length)}. Shorten it to save.`;
}

/** The day's Add note button, where focus goes when its last note is deleted. */
export const ADD_NOTE_ID = "add-note";

export type NoteCardProps = {
  note: Note;
  actions: NoteActions;
  sortable: SortableRowProps;
};

/**
 * One note: its title, collapse, copy, delete and reorder handle, and the
 * body with Edit / Preview. Typing saves on its own (see useNoteDraft).
 */
export function NoteCard({
  note,
  actions,
  sortable: { attachRow, attachHandle, dragHandle, isDragging },
}: NoteCardProps) {
  const id = useId();
  const pending = isPending(note);
  const { draft, status, titleTooLong, bodyTooLong, edit, flush, discard } =
    useNoteDraft(note, (baseVersion, fields) =>
      actions.save(note._id, baseVersion, fields),
    );
  const [tab, setTab] = useState<NoteTab>("edit");
  const confirm = useConfirm();
  const titleRef = useRef<HTMLInputElement>(null);
  /** The title when the field took focus: what Esc puts back. */
  const titleBeforeEdit = useRef(draft.title);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const name = noteName(draft.title);
  const expanded = !note.collapsed;

  // A search result (or Add note) asked to show this note.
  const revealId = useRevealTarget("note");
  useEffect(() => {
    if (revealId !== note._id) return;
    revealDone(note._id);
    if (note.collapsed) void actions.setCollapsed(note, false);
    // After a closing dialog has put focus back where it came from.
    setTimeout(() => {
      articleRef.current?.scrollIntoView({ block: "nearest" });
      titleRef.current?.focus({ preventScroll: true });
    }, 0);
  }, [revealId, note, actions]);

  const toggle = () => {
    flush();
    void actions.setCollapsed(note, expanded);
  };

  const copy = async () => {
    const text = draft.title ? `${draft.title}\n\n${draft.body}` : draft.body;
    try {
      await navigator.clipboard.writeText(text);
      toast.success("Copied");
    } catch {
      toast.error("Could not copy the note.");
    }
  };

  const remove = async () => {
    const origin = document.activeElement;
    const confirmed = await confirm({
      title: "Delete this note?",
      description: `“${isolate(name)}” will be deleted. You can undo right after.`,
      confirmLabel: "Delete",
      destructive: true,
    });
    if (!confirmed) return;
    // Focus goes to the next note (the previous for the last), else Add note.
    keepFocusOnItem(origin, {
      idAttribute: "data-note-id",
      fallback: () => document.getElementById(ADD_NOTE_ID),
    });
    discard();
    await actions.remove({ ...note, ...draft });
  };

  const panelId = `${id}-panel`;
  const titleCounted = showsLengthCounter(draft.title.length, LIMITS.noteTitle);
  const titleDescribedBy =
    [
      titleCounted && `${id}-title-count`,
      titleTooLong && `${id}-title-too-long`,
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <li
      ref={attachRow}
      data-note-id={note._id}
      className={cn(
        "rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950",
        isDragging && "relative z-10 shadow-lg",
        pending && "opacity-70",
      )}
    >
      <article ref={articleRef} aria-label={name} className="flex flex-col">
        <div className="flex items-center gap-1 p-1">
          <DragHandle
            label={`Reorder ${name}`}
            attachHandle={attachHandle}
            dragHandle={dragHandle}
          />
          <IconButton
            label={expanded ? "Collapse note" : "Expand note"}
            data-control="expand"
            aria-expanded={expanded}
            aria-controls={expanded ? `${id}-body` : undefined}
            size="sm"
            disabled={pending}
            icon={
              expanded ? (
                <ChevronDown aria-hidden className="size-4" />
              ) : (
                <ChevronRight aria-hidden className="size-4" />
              )
            }
            onClick={toggle}
          />
          <input
            ref={titleRef}
            aria-label="Note title"
            dir="auto"
            placeholder="Untitled note"
            value={draft.title}
            disabled={pending}
            aria-invalid={titleTooLong || undefined}
            aria-describedby={titleDescribedBy}
            onChange={(event) => edit("title", event.target.value)}
            onFocus={() => {
              titleBeforeEdit.current = draft.title;
            }}
            onBlur={flush}
            onKeyDown={(event) => {
              if (event.nativeEvent.isComposing) return;
              if (event.key === "Escape") {
                // Esc cancels the edit, as for todos and labels: the title
                // it had (saved again if an autosave already sent the edit).
                if (draft.title === titleBeforeEdit.current) return;
                event.preventDefault();
                event.stopPropagation();
                edit("title", titleBeforeEdit.current);
                flush();
                return;
              }
              if (event.key !== "Enter") return;
              event.preventDefault();
              flush();
              // A title refused as too long keeps the focus, to be shortened.
              if (!expanded || titleTooLong) return;
              flushSync(() => setTab("edit"));
              bodyRef.current?.focus();
            }}
            className="min-h-10 min-w-0 flex-1 rounded-md bg-transparent px-2 font-semibold text-ellipsis placeholder:font-normal placeholder:text-slate-500 hover:bg-slate-50 aria-invalid:ring-1 aria-invalid:ring-red-700 sm:min-h-8 dark:placeholder:text-slate-400 dark:hover:bg-slate-900 dark:aria-invalid:ring-red-400"
          />
          <span
            role="status"
            className={cn(
              "shrink-0 px-1 text-xs",
              status === "error"
                ? "text-red-700 dark:text-red-400"
                : "text-slate-600 dark:text-slate-400",
            )}
          >
            {STATUS_TEXT[status]}
          </span>
          <IconButton
            label="Copy note"
            data-control="copy"
            size="sm"
            disabled={pending}
            icon={<ClipboardCopy aria-hidden className="size-4" />}
            onClick={() => void copy()}
          />
          <IconButton
            label="Delete note"
            data-control="delete"
            size="sm"
            disabled={pending}
            icon={<Trash2 aria-hidden className="size-4" />}
            onClick={() => void remove()}
          />
        </div>
        {titleCounted ? (
          // Text is never cut at the limit (no `maxLength`, which cuts a
          // paste silently): near it a counter shows, past it a message.
          <div className="flex flex-col gap-1 px-3 pb-2">
            <LengthCounter
              id={`${id}-title-count`}
              length={draft.title.length}
              max={LIMITS.noteTitle}
              className="self-end"
            />
            {titleTooLong ? (
              <p
                id={`${id}-title-too-long`}
                role="alert"
                className="text-sm text-red-700 dark:text-red-400"
              >
                {titleTooLongMessage(draft.title.length)}
              </p>
            ) : null}
          </div>
        ) : null}
        {expanded ? (
          <div id={`${id}-body`} className="flex flex-col gap-2 px-3 pb-3">
            <NoteTabs
              value={tab}
              onChange={(next) => {
                flush();
                setTab(next);
              }}
              panelId={panelId}
              idPrefix={id}
              disabled={pending}
            />
            <div id={panelId} role="tabpanel" aria-labelledby={`${id}-${tab}`}>
              <div hidden={tab !== "edit"}>
                <NoteBodyEditor
                  ref={bodyRef}
                  id={`${id}-textarea`}
                  value={draft.body}
                  disabled={pending}
                  invalid={bodyTooLong}
                  describedBy={bodyTooLong ? `${id}-too-long` : undefined}
                  onChange={(value) => edit("body", value)}
                  onBlur={flush}
                />
                {bodyTooLong ? (
                  <p
                    id={`${id}-too-long`}
                    role="alert"
                    className="mt-1 text-sm text-red-700 dark:text-red-400"
                  >
                    {tooLongMessage(draft.body.length)}
                  </p>
                ) : null}
              </div>
              {tab === "preview" ? (
                <Suspense
                  fallback={<SkeletonList rows={2} label="Loading preview" />}
                >
                  <MarkdownPreview text={draft.body} />
                </Suspense>
              ) : null}
            </div>
          </div>
        ) : null}
      </article>
    </li>
  );
}
