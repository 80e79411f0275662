import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  HeldMutation,
  MutationGate,
} from "../../devtools/stack/mutation-gate";

/**
 * The shared stack runs in Vitest's main process (globalSetup) while tests
 * run in workers, so the one thing tests turn at run time — the mutation
 * gate in front of the stand-in — is reachable over a loopback HTTP endpoint:
 *
 *   POST /mutations/hold      hold every later mutation at the gate
 *   POST /mutations/release   let the held ones through, stop holding
 *   GET  /mutations/held      what is waiting, as JSON
 */
export async function startStackControl(gate: MutationGate) {
  const routes: Record<string, (response: ServerResponse) => void> = {
    "POST /mutations/hold": (response) => {
      gate.hold();
      response.writeHead(204).end();
    },
    "POST /mutations/release": (response) => {
      gate.release();
      response.writeHead(204).end();
    },
    "GET /mutations/held": (response) => {
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(gate.held()));
    },
  };
  const server = createServer((request, response) => {
    const route = routes[`${request.method} ${request.url}`];
    if (route) route(response);
    else response.writeHead(404).end();
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

async function post(controlUrl: string, path: string) {
  const response = await fetch(`${controlUrl}${path}`, { method: "POST" });
  if (response.status !== 204) {
    throw new Error(`POST ${path} failed: ${response.status}`);
  }
}

/** From a test: hold every later mutation at the gate, unrun, until released. */
export function holdMutations(controlUrl: string) {
  return post(controlUrl, "/mutations/hold");
}

/** From a test: let the held mutations reach the stand-in, in order. */
export function releaseMutations(controlUrl: string) {
  return post(controlUrl, "/mutations/release");
}

/** From a test: the mutations waiting at the gate now. */
export async function heldMutations(
  controlUrl: string,
): Promise<HeldMutation[]> {
  const response = await fetch(`${controlUrl}/mutations/held`);
  if (!response.ok) {
    throw new Error(`GET /mutations/held failed: ${response.status}`);
  }
  return (await response.json()) as HeldMutation[];
}
