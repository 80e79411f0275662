import { useEffect, useSyncExternalStore } from "react";
import type { Theme } from "@/lib/theme";
import { loadedSonner } from "@/lib/lazySonner";

/**
 * Where toasts appear: sonner's region, mounted once the first toast has
 * loaded the library (lib/lazySonner), which then shows the toasts asked for.
 */
export function Toaster({ theme }: { theme: Theme }) {
  const sonner = useSyncExternalStore(loadedSonner.subscribe, loadedSonner.get);
  // After sonner's own effects: its region is in the page and subscribed.
  useEffect(() => {
    if (sonner) loadedSonner.regionMounted();
  }, [sonner]);
  if (!sonner) return null;
  return <sonner.Toaster theme={theme} position="bottom-center" closeButton />;
}
