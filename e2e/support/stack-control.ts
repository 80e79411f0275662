import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConvexStandin } from "../../devtools/convex-standin/standin";

/**
 * The shared stack runs in Vitest's main process (globalSetup) while tests
 * run in workers, so the one knob tests turn at run time — the stand-in's
 * mutation delay — is reachable over a loopback HTTP endpoint.
 */
export async function startStackControl(standin: ConvexStandin) {
  const server = createServer((request, response) => {
    const match = /^\/mutation-delay-ms\/(\d+)$/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404).end();
      return;
    }
    standin.setMutationDelayMs(Number(match[1]));
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** From a test: holds every later mutation on the stand-in back by `ms`. */
export async function setMutationDelayMs(controlUrl: string, ms: number) {
  const response = await fetch(`${controlUrl}/mutation-delay-ms/${ms}`, {
    method: "POST",
  });
  if (response.status !== 204) {
    throw new Error(`Setting the mutation delay failed: ${response.status}`);
  }
}
