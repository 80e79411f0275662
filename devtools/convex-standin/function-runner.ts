import { convexTest } from "convex-test";
import {
  makeFunctionReference,
  type FunctionReference,
  type SchemaDefinition,
  type UserIdentity,
} from "convex/server";
import {
  convexToJson,
  jsonToConvex,
  type JSONValue,
  type Value,
} from "convex/values";
import { loadConvexModules, type ConvexModules } from "./convex-modules";

export type FunctionKind = "query" | "mutation" | "action";

/** What a function call produced, already in wire (JSON) form. */
export type FunctionOutcome =
  | { success: true; value: JSONValue }
  | { success: false; errorMessage: string; errorData?: JSONValue };

/** A pending or running `_scheduled_functions` row. */
export type UnfinishedJob = { scheduledTime: number };

type RegisteredFunction = {
  isPublic?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
};

let nextRequestNumber = 0;

/** The same split Convex makes: module path and export name. */
function splitUdfPath(udfPath: string) {
  const separator = udfPath.lastIndexOf(":");
  const modulePath = separator === -1 ? udfPath : udfPath.slice(0, separator);
  const exportName =
    separator === -1 ? "default" : udfPath.slice(separator + 1);
  return { modulePath: modulePath.replace(/\.js$/, ""), exportName };
}

function kindOf(fn: RegisteredFunction): FunctionKind | undefined {
  if (fn.isQuery) return "query";
  if (fn.isMutation) return "mutation";
  if (fn.isAction) return "action";
  return undefined;
}

const CONVEX_ERROR = Symbol.for("ConvexError");

function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && CONVEX_ERROR in error;
}

/**
 * Turns a thrown error into what Convex sends: a ConvexError keeps its data
 * (so `error.data.code` works in the app); anything else becomes the opaque
 * "Server Error" of a production deployment, with the details logged here.
 */
function failure(
  kind: FunctionKind,
  udfPath: string,
  error: unknown,
): FunctionOutcome {
  const requestId = `standin-${++nextRequestNumber}`;
  if (isConvexError(error)) {
    return {
      success: false,
      errorMessage: `[Request ID: ${requestId}] Server Error\nUncaught ConvexError: ${error.message}`,
      errorData: convexToJson(error.data),
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  console.error(
    `[convex-standin] ${kind} ${udfPath} failed (${requestId}): ${detail}`,
  );
  return {
    success: false,
    errorMessage: `[Request ID: ${requestId}] Server Error`,
  };
}

/**
 * Runs the project's real convex/ functions in one in-memory convex-test
 * backend for the whole process, as the caller's identity.
 */
export async function createFunctionRunner(convexDirectory: string) {
  const modules: ConvexModules = loadConvexModules(convexDirectory);
  const schemaModule = modules["./schema.ts"] ?? modules["./schema.js"];
  const schema = schemaModule
    ? ((await schemaModule()) as { default: SchemaDefinition<never, boolean> })
        .default
    : undefined;
  // Per-transaction limits on, so a demo fails where a deployment would.
  const backend = convexTest({ schema, modules, transactionLimits: true });
  const modulesByPath = new Map(
    Object.entries(modules).map(([key, load]) => [
      key.replace(/^\.\//, "").replace(/\.[^.]+$/, ""),
      load,
    ]),
  );

  /** Clients may only call public functions, and only as their declared kind. */
  async function checkCallable(kind: FunctionKind, udfPath: string) {
    const { modulePath, exportName } = splitUdfPath(udfPath);
    const load = modulesByPath.get(modulePath);
    const module = load ? ((await load()) as Record<string, unknown>) : {};
    const fn = module[exportName] as RegisteredFunction | undefined;
    if (!fn || !fn.isPublic || kindOf(fn) === undefined) {
      throw new Error(`Could not find public function for '${udfPath}'.`);
    }
    if (kindOf(fn) !== kind) {
      throw new Error(
        `Trying to execute ${udfPath} as a ${kind}, but it is defined as a ${kindOf(fn)}.`,
      );
    }
  }

  function caller(identity: UserIdentity | null) {
    return identity ? backend.withIdentity(identity) : backend;
  }

  async function run(
    kind: FunctionKind,
    identity: UserIdentity | null,
    udfPath: string,
    args: JSONValue,
  ): Promise<FunctionOutcome> {
    try {
      await checkCallable(kind, udfPath);
      const decodedArgs = jsonToConvex(args) as Record<string, Value>;
      const as = caller(identity);
      let value: Value;
      if (kind === "query") {
        const ref = makeFunctionReference<"query">(udfPath);
        value = await as.query(ref as FunctionReference<"query">, decodedArgs);
      } else if (kind === "mutation") {
        const ref = makeFunctionReference<"mutation">(udfPath);
        value = await as.mutation(ref, decodedArgs);
      } else {
        const ref = makeFunctionReference<"action">(udfPath);
        value = await as.action(ref, decodedArgs);
      }
      return { success: true, value: convexToJson(value ?? null) };
    } catch (error) {
      return failure(kind, udfPath, error);
    }
  }

  /**
   * Runs a function as the deployment itself does (crons): internal ones
   * included, with no identity. Returns its result in wire form.
   */
  async function runAsDeployment(
    udfPath: string,
    args: JSONValue,
  ): Promise<JSONValue> {
    const { modulePath, exportName } = splitUdfPath(udfPath);
    const load = modulesByPath.get(modulePath);
    const module = load ? ((await load()) as Record<string, unknown>) : {};
    const fn = module[exportName] as RegisteredFunction | undefined;
    const kind = fn ? kindOf(fn) : undefined;
    const decodedArgs = jsonToConvex(args) as Record<string, Value>;
    let value: Value;
    if (kind === "mutation") {
      const ref = makeFunctionReference<"mutation", never>(udfPath);
      value = await backend.mutation(ref, decodedArgs as never);
    } else if (kind === "action") {
      const ref = makeFunctionReference<"action", never>(udfPath);
      value = await backend.action(ref, decodedArgs as never);
    } else {
      throw new Error(`Could not find mutation or action '${udfPath}'.`);
    }
    return convexToJson(value ?? null);
  }

  return {
    run,
    runAsDeployment,
    modules,

    /** Jobs the scheduler has not finished, so their results are still to come. */
    async unfinishedScheduledJobs(): Promise<UnfinishedJob[]> {
      const jobs = await backend.run(async (ctx) =>
        ctx.db.system.query("_scheduled_functions").collect(),
      );
      return jobs
        .filter(
          (job) =>
            job.state.kind === "pending" || job.state.kind === "inProgress",
        )
        .map((job) => ({ scheduledTime: job.scheduledTime }));
    },

    finishRunningScheduledFunctions(): Promise<void> {
      return backend.finishInProgressScheduledFunctions();
    },
  };
}

export type FunctionRunner = Awaited<ReturnType<typeof createFunctionRunner>>;
