import { createServer } from "node:net";
import { StackSetupError } from "./setup-error";

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
 * Fails early, with `hint` saying how to pick another port, when `port` is
 * taken. Both loopback families are tried because "localhost" may resolve to
 * either, and a server on one of them is enough to break the other's URL.
 */
export async function assertPortFree(port: number, hint: string) {
  for (const host of ["127.0.0.1", "::1"]) {
    if (!(await canListen(port, host))) {
      // ::1 may simply not exist on this machine; only a taken port counts.
      if (host === "::1" && !(await ipv6LoopbackWorks())) continue;
      throw new PortInUseError(port, hint);
    }
  }
}

async function ipv6LoopbackWorks() {
  return canListen(0, "::1");
}
