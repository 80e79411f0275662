import { useCallback, useEffect, useRef, useState } from "react";
import { LIMITS } from "@convex/lib/limits";
import { conflictCurrent } from "@/lib/errors";
import {
  removeDraft,
  useDraftOwner,
  writeDraft,
  readDraft,
} from "@/lib/keptDrafts";
import { notifyError } from "@/lib/notify";
import { mergeText } from "@/lib/textMerge";
import { toast } from "@/lib/toast";
import type { Note } from "./useNoteActions";

export type NoteFields = { title: string; body: string };
export type SaveStatus = "idle" | "saving" | "saved" | "error";
/** A note's text as the server stores it, with its version. */
type Versioned = NoteFields & { version: number };

export type SaveNote = (
  baseVersion: number,
  fields: Partial<NoteFields>,
) => Promise<{ version: number }>;

/** How long typing may pause before the note is saved. */
export const AUTOSAVE_DELAY_MS = 600;

export const MERGE_CONFLICT_MESSAGE =
  "Your note and another edit changed the same lines. Both versions are kept in the note: check it and remove what you don't want.";

/**
 * What a note's editor keeps in localStorage until the server has its
 * text: the local text, the server version it started from, and the
 * versions this editor saved (so their echoes are not mistaken for edits
 * made elsewhere).
 */
type Session = { base: Versioned; text: NoteFields; own: Versioned[] };

const sameText = (a: NoteFields, b: NoteFields) =>
  a.title === b.title && a.body === b.body;

function changedFields(text: NoteFields, base: NoteFields) {
  const fields: Partial<NoteFields> = {};
  if (text.title !== base.title) fields.title = text.title;
  if (text.body !== base.body) fields.body = text.body;
  return fields;
}

function asVersioned(value: Record<string, unknown> | null): Versioned | null {
  if (!value) return null;
  const { title, body, version } = value;
  return typeof title === "string" &&
    typeof body === "string" &&
    typeof version === "number"
    ? { title, body, version }
    : null;
}

/** True when the title is over its limit: the card keeps it but won't save it. */
export const isTitleTooLong = (fields: NoteFields) =>
  fields.title.length > LIMITS.noteTitle;

/** True when the body is over its limit: the editor keeps it but won't save it. */
export const isBodyTooLong = (fields: NoteFields) =>
  fields.body.length > LIMITS.noteBody;

/** Either field over its limit: nothing is saved until it is shortened. */
const isTooLong = (fields: NoteFields) =>
  isTitleTooLong(fields) || isBodyTooLong(fields);

/**
 * A note's text as the person types it, saved while they type: debounced,
 * and flushed at once on blur, on leaving the day or the page (unmount,
 * `pagehide`, the tab being hidden). Every save names the version it was
 * made on; until the server has the text it is also kept locally (per
 * user), so a reload or an ended session loses nothing.
 *
 * A newer version from elsewhere (another tab, or a save refused as
 * CONFLICT) is merged into what is on screen three ways, never replacing
 * it: changes to different spans combine silently; where both changed the
 * same lines both versions are kept and a toast says so.
 */
export function useNoteDraft(note: Note, save: SaveNote) {
  const owner = useDraftOwner();
  const draftName = `note:${note._id}`;
  const server: Versioned = {
    title: note.title,
    body: note.body,
    version: note.version ?? 0,
  };

  const [initial] = useState<Session>(() => {
    const kept = owner ? readDraft<Session>(owner, draftName) : undefined;
    return kept ?? { base: server, text: server, own: [] };
  });
  const session = useRef<Session>(initial);
  const [draft, setDraft] = useState<NoteFields>({
    title: initial.text.title,
    body: initial.text.body,
  });
  const [status, setStatus] = useState<SaveStatus>("idle");

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The version the save on its way will make (null: none on its way). */
  const sending = useRef<number | null>(null);
  const discarded = useRef(false);
  const flushAgain = useRef(() => {});
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  /** Keeps the session locally while the server lacks its text. */
  const persist = useCallback(() => {
    const s = session.current;
    if (!owner || discarded.current) return;
    if (sending.current !== null || !sameText(s.text, s.base))
      writeDraft(owner, draftName, s);
    else removeDraft(owner, draftName);
  }, [owner, draftName]);

  /** A save is done (answered, or its echo arrived first): next step. */
  const saved = useCallback(() => {
    sending.current = null;
    persist();
    const s = session.current;
    if (!sameText(s.text, s.base)) {
      // Typed meanwhile, or merged: save again (the timer may do it).
      if (timer.current === undefined) flushAgain.current();
    } else {
      setStatus("saved");
    }
  }, [persist]);

  /**
   * Takes in the server's version of the note; true if it was newer. Our
   * own saves' echoes just move the base; other versions are merged.
   */
  const receive = useCallback(
    (incoming: Versioned): boolean => {
      const s = session.current;
      // Older, or the same version (our optimistic text shows under it).
      if (incoming.version <= s.base.version) return false;
      const ours = s.own.some(
        (own) => own.version === incoming.version && sameText(own, incoming),
      );
      s.own = s.own.filter((own) => own.version > incoming.version);
      if (!ours) {
        const title = mergeText(s.base.title, s.text.title, incoming.title, {
          singleLine: true,
        });
        const body = mergeText(s.base.body, s.text.body, incoming.body);
        s.text = { title: title.text, body: body.text };
        setDraft(s.text);
        if (title.conflict || body.conflict)
          toast.message(MERGE_CONFLICT_MESSAGE);
      }
      s.base = incoming;
      persist();
      if (ours && sending.current === incoming.version) saved();
      return true;
    },
    [persist, saved],
  );

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const s = session.current;
    if (sending.current !== null || discarded.current) return;
    const fields = changedFields(s.text, s.base);
    if (fields.title === undefined && fields.body === undefined) {
      setStatus((current) => (current === "saving" ? "saved" : current));
      persist();
      return;
    }
    if (isTooLong(s.text)) {
      setStatus("error");
      return;
    }
    const sent = { ...s.text };
    const version = s.base.version + 1;
    s.own = [...s.own, { ...sent, version }].slice(-5);
    sending.current = version;
    persist();
    setStatus("saving");

    // Our own save's answer, unless its echo has already settled it.
    const stillSending = () => sending.current === version;
    saveRef.current(s.base.version, fields).then(
      (result) => {
        if (result.version > s.base.version)
          s.base = { ...sent, version: result.version };
        s.own = s.own.filter((own) => own.version > result.version);
        if (stillSending()) saved();
      },
      (error: unknown) => {
        if (!stillSending()) return;
        const current = asVersioned(conflictCurrent(error));
        if (current) {
          // Merged now, or already (the newer version reached the editor
          // first): save again on it.
          receive(current);
          saved();
          return;
        }
        sending.current = null;
        persist();
        notifyError(error, "save the note");
        setStatus("error");
      },
    );
  }, [persist, receive, saved]);
  useEffect(() => {
    flushAgain.current = flush;
  }, [flush]);

  // The server's version: on mount (against a kept draft) and whenever it changes.
  useEffect(() => {
    receive({ title: note.title, body: note.body, version: note.version ?? 0 });
    const s = session.current;
    // Kept text the server does not have yet (e.g. after a reload): save it.
    if (
      !sameText(s.text, s.base) &&
      sending.current === null &&
      !timer.current
    ) {
      setStatus("saving");
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    }
  }, [note.title, note.body, note.version, receive, flush]);

  const edit = useCallback(
    (field: keyof NoteFields, value: string) => {
      const s = session.current;
      s.text = { ...s.text, [field]: value };
      setDraft(s.text);
      persist();
      setStatus("saving");
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush, persist],
  );

  /** Drops unsaved edits (the note is being deleted). */
  const discard = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    discarded.current = true;
    if (owner) removeDraft(owner, draftName);
  }, [owner, draftName]);

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

  return {
    draft,
    status,
    titleTooLong: isTitleTooLong(draft),
    bodyTooLong: isBodyTooLong(draft),
    edit,
    flush,
    discard,
  };
}
