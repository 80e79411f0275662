import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { focusOrigin } from "./focus";
import type { PickDateOptions } from "./DatePickerDialog";

export type { PickDateOptions };

// The calendar loads the first time someone picks a date.
const DatePickerDialog = lazy(() => import("./DatePickerDialog"));

type PickDate = (options: PickDateOptions) => Promise<string | null>;

const PickDateContext = createContext<PickDate | null>(null);

/** Hosts the one date-picker dialog; `usePickDate()` asks for a day. */
export function PickDateProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<{
    options: PickDateOptions;
    origin: HTMLElement | null;
  } | null>(null);
  const resolveRef = useRef<((day: string | null) => void) | null>(null);

  const pickDate = useCallback<PickDate>((options) => {
    resolveRef.current?.(null);
    setRequest({ options, origin: focusOrigin() });
    return new Promise((resolve) => {
      resolveRef.current = resolve;
    });
  }, []);

  const onDone = useCallback((day: string | null) => {
    resolveRef.current?.(day);
    resolveRef.current = null;
    setRequest(null);
  }, []);

  return (
    <PickDateContext.Provider value={pickDate}>
      {children}
      {request ? (
        <Suspense fallback={null}>
          <DatePickerDialog
            options={request.options}
            onDone={onDone}
            returnFocusTo={request.origin}
          />
        </Suspense>
      ) : null}
    </PickDateContext.Provider>
  );
}

export function usePickDate(): PickDate {
  const pickDate = useContext(PickDateContext);
  if (!pickDate) throw new Error("usePickDate needs a <PickDateProvider>.");
  return pickDate;
}
