import * as rruleModule from "rrule";

/**
 * rrule's classes, however rrule is loaded: bundlers (Convex, Vite) read
 * its ES module, with named exports; Node reads its CommonJS build, whose
 * exports sit under `default` (the local Convex stand-in of `npm run demo`
 * and the benches import convex/ under tsx).
 */
const rrule: typeof rruleModule =
  "RRule" in rruleModule && rruleModule.RRule
    ? rruleModule
    : (rruleModule as unknown as { default: typeof rruleModule }).default;

export const { RRule, datetime } = rrule;
export type { Options } from "rrule";
/** An rrule rule (the class's instance type). */
export type RRule = InstanceType<typeof RRule>;
