import type { FunctionReturnType } from "convex/server";
import type { api } from "@convex/_generated/api";
import { count } from "@/lib/progressToast";

type MoveProgress = FunctionReturnType<typeof api.carryOver.moveAllToToday>;

/**
 * The toast of a move to today, "Move all to today" or the automatic one
 * alike: how many moved, or null when nothing did (or another tab moved
 * them). A move that goes on in batches cannot count yet.
 */
export function movedToToday(progress: MoveProgress | null): string | null {
  if (progress === null) return null;
  if (progress.status === "moving") return "Moved unfinished todos to today";
  if (progress.moved === 0) return null;
  return `Moved ${count(progress.moved)} unfinished ${progress.moved === 1 ? "todo" : "todos"} to today`;
}
