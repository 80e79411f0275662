/**
 * Compressed sizes of built files, and which of them a first visit loads.
 * Everything is read from a build's output folder: `netlify dev` serves the
 * files uncompressed, so transfer sizes would say nothing about production.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

export type AssetKind = "js" | "css";

/** One built file, named by its URL path (`/assets/index-abc.js`). */
export interface AssetSize {
  path: string;
  kind: AssetKind;
  /** Bytes after gzip at its default level 6: what the budgets judge. */
  gzip: number;
  /** Bytes after brotli at quality 11: informational (Netlify serves brotli). */
  brotli: number;
}

export function assetKind(path: string): AssetKind | undefined {
  if (path.endsWith(".js")) return "js";
  if (path.endsWith(".css")) return "css";
  return undefined;
}

export function measureAsset(outDir: string, path: string): AssetSize {
  const kind = assetKind(path);
  if (!kind) throw new Error(`${path} is neither JavaScript nor CSS.`);
  const bytes = readFileSync(join(outDir, path.replace(/^\//, "")));
  return {
    path,
    kind,
    gzip: gzipSync(bytes).length,
    brotli: brotliCompressSync(bytes).length,
  };
}

/** Reads one attribute of an HTML tag, whatever the attributes' order. */
function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/**
 * The JS and CSS a first visit loads, as the built index.html names them:
 * the module entry, its modulepreloads and the stylesheets. Classic scripts
 * outside assets/ (none today) are not part of the bundle and are left out.
 */
export function firstLoadPaths(outDir: string): string[] {
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const paths: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = attribute(tag, "rel");
    const path = tag.startsWith("<script")
      ? attribute(tag, "type") === "module"
        ? attribute(tag, "src")
        : undefined
      : rel === "modulepreload" || rel === "stylesheet"
        ? attribute(tag, "href")
        : undefined;
    if (path?.startsWith("/assets/") && assetKind(path)) paths.push(path);
  }
  return [...new Set(paths)];
}

/** Every JS and CSS file the build emitted under assets/. */
export function emittedPaths(outDir: string): string[] {
  return readdirSync(join(outDir, "assets"))
    .map((name) => `/assets/${name}`)
    .filter((path) => assetKind(path) !== undefined)
    .sort();
}

export interface Totals {
  gzip: number;
  brotli: number;
}

export function total(assets: AssetSize[], kind?: AssetKind): Totals {
  const counted = assets.filter((asset) => !kind || asset.kind === kind);
  return {
    gzip: counted.reduce((sum, asset) => sum + asset.gzip, 0),
    brotli: counted.reduce((sum, asset) => sum + asset.brotli, 0),
  };
}
