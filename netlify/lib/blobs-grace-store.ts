import { getStore, type Store } from "@netlify/blobs";
import type { GraceStore } from "./grace-store";

/** Site-wide, so a rotation made by one deploy is found by the next. */
const STORE_NAME = "session-rotations";

/**
 * The grace store on Netlify Blobs. Netlify hands v2 functions (and
 * `netlify dev` its local sandbox) the connection through the environment,
 * per invocation, so the store is opened per request, and only when used:
 * a missing connection then fails the store's operations, which the grace
 * window survives, not the request. Strong consistency: a repeat a moment
 * later, on another instance, must see the rotation.
 */
export function blobsGraceStore(): GraceStore {
  let store: Store | undefined;
  const open = () =>
    (store ??= getStore({ name: STORE_NAME, consistency: "strong" }));
  return {
    read: async (key) => (await open().get(key, { type: "json" })) as unknown,
    async create(key, value) {
      const { modified } = await open().setJSON(key, value, {
        onlyIfNew: true,
      });
      return modified;
    },
    async write(key, value) {
      await open().setJSON(key, value);
    },
    remove: async (key) => open().delete(key),
    async list(prefix) {
      const { blobs } = await open().list({ prefix });
      return blobs.map((blob) => blob.key);
    },
  };
}
