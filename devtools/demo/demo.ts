import { parseArgs } from "node:util";
import { seedSampleAccount } from "../convex-standin/sample-account";
import { startDaybookStack, type DaybookStack } from "../stack/daybook-stack";
import { StackSetupError } from "../stack/setup-error";

// `npm run demo [-- --seed]`, `PORT=9000 npm run demo`
const USAGE = `Usage: npm run demo [-- --seed]
  Runs Daybook's production bundle on this machine with no accounts:
  Netlify's local runtime, the WorkOS emulator and the in-memory Convex stand-in.
  --seed   give each user a few days of sample todos and notes on first sign-in
  PORT     the site's port (default 8888)`;

const DEFAULT_PORT = 8888;

function readPort(): number {
  const raw = process.env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StackSetupError(
      `PORT must be a port number (1-65535), not "${raw}".`,
    );
  }
  return port;
}

function fail(error: unknown): never {
  // Our errors say what to do (which port, which command); a stack trace
  // would bury that. Anything else keeps its stack.
  const message =
    error instanceof StackSetupError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\nThe demo could not start.\n${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    seed: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

let starting: Promise<DaybookStack> | undefined;
let stopping = false;

async function shutDown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the demo…");
  // Ctrl-C during start-up: let the step under way finish, then stop it all.
  const stack = await starting?.catch(() => undefined);
  await stack?.stop().catch((error: unknown) => {
    console.error("Stopping failed:", error);
    code = 1;
  });
  // convex-test may hold a timer for scheduled work due much later; the
  // demo's data dies with it by design.
  process.exit(code);
}

// Ctrl-C usually arrives twice (the terminal signals the whole group, and
// npm/tsx relay it too), so later signals are ignored rather than taken as
// "force quit"; stopping is bounded anyway (children get SIGKILL after a
// grace period).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutDown(0));
}

let stack: DaybookStack;
try {
  const port = readPort();
  starting = startDaybookStack({
    port,
    portHint: `Stop whatever uses it, or choose another port: PORT=${port + 1} npm run demo`,
    seed: values.seed ? seedSampleAccount : undefined,
    log: (line) => console.log(line),
  });
  stack = await starting;
} catch (error) {
  // startDaybookStack has already stopped whatever it had started.
  if (stopping) await new Promise(() => undefined); // shutDown exits
  fail(error);
}
if (stopping) await new Promise(() => undefined);

// If Netlify's runtime dies, the demo is over; leave nothing behind.
void stack.site.child.exited.then(() => {
  if (stopping) return;
  console.error(
    `\nNetlify's local runtime stopped:\n${stack.site.child.output()}`,
  );
  void shutDown(1);
});

console.log(`
Daybook (production bundle, local stand-ins; data lives in memory only):

  ${stack.origin}

Open it, click Sign in and pick a test user or type any email.${values.seed ? "\nEach user starts with a few days of sample todos and notes." : ""}
Press Ctrl-C to stop.`);
