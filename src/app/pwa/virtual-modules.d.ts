// `virtual:pwa-register`, the module vite-plugin-pwa serves (vite.config.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
