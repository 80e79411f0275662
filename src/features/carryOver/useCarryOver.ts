import type { FunctionReturnType } from "convex/server";
import { useMemo, useState } from "react";
import { api } from "@convex/_generated/api";
import { orderAfterLast } from "@/lib/dayItems";
import { attempt } from "@/lib/notify";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useUndoableMutation } from "@/lib/undo";
import { movedToToday } from "./movedToToday";

/** Todos shown at first, and added by each "Show more". */
export const CARRY_OVER_PAGE = 20;

type CarryOver = FunctionReturnType<typeof api.carryOver.list>;

/**
 * "From earlier days" on `today`: the open todos of earlier days, a page
 * at a time, "Move all to today" and how far a move has got.
 */
export function useCarryOver(today: string) {
  const [limit, setLimit] = useState(CARRY_OVER_PAGE);
  const answer = useSignedInQuery(api.carryOver.list, { today, limit });
  // While "Show more" loads, the todos shown stay (not a blank section).
  const [kept, setKept] = useState<CarryOver | undefined>(answer);
  if (answer !== undefined && answer !== kept) setKept(answer);
  const carryOver = answer ?? kept;
  const progress = useSignedInQuery(api.carryOver.moveProgress, {});

  const moveAll = useUndoableMutation(api.carryOver.moveAllToToday, {
    // The todos shown go to the end of today's list at once.
    optimisticUpdate: (store, args) => {
      for (const { args: listArgs, value } of store.getAllQueries(
        api.carryOver.list,
      )) {
        if (!value || listArgs.today !== args.today) continue;
        const moving = value.days.flatMap((group) => group.todos);
        const todayList = store.getQuery(api.todos.listForDay, {
          day: args.today,
        });
        if (todayList) {
          const next = [...todayList];
          for (const todo of moving) {
            next.push({
              ...todo,
              day: args.today,
              order: orderAfterLast(next),
            });
          }
          store.setQuery(api.todos.listForDay, { day: args.today }, next);
        }
        store.setQuery(api.carryOver.list, listArgs, {
          ...value,
          days: [],
          count: 0,
          countCapped: false,
        });
      }
    },
  });

  return useMemo(
    () => ({
      carryOver,
      progress,
      showMore: () => setLimit((shown) => shown + CARRY_OVER_PAGE),
      moveAll: () =>
        attempt(
          () =>
            moveAll(
              { today },
              {
                pending: "Moving the todos to today",
                afterResult: movedToToday,
              },
            ),
          "move the todos to today",
        ),
    }),
    [carryOver, progress, moveAll, today],
  );
}
