import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobsServer } from "@netlify/blobs/server";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { blobsGraceStore } from "./blobs-grace-store";

// Netlify Blobs' own local server, connected the way `netlify dev` connects
// v2 functions to its sandbox: a NETLIFY_BLOBS_CONTEXT in the environment.
let directory: string;
let server: BlobsServer;
let blobsContext: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "daybook-blobs-"));
  const token = "local-blobs-token";
  server = new BlobsServer({ directory, token });
  const { port } = await server.start();
  const url = `http://localhost:${port}`;
  blobsContext = Buffer.from(
    JSON.stringify({
      deployID: "0",
      edgeURL: url,
      uncachedEdgeURL: url,
      primaryRegion: "dev",
      siteID: "site-under-test",
      token,
    }),
  ).toString("base64");
});

afterAll(async () => {
  await server.stop();
  await rm(directory, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("blobsGraceStore", () => {
  it("reads, creates only once, writes, lists and removes JSON values", async () => {
    vi.stubEnv("NETLIFY_BLOBS_CONTEXT", blobsContext);
    const store = blobsGraceStore();
    expect(await store.read("rotations/a")).toBeNull();

    expect(await store.create("rotations/a", { state: "rotating" })).toBe(true);
    expect(await store.create("rotations/a", { state: "other" })).toBe(false);
    expect(await store.read("rotations/a")).toEqual({ state: "rotating" });

    await store.write("rotations/a", { state: "rotated" });
    await store.write("expiry/1/a", {});
    expect(await store.read("rotations/a")).toEqual({ state: "rotated" });
    expect(await store.list("rotations/")).toEqual(["rotations/a"]);

    await store.remove("rotations/a");
    expect(await store.read("rotations/a")).toBeNull();
    expect(await store.list("rotations/")).toEqual([]);
  });

  it("fails its operations, not its creation, without a Blobs connection", async () => {
    vi.stubEnv("NETLIFY_BLOBS_CONTEXT", "");
    const store = blobsGraceStore();
    await expect(store.read("rotations/a")).rejects.toThrow();
  });
});
