import { parseArgs } from "node:util";
import { DEFAULT_EMULATOR_API_KEY } from "../workos-emulator/emulator";
import { seedSampleAccount } from "./sample-account";
import { startConvexStandin } from "./standin";

// `npm run standin -- --workos-api-base-url http://127.0.0.1:8484 [--port 3210] [--seed]`
const { values } = parseArgs({
  options: {
    port: {
      type: "string",
      default: process.env.CONVEX_STANDIN_PORT ?? "3210",
    },
    "workos-api-base-url": {
      type: "string",
      default: process.env.WORKOS_API_BASE_URL ?? "http://127.0.0.1:8484",
    },
    "workos-client-id": {
      type: "string",
      default: process.env.WORKOS_CLIENT_ID ?? "client_emulator",
    },
    // The emulator's key by default, so profiles are fetched as in production.
    "workos-api-key": {
      type: "string",
      default: process.env.WORKOS_API_KEY ?? DEFAULT_EMULATOR_API_KEY,
    },
    "mutation-delay-ms": { type: "string", default: "0" },
    seed: { type: "boolean", default: false },
  },
});

const standin = await startConvexStandin({
  port: Number(values.port),
  workosApiBaseUrl: values["workos-api-base-url"],
  workosClientId: values["workos-client-id"],
  workosApiKey: values["workos-api-key"],
  mutationDelayMs: Number(values["mutation-delay-ms"]),
  seed: values.seed ? seedSampleAccount : undefined,
});

console.log(`Convex stand-in (in memory; test and demo tool) on ${standin.url}
  trusts tokens from: ${values["workos-api-base-url"]} (client ${values["workos-client-id"]})
  sample data:        ${values.seed ? "each user's first sign-in" : "none"}

Point the app at it with:
  VITE_CONVEX_URL=${standin.url}
Press Ctrl-C to stop. Data is lost when it stops.`);

async function stop() {
  await standin.close();
  // convex-test may hold a timer for a job due much later; nothing to keep.
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
