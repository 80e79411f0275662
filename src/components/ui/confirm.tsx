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
import type { ConfirmChoice, ConfirmOptions } from "./ConfirmDialog";

export type { ConfirmChoice, ConfirmOptions };

// Loaded the first time something asks for a confirmation.
const ConfirmDialog = lazy(() => import("./ConfirmDialog"));

/** A yes/no question: true only for the confirm button. */
type Confirm = (
  options: Omit<ConfirmOptions, "alternativeLabel">,
) => Promise<boolean>;
/** A question with two answers besides cancel (`alternativeLabel`). */
type Choose = (
  options: ConfirmOptions & { alternativeLabel: string },
) => Promise<ConfirmChoice>;

const ConfirmContext = createContext<
  ((options: ConfirmOptions) => Promise<ConfirmChoice>) | null
>(null);

/**
 * Hosts the one confirmation dialog; `useConfirm()` asks a yes/no
 * question, `useChoose()` one with two answers besides cancel.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<{
    options: ConfirmOptions;
    origin: HTMLElement | null;
  } | null>(null);
  const resolveRef = useRef<((choice: ConfirmChoice) => void) | null>(null);

  const choose = useCallback((options: ConfirmOptions) => {
    resolveRef.current?.("cancel");
    setRequest({ options, origin: focusOrigin() });
    return new Promise<ConfirmChoice>((resolve) => {
      resolveRef.current = resolve;
    });
  }, []);

  const onDone = useCallback((choice: ConfirmChoice) => {
    resolveRef.current?.(choice);
    resolveRef.current = null;
    setRequest(null);
  }, []);

  const value = useMemo(() => choose, [choose]);
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

function useAsk() {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error("Asking needs a <ConfirmProvider>.");
  return ask;
}

export function useChoose(): Choose {
  return useAsk();
}

export function useConfirm(): Confirm {
  const choose = useAsk();
  return useCallback<Confirm>(
    async (options) => (await choose(options)) === "confirm",
    [choose],
  );
}
