import { useId } from "react";
import { api } from "@convex/_generated/api";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useSignedInQuery } from "@/lib/signedInQueries";

/**
 * Settings: "Move unfinished todos to today automatically" (off by
 * default). The move itself runs when it is turned on and when the app
 * opens on a new day (features/carryOver); the hint says both.
 */
export function MoveUnfinishedSection() {
  const id = useId();
  const settings = useSignedInQuery(api.settings.get, {});
  const setEnabled = useOutboxMutation(
    api.settings.setMoveUnfinishedAutomatically,
    {
      optimisticUpdate: (store, { enabled }) => {
        const current = store.getQuery(api.settings.get, {});
        if (!current) return;
        store.setQuery(
          api.settings.get,
          {},
          {
            ...current,
            moveUnfinishedAutomatically: enabled,
          },
        );
      },
    },
  );
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-10 items-center gap-2">
        <input
          type="checkbox"
          aria-describedby={`${id}-hint`}
          checked={settings?.moveUnfinishedAutomatically ?? false}
          disabled={settings === undefined}
          onChange={(event) => {
            const enabled = event.target.checked;
            void attempt(() => setEnabled({ enabled }), "save the setting");
          }}
          className="size-4 accent-indigo-700 dark:accent-indigo-400"
        />
        Move unfinished todos to today automatically
      </label>
      <p
        id={`${id}-hint`}
        className="text-sm text-slate-600 dark:text-slate-400"
      >
        When you turn this on, and then the first time you open Daybook each new
        day, open todos from earlier days move to the end of today. Undo puts
        them back.
      </p>
    </div>
  );
}
