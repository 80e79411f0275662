import { randomInt } from "node:crypto";
import { createServer } from "node:net";
import { StackSetupError } from "./setup-error";

// Ports the operating system never hands out by itself: below the usual
// ephemeral ranges (Linux 32768-60999, macOS and Windows 49152-65535).
// A port picked from the ephemeral range can be taken by any outgoing
// connection or `listen(0)` on the machine (a browser, another test run,
// Netlify's own helpers) in the time between choosing it and netlify dev
// binding it, which includes a whole `vite build`.
const QUIET_PORTS = { first: 20_000, last: 32_000 };
const ATTEMPTS = 50;

/**
 * A TCP port that was free on both loopback families a moment ago, chosen at
 * random from ports the OS does not assign to others on its own, so that it
 * stays free while a slow start-up gets round to binding it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = randomInt(QUIET_PORTS.first, QUIET_PORTS.last + 1);
    if (await isPortFree(port)) return port;
  }
  throw new StackSetupError(
    `No free port found between ${QUIET_PORTS.first} and ${QUIET_PORTS.last}.`,
  );
}

/** Thrown when a port someone asked for is already taken. */
export class PortInUseError extends StackSetupError {
  constructor(
    readonly port: number,
    hint: string,
  ) {
    super(`Port ${port} is already in use. ${hint}`);
  }
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

/**
 * Whether nothing listens on `port`. Both loopback families are tried
 * because "localhost" may resolve to either, and a server on one of them is
 * enough to break the other's URL.
 */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ["127.0.0.1", "::1"]) {
    if (!(await canListen(port, host))) {
      // ::1 may simply not exist on this machine; only a taken port counts.
      if (host === "::1" && !(await ipv6LoopbackWorks())) continue;
      return false;
    }
  }
  return true;
}

/** Fails early, with `hint` saying how to pick another port, when `port` is taken. */
export async function assertPortFree(port: number, hint: string) {
  if (!(await isPortFree(port))) throw new PortInUseError(port, hint);
}

async function ipv6LoopbackWorks() {
  return canListen(0, "::1");
}
