import {
  spawn,
  type ChildProcess,
  type SpawnOptions,
} from "node:child_process";

/** A child started in its own process group, so stopping it stops its children too. */
export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 8_000;
const STOP_GRACE_MS = 5_000;
const running = new Set<ManagedChild>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// If the test process dies without afterAll, leave no orphans behind.
process.once("exit", () => {
  for (const child of running) signalGroup(child.process, "SIGKILL");
});

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: Omit<SpawnOptions, "detached" | "stdio">,
): ManagedChild {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      collect(Buffer.from(`\n${name} failed to start: ${error.message}\n`));
      resolve(null);
    });
  });
  const managed: ManagedChild = {
    name,
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child, "SIGTERM");
        const timer = setTimeout(
          () => signalGroup(child, "SIGKILL"),
          STOP_GRACE_MS,
        );
        await exited;
        clearTimeout(timer);
      }
      // Grandchildren may outlive the group leader; make sure none do.
      signalGroup(child, "SIGKILL");
      running.delete(managed);
    },
  };
  running.add(managed);
  return managed;
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  options: Omit<SpawnOptions, "detached" | "stdio">,
): Promise<void> {
  const child = startChild(name, command, args, options);
  const code = await child.exited;
  await child.stop();
  if (code !== 0) {
    throw new Error(`${name} exited with ${code}:\n${child.output()}`);
  }
}
