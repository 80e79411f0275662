/**
 * The little a store must do for the refresh grace window
 * (rotation-grace.ts): JSON values by key, and a create that fails when the
 * key exists, so that one request at a time claims a rotation. Netlify Blobs
 * in production and under `netlify dev` (blobs-grace-store.ts); a Map in
 * function tests.
 */
export interface GraceStore {
  /** The stored value, or null when there is none. */
  read(key: string): Promise<unknown>;
  /** Writes only if there is no value under `key`; true if it wrote. */
  create(key: string, value: unknown): Promise<boolean>;
  write(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** The keys that start with `prefix`. */
  list(prefix: string): Promise<string[]>;
}
