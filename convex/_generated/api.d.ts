/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as account from "../account.js";
import type * as carryOver from "../carryOver.js";
import type * as crons from "../crons.js";
import type * as days from "../days.js";
import type * as imports from "../imports.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_changeReceipts from "../lib/changeReceipts.js";
import type * as lib_cleanText from "../lib/cleanText.js";
import type * as lib_dayItems from "../lib/dayItems.js";
import type * as lib_dayRange from "../lib/dayRange.js";
import type * as lib_daySummary from "../lib/daySummary.js";
import type * as lib_days from "../lib/days.js";
import type * as lib_deletions from "../lib/deletions.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_limits from "../lib/limits.js";
import type * as lib_ownership from "../lib/ownership.js";
import type * as lib_pagination from "../lib/pagination.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_repeatRule from "../lib/repeatRule.js";
import type * as lib_rrule from "../lib/rrule.js";
import type * as lib_summaryTriggers from "../lib/summaryTriggers.js";
import type * as lib_supersededOccurrences from "../lib/supersededOccurrences.js";
import type * as lib_timeZone from "../lib/timeZone.js";
import type * as lib_todoText from "../lib/todoText.js";
import type * as lib_trash from "../lib/trash.js";
import type * as lib_undoJournal from "../lib/undoJournal.js";
import type * as lib_undoOps from "../lib/undoOps.js";
import type * as lib_usage from "../lib/usage.js";
import type * as lib_userTables from "../lib/userTables.js";
import type * as lib_userToday from "../lib/userToday.js";
import type * as lib_validate from "../lib/validate.js";
import type * as notes from "../notes.js";
import type * as search from "../search.js";
import type * as series from "../series.js";
import type * as settings from "../settings.js";
import type * as todos from "../todos.js";
import type * as trash from "../trash.js";
import type * as undo from "../undo.js";
import type * as usage from "../usage.js";
import type * as users from "../users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  account: typeof account;
  carryOver: typeof carryOver;
  crons: typeof crons;
  days: typeof days;
  imports: typeof imports;
  "lib/auth": typeof lib_auth;
  "lib/changeReceipts": typeof lib_changeReceipts;
  "lib/cleanText": typeof lib_cleanText;
  "lib/dayItems": typeof lib_dayItems;
  "lib/dayRange": typeof lib_dayRange;
  "lib/daySummary": typeof lib_daySummary;
  "lib/days": typeof lib_days;
  "lib/deletions": typeof lib_deletions;
  "lib/errors": typeof lib_errors;
  "lib/limits": typeof lib_limits;
  "lib/ownership": typeof lib_ownership;
  "lib/pagination": typeof lib_pagination;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/repeatRule": typeof lib_repeatRule;
  "lib/rrule": typeof lib_rrule;
  "lib/summaryTriggers": typeof lib_summaryTriggers;
  "lib/supersededOccurrences": typeof lib_supersededOccurrences;
  "lib/timeZone": typeof lib_timeZone;
  "lib/todoText": typeof lib_todoText;
  "lib/trash": typeof lib_trash;
  "lib/undoJournal": typeof lib_undoJournal;
  "lib/undoOps": typeof lib_undoOps;
  "lib/usage": typeof lib_usage;
  "lib/userTables": typeof lib_userTables;
  "lib/userToday": typeof lib_userToday;
  "lib/validate": typeof lib_validate;
  notes: typeof notes;
  search: typeof search;
  series: typeof series;
  settings: typeof settings;
  todos: typeof todos;
  trash: typeof trash;
  undo: typeof undo;
  usage: typeof usage;
  users: typeof users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
