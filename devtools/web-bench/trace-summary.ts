/**
 * Where one traced interaction's main-thread time went (bench:web
 * `--profile`): from a Chrome trace (devtools.timeline events and V8's
 * sampling profiler), the renderer main thread's self time by kind of work
 * (script, style recalculation, layout, paint…), and script self time by
 * function. Figures only.
 */

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  tts?: number;
  args?: Record<string, unknown> & {
    name?: string;
    data?: Record<string, unknown>;
    beginData?: Record<string, unknown>;
    elementCount?: number;
  };
  id?: string;
};

type ProfileNode = {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  parent?: number;
};

export interface TraceSummary {
  /** Renderer main thread: busy (wall) time, and its CPU time. */
  busyMs: number;
  cpuMs: number;
  /** CPU time by kind of work (self, ms). */
  byKind: [kind: string, ms: number][];
  /** Script self time by function (sampled, ms). */
  byFunction: [fn: string, ms: number][];
  /** Script total time (itself and what it called) by function. */
  byFunctionTotal: [fn: string, ms: number][];
  /** Script self time by where it comes from (react-dom, dnd-kit, app…). */
  bySource: [source: string, ms: number][];
  /** Style recalculations: how many, and elements restyled in all. */
  styleRecalcs: { count: number; elements: number };
  /** Layouts: how many, and the objects they laid out in all. */
  layouts: { count: number; dirtyObjects: number; totalObjects: number };
}

/** Timeline events that are a kind of work of their own. */
const KINDS: Record<string, string> = {
  EventDispatch: "script (event handlers)",
  FunctionCall: "script",
  TimerFire: "script",
  FireAnimationFrame: "script",
  FireIdleCallback: "script",
  RunMicrotasks: "script",
  "v8.run": "script",
  "V8.Execute": "script",
  EvaluateScript: "script",
  ParseHTML: "parse HTML",
  UpdateLayoutTree: "style recalc",
  RecalculateStyles: "style recalc",
  Layout: "layout",
  "IntersectionObserverController::computeIntersections":
    "intersection observers",
  PrePaint: "pre-paint",
  Paint: "paint",
  PaintImage: "paint",
  Layerize: "layerize",
  UpdateLayer: "layerize",
  Commit: "commit",
  MinorGC: "GC",
  MajorGC: "GC",
  "V8.GC_SCAVENGER": "GC",
  "V8.GCScavenger": "GC",
  "BlinkGC.AtomicPhase": "GC",
  HitTest: "hit test",
  ScheduleStyleRecalculation: "style recalc",
  "Document::updateStyleAndLayoutTree": "style recalc",
  "LocalFrameView::UpdateAllLifecyclePhases": "other rendering",
  "ProxyMain::BeginMainFrame": "other rendering",
};

function mainThread(events: TraceEvent[]) {
  const names = events.filter(
    (event) =>
      event.ph === "M" &&
      event.name === "thread_name" &&
      event.args?.name === "CrRendererMain",
  );
  // The busiest renderer main thread is the traced tab's.
  let best: { pid: number; tid: number } | undefined;
  let bestBusy = -1;
  for (const { pid, tid } of names) {
    const busy = events
      .filter(
        (event) =>
          event.pid === pid && event.tid === tid && event.name === "RunTask",
      )
      .reduce((sum, event) => sum + (event.dur ?? 0), 0);
    if (busy > bestBusy) {
      bestBusy = busy;
      best = { pid, tid };
    }
  }
  if (!best) throw new Error("No renderer main thread in the trace.");
  return best;
}

/** Complete (X) spans of one thread, B/E pairs folded in. */
function spans(events: TraceEvent[]) {
  const out: {
    name: string;
    start: number;
    end: number;
    /** Thread (CPU) time, µs: what the busy machine's descheduling leaves out. */
    cpu: number;
    ev: TraceEvent;
  }[] = [];
  const open: TraceEvent[] = [];
  for (const event of events) {
    if (event.ph === "X" && event.dur !== undefined) {
      out.push({
        name: event.name,
        start: event.ts,
        end: event.ts + event.dur,
        cpu: event.tdur ?? event.dur,
        ev: event,
      });
    } else if (event.ph === "B") {
      open.push(event);
    } else if (event.ph === "E") {
      for (let i = open.length - 1; i >= 0; i -= 1) {
        if (open[i]!.name === event.name) {
          const begin = open.splice(i, 1)[0]!;
          out.push({
            name: begin.name,
            start: begin.ts,
            end: event.ts,
            cpu:
              begin.tts !== undefined && event.tts !== undefined
                ? event.tts - begin.tts
                : event.ts - begin.ts,
            ev: { ...begin, args: { ...begin.args, ...event.args } },
          });
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function sourceOf(url: string, fn: string) {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)" || fn === "(idle)" || fn === "(root)") return fn;
  if (url === "") return "native / other";
  const match = /\/assets\/([^/]+?)(?:-[\w-]{8})?\.js/.exec(url);
  return match ? `chunk ${match[1]}` : url.replace(/^https?:\/\/[^/]+/, "");
}

function cpuProfile(
  events: TraceEvent[],
  pid: number,
  from: number,
  to: number,
) {
  const nodes = new Map<number, ProfileNode>();
  const samples: number[] = [];
  const deltas: number[] = [];
  let start: number | undefined;
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.name === "Profile") {
      start ??= Number(
        (event.args?.data as { startTime?: number } | undefined)?.startTime,
      );
    }
    if (event.name !== "ProfileChunk") continue;
    const data = event.args?.data as
      | {
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
          timeDeltas?: number[];
        }
      | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    samples.push(...(data?.cpuProfile?.samples ?? []));
    deltas.push(...(data?.timeDeltas ?? []));
  }
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  const selfBySource = new Map<string, number>();
  // A sample's time is the gap to the next one.
  // Each sample counts as one sampling interval: on a busy machine a
  // descheduled thread's next sample covers the time it did not run.
  const interval =
    [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length / 2)] ?? 0;
  let at = start ?? 0;
  for (let i = 0; i < samples.length - 1; i += 1) {
    at += deltas[i] ?? 0;
    if (at < from || at >= to) continue;
    const node = nodes.get(samples[i]!);
    if (!node) continue;
    const { functionName, lineNumber } = node.callFrame;
    const url = node.callFrame.url ?? "";
    if (functionName === "(idle)" || functionName === "(program)") continue;
    const ms = interval / 1000;
    const file = url.split("/").pop() ?? "";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + ms);
    // Total (inclusive) time: once per function on the sample's stack.
    const onStack = new Set<string>();
    for (let up: ProfileNode | undefined = node; up;) {
      const frame = up.callFrame;
      const name = frame.functionName || "(anonymous)";
      const upFile = (frame.url ?? "").split("/").pop() ?? "";
      onStack.add(`${name} ${upFile}:${frame.lineNumber + 1}`);
      up = up.parent === undefined ? undefined : nodes.get(up.parent);
    }
    for (const name of onStack) {
      totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + ms);
    }
    const source = sourceOf(url, functionName);
    selfBySource.set(source, (selfBySource.get(source) ?? 0) + ms);
  }
  return { selfByFunction, selfBySource, totalByFunction };
}

const top = (map: Map<string, number>, n: number): [string, number][] =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);

const INPUTS = new Set(["keydown", "pointerdown", "mousedown", "click"]);

/**
 * Only what ran from the interaction's input event for `windowMs` (its
 * wall-clock time): tracing's own start-up and the bench's page calls
 * around it are left out.
 */
export function summariseTrace(
  trace: { traceEvents: TraceEvent[] },
  windowMs: number,
): TraceSummary {
  const events = trace.traceEvents;
  const { pid, tid } = mainThread(events);
  const all = spans(events.filter((e) => e.pid === pid && e.tid === tid));
  const input = all.find(
    (span) =>
      span.name === "EventDispatch" &&
      INPUTS.has(String(span.ev.args?.data?.type)),
  );
  if (!input) throw new Error("No input event in the trace.");
  const task = all.find(
    (span) =>
      span.name === "RunTask" &&
      span.start <= input.start &&
      span.end >= input.end,
  );
  const from = task?.start ?? input.start;
  const to = input.start + windowMs * 1000;
  const mine = all.filter((span) => span.start >= from && span.start < to);
  // Self time per kind: each span's time minus that of the spans nested
  // in it that are a kind of their own.
  const byKind = new Map<string, number>();
  const stack: { end: number; kind: string | undefined }[] = [];
  let busy = 0;
  let cpu = 0;
  let styleRecalcs = 0;
  let restyled = 0;
  let layouts = 0;
  let dirtyObjects = 0;
  let totalObjects = 0;
  const add = (kind: string, us: number) =>
    byKind.set(kind, (byKind.get(kind) ?? 0) + us / 1000);
  for (const span of mine) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= span.start) {
      stack.pop();
    }
    const duration = span.cpu;
    if (span.name === "RunTask" && stack.length === 0) {
      busy += span.end - span.start;
      cpu += duration;
      add("other (task)", duration);
    }
    if (span.name === "UpdateLayoutTree") {
      styleRecalcs += 1;
      restyled += Number(span.ev.args?.elementCount ?? 0);
    }
    if (span.name === "Layout") {
      layouts += 1;
      dirtyObjects += Number(span.ev.args?.beginData?.dirtyObjects ?? 0);
      totalObjects += Number(span.ev.args?.beginData?.totalObjects ?? 0);
    }
    const kind = KINDS[span.name];
    if (kind !== undefined && stack.length > 0) {
      // Take this span's time from the nearest enclosing span with a kind.
      const parent = [...stack].reverse().find((entry) => entry.kind);
      add(parent?.kind ?? "other (task)", -duration);
      add(kind, duration);
    }
    stack.push({
      end: span.end,
      kind: kind ?? (span.name === "RunTask" ? "other (task)" : undefined),
    });
  }
  const { selfByFunction, selfBySource, totalByFunction } = cpuProfile(
    events,
    pid,
    from,
    to,
  );
  return {
    busyMs: busy / 1000,
    cpuMs: cpu / 1000,
    byKind: top(byKind, 20).filter(([, ms]) => ms >= 0.05),
    byFunction: top(selfByFunction, 30),
    byFunctionTotal: top(totalByFunction, 120),
    bySource: top(selfBySource, 15),
    styleRecalcs: { count: styleRecalcs, elements: restyled },
    layouts: { count: layouts, dirtyObjects, totalObjects },
  };
}

export function printTraceSummary(title: string, summary: TraceSummary) {
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  console.log(
    `\n${title}: main thread busy ${summary.busyMs.toFixed(1)} ms, CPU ${summary.cpuMs.toFixed(1)} ms`,
  );
  console.log(
    `  style recalcs: ${summary.styleRecalcs.count}, ${summary.styleRecalcs.elements} elements; layouts: ${summary.layouts.count}, ${summary.layouts.dirtyObjects} dirty of ${summary.layouts.totalObjects} objects`,
  );
  console.log("  by kind of work (CPU, self):");
  for (const [kind, value] of summary.byKind) {
    console.log(`    ${ms(value)}  ${kind}`);
  }
  console.log("  script by source (self, sampled):");
  for (const [source, value] of summary.bySource) {
    console.log(`    ${ms(value)}  ${source}`);
  }
  console.log("  script by function (total, sampled):");
  for (const [fn, value] of summary.byFunctionTotal) {
    console.log(`    ${ms(value)}  ${fn}`);
  }
  console.log("  script by function (self, sampled):");
  for (const [fn, value] of summary.byFunction) {
    console.log(`    ${ms(value)}  ${fn}`);
  }
}
