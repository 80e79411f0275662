/**
 * The JSON messages of the Convex browser sync protocol as the pinned client
 * sends and expects them (node_modules/convex/src/browser/sync/protocol.ts,
 * which the package does not export). Timestamps travel as base64 of a
 * little-endian u64.
 */
import type { JSONValue } from "convex/values";

export type QueryJournal = string | null;

export type AddQuery = {
  type: "Add";
  queryId: number;
  udfPath: string;
  args: JSONValue[];
  journal?: QueryJournal;
  componentPath?: string;
};

export type RemoveQuery = { type: "Remove"; queryId: number };

export type ClientMessage =
  | {
      type: "Connect";
      sessionId: string;
      connectionCount: number;
      lastCloseReason: string | null;
      maxObservedTimestamp?: string;
      clientTs?: number;
    }
  | {
      type: "Authenticate";
      tokenType: "User" | "Admin" | "None";
      value?: string;
      baseVersion: number;
    }
  | {
      type: "ModifyQuerySet";
      baseVersion: number;
      newVersion: number;
      modifications: (AddQuery | RemoveQuery)[];
    }
  | FunctionRequest
  | { type: "Event"; eventType: string; event: unknown };

export type FunctionRequest = {
  type: "Mutation" | "Action";
  requestId: number;
  udfPath: string;
  args: JSONValue[];
  componentPath?: string;
};

export type StateVersion = { querySet: number; identity: number; ts: bigint };

export type StateModification =
  | {
      type: "QueryUpdated";
      queryId: number;
      value: JSONValue;
      logLines: string[];
      journal: QueryJournal;
    }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      logLines: string[];
      errorData?: JSONValue;
      journal: QueryJournal;
    }
  | { type: "QueryRemoved"; queryId: number };

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: StateVersion;
      endVersion: StateVersion;
      modifications: StateModification[];
    }
  | {
      type: "MutationResponse";
      requestId: number;
      success: true;
      result: JSONValue;
      ts: bigint;
      logLines: string[];
    }
  | {
      type: "MutationResponse" | "ActionResponse";
      requestId: number;
      success: false;
      result: string;
      logLines: string[];
      errorData?: JSONValue;
    }
  | {
      type: "ActionResponse";
      requestId: number;
      success: true;
      result: JSONValue;
      logLines: string[];
    }
  | {
      type: "AuthError";
      error: string;
      baseVersion: number;
      authUpdateAttempted: boolean;
    }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

/** u64 → base64 of its 8 little-endian bytes (the client's `longToU64`). */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

/** The exact JSON text the client parses: bigint timestamps encoded. */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    typeof value === "bigint" ? encodeTs(value) : value,
  );
}

/**
 * A strictly increasing commit timestamp in nanoseconds, like Convex's:
 * each commit gets one, and a new connection starts at the latest.
 */
export class CommitClock {
  private latest = BigInt(Date.now()) * 1_000_000n;

  get current(): bigint {
    return this.latest;
  }

  advance(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.latest = now > this.latest ? now : this.latest + 1n;
    return this.latest;
  }
}
