/**
 * Writes the installable app's PNG icons (public/icons/*) from
 * public/favicon.svg, so the home-screen icon is the favicon:
 *   npx tsx devtools/pwa-icons/generate.ts
 * Run it again after changing the favicon, and commit the PNGs: the build
 * copies them as they are (manifest.webmanifest names them).
 *
 * - icon-192.png, icon-512.png ("any"): the favicon as drawn, rounded corners
 *   on a transparent ground.
 * - maskable-512.png ("maskable"): the launcher crops it to its own shape
 *   (circle, squircle…), so the ground fills the whole square and the glyph
 *   sits inside the central safe zone (a circle of 40 % of the width).
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { REPO_ROOT } from "../stack/paths";

const PUBLIC_DIR = join(REPO_ROOT, "public");
const ICON_DIR = join(PUBLIC_DIR, "icons");
// Renders the 32-unit favicon crisply at 512 px.
const DENSITY = 72 * 16;

/** The favicon's glyph, scaled to 80 % about the centre, on a full square. */
function maskableSvg(favicon: string) {
  const ground = /<rect[^>]*fill="(#[0-9a-fA-F]{3,8})"/.exec(favicon)?.[1];
  const glyph = /<rect[^>]*\/>(.*)<\/svg>/s.exec(favicon)?.[1];
  if (!ground || !glyph) {
    throw new Error(
      "public/favicon.svg is no longer a <rect> ground followed by the glyph; update devtools/pwa-icons/generate.ts.",
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${ground}"/><g transform="translate(3.2 3.2) scale(0.8)">${glyph}</g></svg>`;
}

async function writePng(svg: string, size: number, name: string) {
  await sharp(Buffer.from(svg), { density: DENSITY })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(join(ICON_DIR, name));
}

const favicon = await readFile(join(PUBLIC_DIR, "favicon.svg"), "utf8");
await mkdir(ICON_DIR, { recursive: true });
await writePng(favicon, 192, "icon-192.png");
await writePng(favicon, 512, "icon-512.png");
await writePng(maskableSvg(favicon), 512, "maskable-512.png");
console.log("Wrote public/icons/icon-192.png, icon-512.png, maskable-512.png");
