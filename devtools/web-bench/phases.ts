/**
 * Where a reload's time goes, read from the DevTools protocol's network
 * events: when the entry script was requested, when the sign-in refresh
 * answered, when the Convex WebSocket opened, when the first queries were
 * sent and when their first results came back. All in ms since the page's
 * own document request, the same origin as the paint probe's readings.
 */
import type { CDPSession } from "playwright-core";

export interface Phases {
  /** The first bundle script (under assets/) requested: the parser reached it. */
  entryScriptRequested?: number;
  /** The start-up sign-in refresh (/user_management/authenticate) sent. */
  signInRequested?: number;
  /** The start-up sign-in refresh answered. */
  signInAnswered?: number;
  /** The Convex WebSocket's handshake answered. */
  socketOpened?: number;
  /** The Authenticate message sent on the socket. */
  tokenSent?: number;
  /** The first ModifyQuerySet (queries subscribed) sent. */
  queriesSent?: number;
  /** The first query result (a Transition with QueryUpdated) received. */
  firstResult?: number;
  /** The day's todos (`todos:listForDay`) subscribed. */
  todosRequested?: number;
  /** The day's todos received. */
  todosReceived?: number;
  /** How many ModifyQuerySet messages were sent before the list painted. */
  querySetMessages?: number;
}

export const PHASE_LABELS: [keyof Phases, string][] = [
  ["entryScriptRequested", "entry script requested"],
  ["signInRequested", "sign-in refresh requested"],
  ["signInAnswered", "sign-in refresh answered"],
  ["socketOpened", "WebSocket opened"],
  ["tokenSent", "token sent on the socket"],
  ["queriesSent", "first queries sent"],
  ["firstResult", "first query result received"],
  ["todosRequested", "today's todos requested"],
  ["todosReceived", "today's todos received"],
  ["querySetMessages", "query-set messages until painted"],
];

/**
 * Gaps between two phases, each taken within one reload and then its median
 * over the runs: steadier on a busy machine than the difference of two
 * medians.
 */
export const PHASE_GAPS: [
  from: keyof Phases,
  to: keyof Phases,
  label: string,
][] = [
  [
    "entryScriptRequested",
    "signInRequested",
    "entry script → refresh requested",
  ],
  ["signInRequested", "signInAnswered", "refresh requested → answered"],
  ["signInAnswered", "tokenSent", "refresh answered → token sent"],
  ["tokenSent", "todosRequested", "token sent → todos requested"],
  ["todosRequested", "todosReceived", "todos requested → received"],
];

/** Records the phases of the tab's latest reload. */
export class PhaseRecorder {
  /** CDP timestamps are seconds on a monotonic clock. */
  private documentRequested: number | undefined;
  private events: { name: keyof Phases; at: number }[] = [];
  private authenticateRequests = new Set<string>();
  private todosQueryIds = new Set<number>();

  constructor(cdp: CDPSession) {
    cdp.on("Network.requestWillBeSent", (event) => {
      if (event.type === "Document" && this.documentRequested === undefined) {
        this.documentRequested = event.timestamp;
      }
      const path = new URL(event.request.url).pathname;
      if (event.type === "Script" && path.includes("/assets/")) {
        this.record("entryScriptRequested", event.timestamp);
      }
      if (path === "/user_management/authenticate") {
        this.authenticateRequests.add(event.requestId);
        this.record("signInRequested", event.timestamp);
      }
    });
    cdp.on("Network.loadingFinished", (event) => {
      if (this.authenticateRequests.has(event.requestId)) {
        this.record("signInAnswered", event.timestamp);
      }
    });
    cdp.on("Network.webSocketHandshakeResponseReceived", (event) => {
      this.record("socketOpened", event.timestamp);
    });
    cdp.on("Network.webSocketFrameSent", (event) => {
      const message = parseMessage(event.response.payloadData);
      if (message?.type === "Authenticate") {
        this.record("tokenSent", event.timestamp);
      }
      if (message?.type === "ModifyQuerySet") {
        const added = (message.modifications ?? []).filter(
          (modification) => modification.type === "Add",
        );
        if (added.length === 0) return;
        this.record("queriesSent", event.timestamp);
        this.events.push({ name: "querySetMessages", at: event.timestamp });
        for (const query of added) {
          if (/^todos(\.js)?:listForDay$/.test(query.udfPath ?? "")) {
            this.todosQueryIds.add(query.queryId!);
            this.record("todosRequested", event.timestamp);
          }
        }
      }
    });
    cdp.on("Network.webSocketFrameReceived", (event) => {
      const message = parseMessage(event.response.payloadData);
      if (message?.type !== "Transition") return;
      const updated = (message.modifications ?? []).filter(
        (modification) => modification.type === "QueryUpdated",
      );
      if (updated.length > 0) this.record("firstResult", event.timestamp);
      if (updated.some((query) => this.todosQueryIds.has(query.queryId!))) {
        this.record("todosReceived", event.timestamp);
      }
    });
  }

  /** Forgets the last reload; call just before the next one. */
  reset() {
    this.documentRequested = undefined;
    this.events = [];
    this.authenticateRequests.clear();
    this.todosQueryIds.clear();
  }

  /** The phases so far, and how many query sets were sent by `paintedMs`. */
  read(paintedMs: number): Phases {
    const start = this.documentRequested;
    if (start === undefined) return {};
    const phases: Phases = {};
    let querySetMessages = 0;
    for (const { name, at } of this.events) {
      const ms = (at - start) * 1000;
      // Late events of the page before the reload.
      if (ms < 0) continue;
      if (name === "querySetMessages") {
        if (ms <= paintedMs) querySetMessages += 1;
      } else if (phases[name] === undefined) {
        phases[name] = ms;
      }
    }
    phases.querySetMessages = querySetMessages;
    return phases;
  }

  private record(name: keyof Phases, timestamp: number) {
    this.events.push({ name, at: timestamp });
  }
}

/** What the phases read of a Convex sync protocol message. */
interface SyncMessage {
  type?: string;
  modifications?: { type?: string; queryId?: number; udfPath?: string }[];
}

function parseMessage(payload: string): SyncMessage | undefined {
  try {
    return JSON.parse(payload) as SyncMessage;
  } catch {
    return undefined;
  }
}
