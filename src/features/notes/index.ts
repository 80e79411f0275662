import { lazy } from "react";

/**
 * A day's notes, loaded in parallel with the day's data (the notes editor
 * and markdown are this feature's weight, kept out of the first load).
 */
export const NotesSection = lazy(() =>
  import("./components/NotesSection").then((m) => ({
    default: m.NotesSection,
  })),
);
