import { useCallback, useState } from "react";
import type { FindDatePhrase } from "./types";

export type {
  DatePhrase,
  DatePhraseOptions,
  FindDatePhrase,
  RepeatRule,
} from "./types";

/*
 * Dates typed in plain words ("Call mom tomorrow"). This half is all the
 * first load carries: the parser (chrono, rrule and the grammar) is a chunk
 * of its own, fetched once someone starts on a todo, so it never delays
 * the page, and never a keystroke: until it has arrived, text is text.
 */

let loading: Promise<FindDatePhrase> | null = null;
/** Once loaded, for fields mounted later (the next day's) to have at once. */
let loaded: FindDatePhrase | null = null;

export function loadDatePhrases(): Promise<FindDatePhrase> {
  loading ??= import("./findDatePhrase").then(
    ({ findDatePhrase }) => (loaded = findDatePhrase),
    (error: unknown) => {
      // Offline before the chunk was cached, say: the next focus tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The date-phrase finder once loaded (null until then), and `prepare`, to
 * call when someone is about to type (the field's focus): it starts the
 * load. Loading never blocks: a field without the finder keeps its text.
 */
export function useDatePhrases(): {
  findDatePhrase: FindDatePhrase | null;
  prepare: () => void;
} {
  const [findDatePhrase, setFindDatePhrase] = useState(() => loaded);
  const prepare = useCallback(() => {
    if (loaded) {
      setFindDatePhrase(() => loaded);
      return;
    }
    loadDatePhrases().then(
      (found) => setFindDatePhrase(() => found),
      () => {},
    );
  }, []);
  return { findDatePhrase, prepare };
}
