import type { PaginationOptions } from "convex/server";
import { invalidArgument } from "./errors";

export const MAX_PAGE_SIZE = 200;

/** Pages are bounded whatever the client asks for. */
export function clampPageSize(opts: PaginationOptions): PaginationOptions {
  if (!Number.isInteger(opts.numItems) || opts.numItems < 1) {
    throw invalidArgument("numItems must be a positive whole number.");
  }
  return { ...opts, numItems: Math.min(opts.numItems, MAX_PAGE_SIZE) };
}
