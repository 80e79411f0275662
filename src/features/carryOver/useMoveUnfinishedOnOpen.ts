import { useConvexAuth } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@convex/_generated/api";
import { todayString } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useUndoableMutation } from "@/lib/undo";
import { movedToToday } from "./movedToToday";

/**
 * The setting "Move unfinished todos to today automatically": asks the
 * server to move earlier days' open todos to today when the app opens, when
 * the setting is turned on, and when the tab comes back on a new day, to
 * the today this tab shows. The server moves at most once a day
 * (convex/carryOver `moveAutomatically`), however many tabs ask; a move
 * shows a toast with Undo.
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
          { today: day },
          {
            pending: "Moving unfinished todos to today",
            afterResult: movedToToday,
          },
        ),
      "move unfinished todos to today",
    );
    // `day`: a tab left open overnight asks again on the new day.
  }, [isAuthenticated, enabled, day, moveAutomatically]);
}
