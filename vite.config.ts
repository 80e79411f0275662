import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, loadEnv } from "vite";
import { VitePWA, type VitePWAOptions } from "vite-plugin-pwa";
import { contentSecurityPolicy } from "./vite/contentSecurityPolicy.ts";
import { charsetFirst } from "./vite/charsetFirst.ts";
import { earlySignInRefresh } from "./vite/earlySignInRefresh.ts";
import { preloadSignedInApp } from "./vite/preloadSignedInApp.ts";
import { refuseDevSettingsInProduction } from "./vite/refuseDevSettingsInProduction.ts";

/**
 * The service worker that opens Daybook with no network (issue 11): it
 * precaches the app shell (index.html with its inline start-up scripts,
 * every hashed /assets/ file, icons and the manifest) and answers SPA
 * navigations with the cached index.html. Nothing else: no runtime caching, so Convex
 * (its WebSocket and HTTP API), the sign-in functions and anything with a
 * person's data always go to the network. Days kept for offline reading
 * are the local cache's job (src/lib/localCache), never this one's.
 *
 * generateSW, not injectManifest: Workbox's precache and navigation route
 * are all it needs. A deploy changes the precache manifest, so sw.js
 * changes; the new worker installs the new version beside the old one and
 * waits ("prompt"): the open tab keeps its matching index.html and chunks
 * until the person chooses Reload (src/app/pwa). Then it takes over and
 * deletes the old version's files, so no index.html is ever served with
 * chunks that are gone.
 *
 * Registered by the app itself after the first render (src/app/pwa), never
 * by an injected script; no manifest generated (public/manifest.webmanifest,
 * linked from index.html, serves the dev server too). Off in dev.
 */
const offlineAppShell: Partial<VitePWAOptions> = {
  strategies: "generateSW",
  registerType: "prompt",
  injectRegister: false,
  manifest: false,
  filename: "sw.js",
  workbox: {
    globPatterns: ["**/*.{html,js,css,svg,png,webmanifest}"],
    navigateFallback: "index.html",
    // Routes served by functions or proxies, never the SPA: sign-in
    // (/user_management/*), CSP reports, Convex's API path (the e2e stack
    // proxies it on the site's origin) and a missing hashed bundle (a 404,
    // see netlify.toml). A navigation there must reach the network.
    navigateFallbackDenylist: [
      /^\/user_management(\/|$)/,
      /^\/csp-report(\/|$)/,
      /^\/api\//,
      /^\/assets\//,
    ],
    // One file: the page's CSP (require-trusted-types-for) also governs the
    // worker, where importScripts of a separate workbox-*.js is a sink.
    inlineWorkboxRuntime: true,
    cleanupOutdatedCaches: true,
    // The first visit's tab is served by the worker as soon as it is ready,
    // so its lazy chunks still load if the network drops. An update waits
    // for Reload (skipWaiting only on the app's message).
    clientsClaim: true,
    skipWaiting: false,
    // Hashed names are their own revision.
    dontCacheBustURLsMatching: /^assets\//,
  },
  devOptions: { enabled: false },
};

export default defineConfig(({ mode }) => {
  // What the SPA will see: .env files, overridden by the process environment.
  const env = {
    ...loadEnv(mode, process.cwd(), "VITE_"),
    ...process.env,
  } as Record<string, string>;
  return {
    plugins: [
      refuseDevSettingsInProduction(env),
      react(),
      tailwindcss(),
      VitePWA(offlineAppShell),
      preloadSignedInApp({ lazyEntry: "src/app/AppShell.tsx" }),
      // After it, so that its script goes first in <head> (head-prepend).
      earlySignInRefresh({
        clientId: (env.VITE_WORKOS_CLIENT_ID ?? "").trim(),
        // As src/config/env.ts reads it: this origin's /callback by default.
        callbackPath: env.VITE_WORKOS_REDIRECT_URI?.trim()
          ? new URL(env.VITE_WORKOS_REDIRECT_URI.trim()).pathname
          : "/callback",
      }),
      // Then the charset first again, within the bytes browsers look at.
      charsetFirst(),
      // Hashes the inline scripts of index.html as emitted.
      contentSecurityPolicy(env),
    ],
    resolve: {
      // `@/x` is src/x, `@convex/x` is convex/x: tsconfig.json's `paths`.
      tsconfigPaths: true,
      alias: [
        {
          find: /^use-sync-external-store\/shim(\/index\.js)?$/,
          replacement: fileURLToPath(
            new URL("./vite/useSyncExternalStoreFromReact.ts", import.meta.url),
          ),
        },
      ],
    },
    server: { port: 5173, strictPort: true },
    build: {
      // Every browser Daybook supports has <link rel="modulepreload">.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        output: {
          codeSplitting: {
            // React and the generated Convex API are used by the first page
            // and by every lazy chunk. Left to itself, Rolldown splits them
            // into several tiny shared chunks as lazy features are added (each
            // one more request and less compression); one named chunk keeps
            // the first load stable. `npm run bench:bundle` measures it.
            groups: [
              {
                name: "react",
                test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|convex[\\/]_generated[\\/]api|convex[\\/]dist[\\/]esm[\\/]server[\\/](functionName|api|components[\\/]paths)/,
              },
            ],
          },
        },
      },
    },
  };
});
