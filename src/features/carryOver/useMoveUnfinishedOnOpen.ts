import { useConvexAuth } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@convex/_generated/api";
import { todayString } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useUndoableMutation } from "@/lib/undo";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The setting "Move unfinished todos to today automatically": asks the
 * server to move earlier days' open todos to today when the app opens, when
 * the setting is turned on, and when the tab comes back on a new day. The
 * server moves at most once a day (convex/carryOver `moveAutomatically`),
 * however many tabs ask; a move shows a toast with Undo.
 */
export function useMoveUnfinishedOnOpen() {
  const { isAuthenticated } = useConvexAuth();
  const settings = useSignedInQuery(api.settings.get, {});
  const enabled = settings?.moveUnfinishedAutomatically === true;
  const [day, setDay] = useState(todayString);
  const moveAutomatically = useUndoableMutation(
    api.carryOver.moveAutomatically,
  );

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") setDay(todayString());
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);

  useEffect(() => {
    if (!isAuthenticated || !enabled) return;
    void attempt(
      () =>
        moveAutomatically(
          {},
          {
            pending: "Moving unfinished todos to today",
            afterResult: (progress) => {
              // Already done today (another tab), or nothing was left.
              if (progress === null) return null;
              if (progress.status === "moving") {
                return "Moved unfinished todos to today";
              }
              if (progress.moved === 0) return null;
              return `Moved ${count(progress.moved)} unfinished ${progress.moved === 1 ? "todo" : "todos"} to today`;
            },
          },
        ),
      "move unfinished todos to today",
    );
    // `day`: a tab left open overnight asks again on the new day.
  }, [isAuthenticated, enabled, day, moveAutomatically]);
}
