import { useConvexAuth } from "convex/react";
import { useEffect } from "react";
import { api } from "@convex/_generated/api";
import { todayString } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useUndoableMutation } from "@/lib/undo";
import { useToday } from "@/lib/useToday";
import { movedToToday } from "./movedToToday";

/**
 * The setting "Move unfinished todos to today automatically": asks the
 * server to move earlier days' open todos to today when the app opens, when
 * the setting is turned on, and when a new day starts (midnight, a tab
 * shown again, another time zone chosen), to the today this tab shows. The server moves at most once a day
 * (convex/carryOver `moveAutomatically`), however many tabs ask; a move
 * shows a toast with Undo.
 */
export function useMoveUnfinishedOnOpen() {
  const { isAuthenticated } = useConvexAuth();
  const settings = useSignedInQuery(api.settings.get, {});
  const enabled = settings?.moveUnfinishedAutomatically === true;
  const day = useToday();
  const moveAutomatically = useUndoableMutation(
    api.carryOver.moveAutomatically,
  );

  useEffect(() => {
    if (!isAuthenticated || !enabled) return;
    // The settings that turn this on also set the zone today is counted in
    // (an effect before this one): the render with that today comes next.
    if (day !== todayString()) return;
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
