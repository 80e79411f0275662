import { parseArgs } from "node:util";
import { DEFAULT_EMULATOR_API_KEY, startWorkosEmulator } from "./emulator";

// `npm run emulator [-- --port 8484 --auto-sign-in ada@example.com]`
const { values } = parseArgs({
  options: {
    port: {
      type: "string",
      default: process.env.WORKOS_EMULATOR_PORT ?? "8484",
    },
    "client-id": { type: "string", default: process.env.WORKOS_CLIENT_ID },
    "api-key": { type: "string", default: process.env.WORKOS_API_KEY },
    "auto-sign-in": { type: "string" },
  },
});

const emulator = await startWorkosEmulator({
  port: Number(values.port),
  clientId: values["client-id"],
  apiKey: values["api-key"],
  autoSignIn: values["auto-sign-in"] ?? false,
});

// Never echo a key that came from the environment: it may be a real one.
const apiKeyLine =
  emulator.apiKey === DEFAULT_EMULATOR_API_KEY
    ? `WORKOS_API_KEY=${DEFAULT_EMULATOR_API_KEY}`
    : "WORKOS_API_KEY=(the same value as in this shell)";

console.log(`WorkOS emulator listening on ${emulator.baseUrl}
  client id: ${emulator.clientId}
  issuer:    ${emulator.issuer}

Point the app at it with:
  VITE_WORKOS_CLIENT_ID=${emulator.clientId}
  VITE_WORKOS_API_HOSTNAME=${emulator.hostname}
  VITE_WORKOS_API_PORT=${emulator.port}
  VITE_WORKOS_API_HTTPS=false
  WORKOS_CLIENT_ID=${emulator.clientId}
  WORKOS_API_HOSTNAME=${emulator.hostname}
  WORKOS_API_PORT=${emulator.port}
  WORKOS_API_HTTPS=false
  ${apiKeyLine}
Press Ctrl-C to stop.`);

async function stop() {
  await emulator.close();
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
