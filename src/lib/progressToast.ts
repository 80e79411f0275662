import type { ConvexReactClient } from "convex/react";
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
} from "convex/server";
import { ACTION_TOAST_ID, toast } from "./toast";

/** What a job's progress query says: words to show, or that it is over. */
export type JobProgress = { text: string } | "finished" | "unknown";

export const count = (n: number) => n.toLocaleString("en-US");

/**
 * Resolves once a job running in batches on the server has finished,
 * showing how far it got meanwhile in the action toast (the toast its
 * undo step then takes over). `read` turns each answer of the job's
 * progress query (undefined until the first) into words or "finished"; an
 * error answer means there is nothing left to watch.
 */
export function untilJobFinished<Query extends FunctionReference<"query">>(
  client: ConvexReactClient,
  query: Query,
  args: FunctionArgs<Query>,
  read: (answer: FunctionReturnType<Query> | undefined) => JobProgress,
): Promise<void> {
  return new Promise((resolve) => {
    const watch = client.watchQuery(query, args);
    const show = () => {
      let progress: JobProgress;
      try {
        progress = read(watch.localQueryResult());
      } catch {
        progress = "finished";
      }
      if (progress === "finished") {
        stopWatching();
        resolve();
      } else if (progress !== "unknown") {
        toast.message(progress.text, { id: ACTION_TOAST_ID, persistent: true });
      }
    };
    const stopWatching = watch.onUpdate(show);
    show();
  });
}
