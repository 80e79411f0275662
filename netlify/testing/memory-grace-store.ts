import type { GraceStore } from "../lib/grace-store";

/**
 * The grace store in memory, holding JSON text as Netlify Blobs does, so
 * tests can look at exactly what would be stored.
 */
export class MemoryGraceStore implements GraceStore {
  readonly entries = new Map<string, string>();
  #readWatchers: Array<{
    matches: (key: string, value: unknown) => boolean;
    resolve: () => void;
  }> = [];

  async read(key: string) {
    const text = this.entries.get(key);
    const value: unknown = text === undefined ? null : JSON.parse(text);
    this.#readWatchers = this.#readWatchers.filter((watcher) => {
      if (!watcher.matches(key, value)) return true;
      watcher.resolve();
      return false;
    });
    return value;
  }

  async create(key: string, value: unknown) {
    if (this.entries.has(key)) return false;
    this.entries.set(key, JSON.stringify(value));
    return true;
  }

  async write(key: string, value: unknown) {
    this.entries.set(key, JSON.stringify(value));
  }

  async remove(key: string) {
    this.entries.delete(key);
  }

  async list(prefix: string) {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix));
  }

  /** Resolves at the next read whose key and value match. */
  nextRead(matches: (key: string, value: unknown) => boolean) {
    return new Promise<void>((resolve) =>
      this.#readWatchers.push({ matches, resolve }),
    );
  }
}
