import { lightFormat } from "date-fns";
import { FIRST_DAY, LAST_DAY, parseDay, todayString } from "@/lib/dates";
import { useState } from "react";
import { DayPicker, DateLib, type Modifiers } from "react-day-picker";
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

/**
 * A day button's name, e.g. "Today, Monday, November 30, 2026, selected":
 * the plain number it shows ("30", not "30th") is a word of its name, so a
 * person using speech input can say what they see.
 */
function labelDayButton(
  date: Date,
  modifiers: Modifiers,
  _options?: unknown,
  dateLib?: DateLib,
) {
  const name = (dateLib ?? new DateLib()).format(date, "EEEE, MMMM d, yyyy");
  return `${modifiers.today ? "Today, " : ""}${name}${modifiers.selected ? ", selected" : ""}`;
}

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
  // The person's today (their chosen time zone's), not the device's.
  const [today] = useState(() => parseDay(todayString()) ?? new Date());
  const [selected, setSelected] = useState<Date | undefined>(() => {
    const initial = parseDay(options.initial) ?? today;
    if (initial < FIRST_DATE) return FIRST_DATE;
    return initial > LAST_DATE ? LAST_DATE : initial;
  });
  const choose = (day: Date) => onDone(lightFormat(day, DAY));
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
          today={today}
          selected={selected}
          onSelect={setSelected}
          defaultMonth={selected}
          startMonth={FIRST_DATE}
          endMonth={LAST_DATE}
          disabled={[{ before: FIRST_DATE }, { after: LAST_DATE }]}
          labels={{ labelDayButton }}
          // Enter chooses the day (Space, or a click, only selects it).
          onDayKeyDown={(day, modifiers, event) => {
            if (event.key !== "Enter" || modifiers.disabled) return;
            event.preventDefault();
            choose(day);
          }}
        />
      </div>
      <div className="flex justify-end gap-2">
        <Button onClick={() => onDone(null)}>Cancel</Button>
        <Button
          variant="primary"
          disabled={!selected}
          onClick={() => selected && choose(selected)}
        >
          {options.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
