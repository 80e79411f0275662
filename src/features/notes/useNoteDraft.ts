import { useCallback, useEffect, useRef, useState } from "react";
import { notifyError } from "@/lib/notify";
import type { Note } from "./useNoteActions";

export type NoteFields = { title: string; body: string };
export type SaveStatus = "idle" | "saving" | "saved" | "error";

/** How long typing may pause before the note is saved. */
export const AUTOSAVE_DELAY_MS = 600;

/**
 * A note's text as the person types it, saved while they type: debounced,
 * and flushed at once on blur, on leaving the day or the page (unmount,
 * `pagehide`, the tab being hidden), so no keystroke is lost.
 *
 * The local text is the truth while there are edits not yet confirmed: a
 * server echo never overwrites it. Once everything is saved, changes from
 * elsewhere (another tab) are taken in.
 */
export function useNoteDraft(
  note: Note,
  save: (fields: Partial<NoteFields>) => Promise<unknown>,
) {
  const [draft, setDraft] = useState<NoteFields>({
    title: note.title,
    body: note.body,
  });
  const [server, setServer] = useState<NoteFields>(draft);
  const [status, setStatus] = useState<SaveStatus>("idle");

  const pending = useRef<Partial<NoteFields>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(0);
  const failed = useRef(false);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  if (server.title !== note.title || server.body !== note.body) {
    const next = { title: note.title, body: note.body };
    setServer(next);
    if (status !== "saving" && status !== "error") setDraft(next);
  }

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const fields = pending.current;
    if (fields.title === undefined && fields.body === undefined) return;
    pending.current = {};
    inFlight.current++;
    saveRef.current(fields).then(
      () => settle(false),
      (error: unknown) => {
        notifyError(error, "save the note");
        settle(true);
      },
    );
    function settle(error: boolean) {
      inFlight.current--;
      failed.current ||= error;
      const idle =
        inFlight.current === 0 &&
        pending.current.title === undefined &&
        pending.current.body === undefined;
      if (!idle) return;
      setStatus(failed.current ? "error" : "saved");
      failed.current = false;
    }
  }, []);

  const edit = useCallback(
    (field: keyof NoteFields, value: string) => {
      setDraft((current) => ({ ...current, [field]: value }));
      pending.current = { ...pending.current, [field]: value };
      setStatus("saving");
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  /** Drops unsaved edits (the note is being deleted). */
  const discard = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = {};
  }, []);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
      // Leaving the day (or the app): save what was typed.
      flush();
    };
  }, [flush]);

  return { draft, status, edit, flush, discard };
}
