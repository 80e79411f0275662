/**
 * `npm run bench:bundle`: builds the app and a bare floor page (React, the
 * Convex client and the AuthKit providers only), and prints the gzipped
 * size of the JavaScript and CSS each one's first page loads: the entry
 * script, its modulepreloads and its stylesheets, as named in index.html.
 * Chunks loaded later (React.lazy / import()) are listed but not counted.
 */
import react from "@vitejs/plugin-react";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const root = resolve(import.meta.dirname, "../..");
const BUDGET_KB = 115;

type Sizes = { js: number; css: number; files: [string, number][] };

const gzipKb = (path: string) => gzipSync(readFileSync(path)).length / 1000;

/** The files a first visit loads, read from the built index.html. */
function firstLoad(outDir: string): Sizes {
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  const sizes: Sizes = { js: 0, css: 0, files: [] };
  for (const ref of new Set(refs)) {
    const kb = gzipKb(join(outDir, ref.replace(/^\//, "")));
    sizes.files.push([ref, kb]);
    if (ref.endsWith(".css")) sizes.css += kb;
    else sizes.js += kb;
  }
  return sizes;
}

function lazyChunks(outDir: string, loaded: Sizes): [string, number][] {
  const first = new Set(loaded.files.map(([ref]) => ref.replace(/^\//, "")));
  return readdirSync(join(outDir, "assets"))
    .map((name) => `assets/${name}`)
    .filter((ref) => ref.endsWith(".js") && !first.has(ref))
    .map((ref): [string, number] => [ref, gzipKb(join(outDir, ref))])
    .sort((a, b) => b[1] - a[1]);
}

const kb = (n: number) => `${n.toFixed(1).padStart(6)} kB`;

function report(title: string, sizes: Sizes) {
  console.log(`\n${title}`);
  for (const [ref, size] of sizes.files) console.log(`  ${kb(size)}  ${ref}`);
  console.log(`  ${kb(sizes.js)}  JavaScript (gzipped)`);
  console.log(`  ${kb(sizes.css)}  CSS (gzipped)`);
}

const floorOut = mkdtempSync(join(tmpdir(), "daybook-floor-"));
try {
  // The app, exactly as `npm run build` builds it.
  await build({ root, logLevel: "warn" });
  const app = firstLoad(join(root, "dist"));

  await build({
    root: join(root, "devtools/bundle-floor"),
    configFile: false,
    plugins: [react()],
    logLevel: "warn",
    build: { outDir: floorOut, emptyOutDir: true },
  });
  const floor = firstLoad(floorOut);

  report("Daybook first load", app);
  report("Floor: React + Convex client + AuthKit providers", floor);
  console.log("\nLoaded on demand (not counted above):");
  for (const [ref, size] of lazyChunks(join(root, "dist"), app)) {
    console.log(`  ${kb(size)}  ${ref}`);
  }
  const over = app.js - floor.js;
  console.log(
    `\nJavaScript: ${app.js.toFixed(1)} kB vs floor ${floor.js.toFixed(1)} kB (+${over.toFixed(1)} kB); budget ${BUDGET_KB} kB: ${app.js <= BUDGET_KB ? "OK" : "OVER"}`,
  );
  if (app.js > BUDGET_KB) process.exitCode = 1;
} finally {
  rmSync(floorOut, { recursive: true, force: true });
}
