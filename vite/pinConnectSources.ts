import type { Plugin } from "vite";

/**
 * Narrows where the built page may connect to: its own origin, this build's
 * Convex deployment (https and wss) and, when set, an explicit AuthKit API
 * host. netlify.toml's header allows any *.convex.cloud because it cannot
 * know the deployment; a <meta> policy is enforced in addition to the
 * header, so the page gets the intersection: exactly this deployment.
 */
export function pinConnectSources(env: Record<string, string>): Plugin {
  return {
    name: "daybook:pin-connect-sources",
    apply: "build",
    transformIndexHtml() {
      const sources = ["'self'"];
      const convex = env.VITE_CONVEX_URL;
      if (convex) {
        const url = new URL(convex);
        const socket = url.protocol === "https:" ? "wss:" : "ws:";
        sources.push(url.origin, `${socket}//${url.host}`);
      }
      const authHost = env.VITE_WORKOS_API_HOSTNAME;
      if (authHost) {
        const https = env.VITE_WORKOS_API_HTTPS !== "false";
        const port = env.VITE_WORKOS_API_PORT;
        sources.push(
          `${https ? "https" : "http"}://${authHost}${port ? `:${port}` : ""}`,
        );
      }
      return [
        {
          tag: "meta",
          attrs: {
            "http-equiv": "Content-Security-Policy",
            content: `connect-src ${sources.join(" ")}`,
          },
          injectTo: "head-prepend",
        },
      ];
    },
  };
}
