import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { assertPortFree, freePort, isPortFree, PortInUseError } from "./ports";

describe("freePort", () => {
  it("picks a free port below the ephemeral ranges, where no outgoing connection lands", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_768);
    expect(await isPortFree(port)).toBe(true);
  });
});

describe("assertPortFree", () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) =>
      blocker ? blocker.close(() => resolve()) : resolve(),
    );
    blocker = undefined;
  });

  it("passes for a free port", async () => {
    await expect(assertPortFree(await freePort(), "hint")).resolves.toBe(
      undefined,
    );
  });

  it("names the taken port and how to choose another", async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker!.listen(port, "127.0.0.1", () => resolve()),
    );
    const failure = assertPortFree(port, "Try PORT=9000 npm run demo");
    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(
      `Port ${port} is already in use. Try PORT=9000 npm run demo`,
    );
  });
});
