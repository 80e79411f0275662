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
 * The development settings present in a production build's environment, as
 * "NAME=value" (values are hosts, ports and URLs, never secrets). Empty
 * values count as unset: that is how a build overrides a developer's
 * .env.local (devtools/stack/build-spa.ts).
 */
export function findDevSettings(
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const found = EMULATOR_SETTINGS.filter((name) => env[name]?.trim()).map(
    (name) => `${name}=${env[name]!.trim()}`,
  );
  // A redirect to this machine (what `npx convex dev` writes to .env.local)
  // sends every visitor of the site back to their own computer.
  const redirectUri = env.VITE_WORKOS_REDIRECT_URI?.trim();
  if (redirectUri && isLoopbackUrl(redirectUri)) {
    found.push(`VITE_WORKOS_REDIRECT_URI=${redirectUri}`);
  }
  return found;
}

export function devSettingsMessage(found: string[]): string {
  return (
    "A production build must not carry development settings, found:\n" +
    found.map((setting) => `  ${setting}\n`).join("") +
    "They point sign-in at a local WorkOS emulator or at this machine (and " +
    "AuthKit's devMode keeps the refresh token in localStorage). Unset them " +
    "for this build, e.g. remove them from .env.local or the Netlify site's " +
    "environment, or set them to an empty value. A production build signs " +
    "in through its own origin and returns to <origin>/callback by itself."
  );
}

/** Fails `vite build` in production mode when development settings are present. */
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
    },
  };
}
