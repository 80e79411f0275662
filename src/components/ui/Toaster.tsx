import { lazy, Suspense } from "react";
import type { Theme } from "@/lib/theme";
import { loadSonner } from "@/lib/toast";

const SonnerToaster = lazy(() =>
  loadSonner().then((m) => ({ default: m.Toaster })),
);

/** Where toasts appear (sonner, loaded after the first paint). */
export function Toaster({ theme }: { theme: Theme }) {
  return (
    <Suspense fallback={null}>
      <SonnerToaster theme={theme} position="bottom-center" closeButton />
    </Suspense>
  );
}
