import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { focusOrigin } from "./focus";
import type { ConfirmOptions } from "./ConfirmDialog";

export type { ConfirmOptions };

// Loaded the first time something asks for a confirmation.
const ConfirmDialog = lazy(() => import("./ConfirmDialog"));

type Confirm = (options: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

/** Hosts the one confirmation dialog; `useConfirm()` asks a question. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<{
    options: ConfirmOptions;
    origin: HTMLElement | null;
  } | null>(null);
  const resolveRef = useRef<((confirmed: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>((options) => {
    resolveRef.current?.(false);
    setRequest({ options, origin: focusOrigin() });
    return new Promise<boolean>((resolve) => {
      resolveRef.current = resolve;
    });
  }, []);

  const onDone = useCallback((confirmed: boolean) => {
    resolveRef.current?.(confirmed);
    resolveRef.current = null;
    setRequest(null);
  }, []);

  const value = useMemo(() => confirm, [confirm]);
  return (
    <ConfirmContext.Provider value={value}>
      {children}
      {request ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            options={request.options}
            onDone={onDone}
            returnFocusTo={request.origin}
          />
        </Suspense>
      ) : null}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error("useConfirm needs a <ConfirmProvider>.");
  return confirm;
}
