/**
 * The production site as a browser sees it, in one small Node server:
 * - the built SPA, brotli- or gzip-compressed (as Netlify's CDN serves it),
 *   with netlify.toml's cache rule (immutable `/assets/*`, a missing asset a
 *   404 rather than index.html) and the SPA fallback;
 * - the floor page's build under `/floor/`, served the same way;
 * - `/user_management/*`: the real sign-in functions from netlify/functions,
 *   called in-process with Web Requests (no `netlify dev`, whose per-call
 *   overhead would dwarf what we measure);
 * - `/api/*`: the Convex stand-in (HTTP and the sync WebSocket), so the
 *   build's Convex URL is the site's own origin, as in devtools/stack.
 *
 * - the build's own `_headers` (its Content-Security-Policy, written by
 *   vite/contentSecurityPolicy.ts) on each of its files, as Netlify applies
 *   it: a policy header, unlike a <meta> one, lets the preload scanner run.
 *
 * Not reproduced: netlify.toml's other security headers; they change no
 * timing worth measuring here.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { connect, type AddressInfo } from "node:net";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** A Netlify v2 function as the sign-in functions export it. */
export type SiteFunction = (request: Request) => Promise<Response>;

export interface SiteServerOptions {
  appDir: string;
  floorDir: string;
  /** Path (e.g. `/user_management/authenticate`) to its function. */
  functions: Record<string, SiteFunction>;
  standinUrl: string;
}

export interface SiteServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

const FLOOR_PREFIX = "/floor/";
const IMMUTABLE = "public, max-age=31536000, immutable";
// Netlify's default for everything else: cache, but revalidate every time.
const REVALIDATE = "public, max-age=0, must-revalidate";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".txt"]);

interface StaticFile {
  body: Buffer;
  brotli?: Buffer;
  gzip?: Buffer;
  etag: string;
}

/** Built files never change while the server runs: read and compress once. */
class StaticFiles {
  private readonly files = new Map<string, Promise<StaticFile | undefined>>();

  get(path: string): Promise<StaticFile | undefined> {
    let file = this.files.get(path);
    if (!file) {
      file = this.load(path);
      this.files.set(path, file);
    }
    return file;
  }

  private async load(path: string): Promise<StaticFile | undefined> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const body = await readFile(path);
    const etag = `"${info.size.toString(16)}-${info.mtimeMs.toString(16)}"`;
    if (!COMPRESSIBLE.has(extname(path))) return { body, etag };
    return {
      body,
      etag,
      brotli: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }),
      gzip: gzipSync(body, { level: 9 }),
    };
  }
}

/** The file a URL path names inside `root`, or undefined if it escapes. */
function fileIn(root: string, urlPath: string) {
  const relative = normalize(decodeURIComponent(urlPath)).replace(
    /^(\.\.[/\\])+/,
    "",
  );
  const path = join(root, relative);
  return path.startsWith(root) ? path : undefined;
}

/**
 * The `/*` rules of a build's Netlify `_headers` file (the only path the
 * build writes rules for), or none if it has no such file.
 */
async function headersFileOf(root: string): Promise<Record<string, string>> {
  const text = await readFile(join(root, "_headers"), "utf8").catch(() => "");
  const headers: Record<string, string> = {};
  let inAllPaths = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      inAllPaths = line.trim() === "/*";
      continue;
    }
    const colon = line.indexOf(":");
    if (inAllPaths && colon > 0) {
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return headers;
}

function sendStatic(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  file: StaticFile,
  cacheControl: string,
  siteHeaders: Record<string, string>,
) {
  const headers: Record<string, string> = {
    ...siteHeaders,
    "Content-Type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
    "Cache-Control": cacheControl,
    ETag: file.etag,
    Vary: "Accept-Encoding",
  };
  if (request.headers["if-none-match"] === file.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const accepted = String(request.headers["accept-encoding"] ?? "");
  let body = file.body;
  if (file.brotli && /\bbr\b/.test(accepted)) {
    body = file.brotli;
    headers["Content-Encoding"] = "br";
  } else if (file.gzip && /\bgzip\b/.test(accepted)) {
    body = file.gzip;
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

async function serveBuild(
  request: IncomingMessage,
  response: ServerResponse,
  files: StaticFiles,
  root: string,
  urlPath: string,
) {
  const siteHeaders = await headersFileOf(root);
  const path = fileIn(root, urlPath);
  // Netlify reads `_headers` and never serves it.
  const file =
    path &&
    !urlPath.endsWith("/") &&
    urlPath !== "/_headers" &&
    (await files.get(path));
  if (path && file) {
    const immutable = urlPath.startsWith("/assets/");
    sendStatic(
      request,
      response,
      path,
      file,
      immutable ? IMMUTABLE : REVALIDATE,
      siteHeaders,
    );
    return;
  }
  if (urlPath.startsWith("/assets/")) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    return;
  }
  const indexPath = join(root, "index.html");
  const index = await files.get(indexPath);
  if (!index) throw new Error(`No index.html in ${root}`);
  sendStatic(request, response, indexPath, index, REVALIDATE, siteHeaders);
}

async function callFunction(
  fn: SiteFunction,
  origin: string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      headers.append(name, item);
    }
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const answer = await fn(
    new Request(new URL(request.url ?? "/", origin), {
      method: request.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    }),
  );
  const outgoing: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") outgoing[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) outgoing["set-cookie"] = cookies;
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, outgoing).end(body);
}

function proxyHttp(
  target: URL,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const upstream = httpRequest(
    {
      hostname: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: target.host },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.destroy());
  request.pipe(upstream);
}

export async function startSiteServer(
  options: SiteServerOptions,
): Promise<SiteServer> {
  const files = new StaticFiles();
  const standin = new URL(options.standinUrl);
  let origin = "";

  const server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://site").pathname;
    const fn = options.functions[urlPath];
    const handled = fn
      ? callFunction(fn, origin, request, response)
      : urlPath.startsWith("/api/")
        ? Promise.resolve(proxyHttp(standin, request, response))
        : urlPath.startsWith(FLOOR_PREFIX)
          ? serveBuild(
              request,
              response,
              files,
              options.floorDir,
              urlPath.slice(FLOOR_PREFIX.length - 1),
            )
          : serveBuild(request, response, files, options.appDir, urlPath);
    handled.catch((error: unknown) => {
      console.error(`site server: ${urlPath}:`, error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  // The sync WebSocket: a raw byte pipe to the stand-in after replaying the
  // upgrade request, so the handshake is the stand-in's own.
  server.on("upgrade", (request: IncomingMessage, socket, head: Buffer) => {
    if (!request.url?.startsWith("/api/")) {
      socket.destroy();
      return;
    }
    const upstream = connect(Number(standin.port), standin.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        const name = request.rawHeaders[i]!;
        const value =
          name.toLowerCase() === "host"
            ? standin.host
            : request.rawHeaders[i + 1]!;
        lines.push(`${name}: ${value}`);
      }
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Every interface, so "localhost" works whether it resolves to ::1 or 127.0.0.1.
    server.listen(0, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://localhost:${port}`;
  return {
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
