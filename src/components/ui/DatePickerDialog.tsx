import { lightFormat } from "date-fns";
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
    const [y, m, d] = options.initial.split("-").map(Number);
    return y && m && d ? new Date(y, m - 1, d) : new Date();
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
