import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";
import { contentSecurityPolicy } from "./vite/contentSecurityPolicy.ts";
import { preloadSignedInApp } from "./vite/preloadSignedInApp.ts";
import { refuseDevSettingsInProduction } from "./vite/refuseDevSettingsInProduction.ts";

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
      preloadSignedInApp({ lazyEntry: "src/app/AppShell.tsx" }),
      // Last: it hashes the inline scripts of the finished page.
      contentSecurityPolicy(env),
    ],
    // `@/x` is src/x, `@convex/x` is convex/x: tsconfig.json's `paths`.
    resolve: { tsconfigPaths: true },
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
