/**
 * Stands in for `use-sync-external-store/shim` in the build (vite.config.ts
 * aliases it here). The shim is for React before 18: on React 18 and later
 * it hands back React's own hook, so shipping it only adds its code (and a
 * CommonJS wrapper) to the first load. wouter imports it.
 */
export { useSyncExternalStore } from "react";
