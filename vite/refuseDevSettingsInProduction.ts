import type { Plugin } from "vite";

/**
 * Settings that point AuthKit at the local WorkOS emulator. A page with them
 * runs AuthKit in devMode, which keeps the refresh token in localStorage,
 * readable by any script on the page.
 */
const EMULATOR_SETTINGS = [
  "VITE_WORKOS_API_HOSTNAME",
  "VITE_WORKOS_API_PORT",
  "VITE_WORKOS_API_HTTPS",
];

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/**
 * The emulator settings present in a build's environment, as "NAME=value"
 * (values are hosts and ports, never secrets). Empty values count as unset:
 * that is how a build overrides a developer's .env.local
 * (devtools/stack/build-spa.ts).
 */
export function findDevSettings(
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return EMULATOR_SETTINGS.filter((name) => env[name]?.trim()).map(
    (name) => `${name}=${env[name]!.trim()}`,
  );
}

/**
 * A sign-in redirect to this machine, which `npx convex dev` writes to
 * .env.local for development. Only a warning: local production builds of a
 * dev setup have it, and Netlify never reads .env.local.
 */
export function findLoopbackRedirect(
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const redirectUri = env.VITE_WORKOS_REDIRECT_URI?.trim();
  return redirectUri && isLoopbackUrl(redirectUri) ? redirectUri : null;
}

export function devSettingsMessage(found: string[]): string {
  return (
    "A production build must not carry development settings, found:\n" +
    found.map((setting) => `  ${setting}\n`).join("") +
    "They point sign-in at a local WorkOS emulator and turn AuthKit's devMode " +
    "on, which keeps the refresh token in localStorage. Unset them for this " +
    "build (remove them from .env.local or the Netlify site's environment, " +
    "or set them to an empty value): a production build signs in through " +
    "its own origin."
  );
}

/**
 * Fails `vite build` in production mode when the WorkOS emulator settings
 * are present, and warns about a sign-in redirect to this machine.
 */
export function refuseDevSettingsInProduction(
  env: Readonly<Record<string, string | undefined>>,
): Plugin {
  return {
    name: "daybook:refuse-dev-settings-in-production",
    apply: "build",
    configResolved(config) {
      if (!config.isProduction) return;
      const found = findDevSettings(env);
      if (found.length > 0) throw new Error(devSettingsMessage(found));
      const redirect = findLoopbackRedirect(env);
      if (redirect) {
        config.logger.warn(
          `VITE_WORKOS_REDIRECT_URI=${redirect} points at this machine: a site ` +
            "built with it sends every visitor back to their own computer after " +
            "sign-in. Leave it unset for a deploy; the app uses <origin>/callback.",
        );
      }
    },
  };
}
