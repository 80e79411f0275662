import { lightFormat } from "date-fns";
import { FIRST_DAY, LAST_DAY, parseDay } from "@/lib/dates";
import { useState } from "react";
import { DayPicker } from "react-day-picker";
import "react-day-picker/style.css";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

export type PickDateOptions = {
  title: string;
  /** `YYYY-MM-DD` to start from. */
  initial: string;
  confirmLabel: string;
};

const DAY = "yyyy-MM-dd";
// The calendar offers only the app's range of days.
const FIRST_DATE = parseDay(FIRST_DAY)!;
const LAST_DATE = parseDay(LAST_DAY)!;

/** A calendar in a dialog (loaded on demand: react-day-picker is large). */
export default function DatePickerDialog({
  options,
  onDone,
  returnFocusTo,
}: {
  options: PickDateOptions;
  onDone: (day: string | null) => void;
  returnFocusTo: HTMLElement | null;
}) {
  const [selected, setSelected] = useState<Date | undefined>(() => {
    const initial = parseDay(options.initial) ?? new Date();
    if (initial < FIRST_DATE) return FIRST_DATE;
    return initial > LAST_DATE ? LAST_DATE : initial;
  });
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onDone(null);
      }}
      title={options.title}
      size="sm"
      returnFocusTo={returnFocusTo}
    >
      <div className="daybook-calendar flex justify-center">
        <DayPicker
          mode="single"
          required
          autoFocus
          selected={selected}
          onSelect={setSelected}
          defaultMonth={selected}
          startMonth={FIRST_DATE}
          endMonth={LAST_DATE}
          disabled={[{ before: FIRST_DATE }, { after: LAST_DATE }]}
        />
      </div>
      <div className="flex justify-end gap-2">
        <Button onClick={() => onDone(null)}>Cancel</Button>
        <Button
          variant="primary"
          disabled={!selected}
          onClick={() => selected && onDone(lightFormat(selected, DAY))}
        >
          {options.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
