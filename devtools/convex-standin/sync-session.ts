import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import { AsyncLock } from "./async-lock";
import type { FunctionOutcome, FunctionRunner } from "./function-runner";
import { argsWithJournal, journalAfterRun } from "./pagination-journal";
import {
  TokenRejected,
  type TokenVerifier,
  type VerifiedIdentity,
} from "./token-verifier";
import {
  encodeServerMessage,
  type AddQuery,
  type ClientMessage,
  type FunctionRequest,
  type QueryJournal,
  type ServerMessage,
  type StateModification,
  type StateVersion,
} from "./wire-protocol";

/** What every session shares: the backend and the one commit order. */
export interface SyncContext {
  runner: FunctionRunner;
  verifyToken: TokenVerifier;
  /** Serialises commits and the query re-runs that publish them. */
  commitLock: AsyncLock;
  currentTs(): bigint;
  /** Call under `commitLock`: gives the next commit its timestamp. */
  advanceTs(): bigint;
  /** Call under `commitLock`: pushes changed results to every session. */
  publishToAll(ts: bigint): Promise<void>;
  /** Called after any commit, so scheduled follow-up work gets published. */
  onCommitted(): void;
  mutationDelayMs(): number;
  /** Runs before a subject's first successful sign-in (demo seeding). */
  beforeFirstSignIn(verified: VerifiedIdentity): Promise<void>;
}

export interface SessionSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

type Subscription = {
  udfPath: string;
  args: JSONValue;
  journal: QueryJournal;
  /** The last modification sent, to send only what changed. */
  lastSent?: string;
  /**
   * The commit timestamp and identity version it last ran at. As Convex,
   * a query set change runs only the queries added: the others' results
   * stand until a commit or a new identity.
   */
  ranAt?: { ts: bigint; identityVersion: number };
};

class ProtocolViolation extends Error {}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One WebSocket connection: the client's query set and identity, and the
 * state version last sent, which each Transition must start from exactly.
 */
export class SyncSession {
  private readonly inbox = new AsyncLock();
  private readonly mutations = new AsyncLock();
  private readonly subscriptions = new Map<number, Subscription>();
  private removedQueryIds: number[] = [];
  private querySetVersion = 0;
  private identityVersion = 0;
  private verified: VerifiedIdentity | null = null;
  private sentVersion: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  /** After an AuthError nothing runs until the client authenticates again. */
  private awaitingAuth = false;
  private closed = false;

  constructor(
    private readonly socket: SessionSocket,
    private readonly context: SyncContext,
  ) {}

  receive(text: string) {
    void this.inbox.run(async () => {
      if (this.closed) return;
      try {
        await this.handle(JSON.parse(text) as ClientMessage);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** Marks the connection gone; queued work for it is dropped. */
  detach() {
    this.closed = true;
  }

  /** Call under the commit lock. */
  async pushUpdates(ts: bigint): Promise<void> {
    if (this.closed || this.awaitingAuth) return;
    if (this.identityHasExpired()) return;
    const modifications: StateModification[] = this.removedQueryIds.map(
      (queryId) => ({ type: "QueryRemoved" as const, queryId }),
    );
    this.removedQueryIds = [];
    for (const [queryId, subscription] of this.subscriptions) {
      const ranAt = subscription.ranAt;
      if (ranAt?.ts === ts && ranAt.identityVersion === this.identityVersion) {
        continue;
      }
      subscription.ranAt = { ts, identityVersion: this.identityVersion };
      const modification = await this.runSubscription(queryId, subscription);
      const fingerprint = JSON.stringify(modification);
      if (fingerprint !== subscription.lastSent) {
        subscription.lastSent = fingerprint;
        modifications.push(modification);
      }
    }
    const endVersion: StateVersion = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts,
    };
    const start = this.sentVersion;
    const unchanged =
      start.querySet === endVersion.querySet &&
      start.identity === endVersion.identity &&
      start.ts === endVersion.ts;
    if (unchanged && modifications.length === 0) return;
    this.send({
      type: "Transition",
      startVersion: start,
      endVersion,
      modifications,
    });
    this.sentVersion = endVersion;
  }

  private async handle(message: ClientMessage) {
    switch (message.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        if (message.baseVersion !== this.querySetVersion) {
          throw new ProtocolViolation(
            `Query set base version ${message.baseVersion} does not match ${this.querySetVersion}.`,
          );
        }
        for (const modification of message.modifications) {
          if (modification.type === "Add") this.addQuery(modification);
          else this.removeQuery(modification.queryId);
        }
        this.querySetVersion = message.newVersion;
        await this.publishOwnState();
        return;
      case "Authenticate":
        await this.authenticate(message);
        return;
      case "Mutation":
      case "Action":
        if (message.componentPath) {
          throw new ProtocolViolation("The stand-in does not run components.");
        }
        if (message.type === "Mutation") this.enqueueMutation(message);
        else void this.runAction(message);
        return;
      default:
        throw new ProtocolViolation(
          `Unknown message type ${JSON.stringify((message as { type?: unknown }).type)}.`,
        );
    }
  }

  private addQuery(add: AddQuery) {
    if (add.componentPath) {
      throw new ProtocolViolation("The stand-in does not run components.");
    }
    this.subscriptions.set(add.queryId, {
      udfPath: add.udfPath,
      args: add.args[0] ?? {},
      journal: add.journal ?? null,
    });
  }

  private removeQuery(queryId: number) {
    if (this.subscriptions.delete(queryId)) this.removedQueryIds.push(queryId);
  }

  private async publishOwnState() {
    await this.context.commitLock.run(() =>
      this.pushUpdates(this.context.currentTs()),
    );
  }

  private async authenticate(
    message: Extract<ClientMessage, { type: "Authenticate" }>,
  ) {
    if (message.baseVersion !== this.identityVersion) {
      throw new ProtocolViolation(
        `Identity base version ${message.baseVersion} does not match ${this.identityVersion}.`,
      );
    }
    let verified: VerifiedIdentity | null = null;
    if (message.tokenType === "User") {
      try {
        verified = await this.context.verifyToken(message.value ?? "");
        await this.context.beforeFirstSignIn(verified);
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        this.rejectAuth(error.message, message.baseVersion, true);
        return;
      }
    } else if (message.tokenType === "Admin") {
      this.rejectAuth(
        "The stand-in does not accept admin keys.",
        message.baseVersion,
        true,
      );
      return;
    }
    this.verified = verified;
    this.identityVersion = message.baseVersion + 1;
    this.awaitingAuth = false;
    // The identity bump in this Transition is how the client learns the
    // token was accepted.
    await this.publishOwnState();
  }

  private rejectAuth(
    error: string,
    baseVersion: number,
    authUpdateAttempted: boolean,
  ) {
    this.verified = null;
    this.awaitingAuth = true;
    this.send({ type: "AuthError", error, baseVersion, authUpdateAttempted });
  }

  /** Convex re-checks expiry whenever it runs something for the session. */
  private identityHasExpired(): boolean {
    if (!this.verified || this.verified.expiresAt > Date.now() / 1000) {
      return false;
    }
    this.rejectAuth("Token expired.", this.identityVersion, false);
    return true;
  }

  private get identity(): UserIdentity | null {
    return this.verified?.identity ?? null;
  }

  private async runSubscription(
    queryId: number,
    subscription: Subscription,
  ): Promise<StateModification> {
    const outcome = await this.context.runner.run(
      "query",
      this.identity,
      subscription.udfPath,
      argsWithJournal(subscription.args, subscription.journal),
    );
    if (!outcome.success) {
      return {
        type: "QueryFailed",
        queryId,
        errorMessage: outcome.errorMessage,
        logLines: [],
        ...(outcome.errorData !== undefined && {
          errorData: outcome.errorData,
        }),
        journal: subscription.journal,
      };
    }
    subscription.journal = journalAfterRun(
      subscription.args,
      subscription.journal,
      outcome.value,
    );
    return {
      type: "QueryUpdated",
      queryId,
      value: outcome.value,
      logLines: [],
      journal: subscription.journal,
    };
  }

  /**
   * Mutations run in the order sent, as the identity current when each
   * arrived, after the configured delay; other messages are not held up.
   */
  private enqueueMutation(message: FunctionRequest) {
    const verifiedAtArrival = this.verified;
    void this.mutations.run(async () => {
      const delay = this.context.mutationDelayMs();
      if (delay > 0) await sleep(delay);
      await this.context.commitLock.run(async () => {
        if (this.closed || this.awaitingAuth) return;
        // Dropped unanswered: the client re-sends it after re-authenticating.
        if (this.identityHasExpired()) return;
        const outcome = await this.context.runner.run(
          "mutation",
          verifiedAtArrival?.identity ?? null,
          message.udfPath,
          message.args[0] ?? {},
        );
        if (!outcome.success) {
          this.send(failureResponse("MutationResponse", message, outcome));
          return;
        }
        const ts = this.context.advanceTs();
        this.send({
          type: "MutationResponse",
          requestId: message.requestId,
          success: true,
          result: outcome.value,
          ts,
          logLines: [],
        });
        // The client resolves the mutation only once a Transition reaches ts.
        await this.context.publishToAll(ts);
      });
      this.context.onCommitted();
    });
  }

  private async runAction(message: FunctionRequest) {
    const outcome = await this.context.runner.run(
      "action",
      this.identity,
      message.udfPath,
      message.args[0] ?? {},
    );
    this.send(
      outcome.success
        ? {
            type: "ActionResponse",
            requestId: message.requestId,
            success: true,
            result: outcome.value,
            logLines: [],
          }
        : failureResponse("ActionResponse", message, outcome),
    );
    // An action commits through the mutations it runs.
    await this.context.commitLock.run(() =>
      this.context.publishToAll(this.context.advanceTs()),
    );
    this.context.onCommitted();
  }

  private fail(error: unknown) {
    const reason =
      error instanceof ProtocolViolation || error instanceof SyntaxError
        ? error.message
        : "Internal stand-in error.";
    if (!(error instanceof ProtocolViolation)) {
      console.error("[convex-standin] session failed:", error);
    }
    this.send({ type: "FatalError", error: reason });
    this.closed = true;
    this.socket.close(1011, "FatalError");
  }

  private send(message: ServerMessage) {
    if (!this.closed) this.socket.send(encodeServerMessage(message));
  }

  sendPing() {
    this.send({ type: "Ping" });
  }
}

function failureResponse(
  type: "MutationResponse" | "ActionResponse",
  message: { requestId: number },
  outcome: Extract<FunctionOutcome, { success: false }>,
): ServerMessage {
  return {
    type,
    requestId: message.requestId,
    success: false,
    result: outcome.errorMessage,
    logLines: [],
    ...(outcome.errorData !== undefined && { errorData: outcome.errorData }),
  };
}
