import { useState } from "react";

import { InputField } from "@/components/ui";
import { lastDays, rangeProblems, type DateRange } from "@/lib/date-range";

import { PRESET_DAYS, presetOf } from "../utils/range";

// The period: three presets as toggle buttons, or any From/To in the hotel's calendar. A typed range is applied
// as soon as it makes sense; until then the last good one stays on screen.

interface RangePickerProps {
  range: DateRange;
  today: string;
  onChange: (range: DateRange) => void;
}

export function RangePicker({ range, today, onChange }: RangePickerProps) {
  const [draft, setDraft] = useState(range);
  const [shown, setShown] = useState(range);
  if (shown.from !== range.from || shown.to !== range.to) {
    // The range changed from outside (a preset, the address bar): show it in the fields.
    setShown(range);
    setDraft(range);
  }
  const problems = rangeProblems(draft);
  const preset = presetOf(range, today);

  const edit = (next: DateRange) => {
    setDraft(next);
    if (Object.keys(rangeProblems(next)).length === 0) onChange(next);
  };

  return (
    <fieldset className="range-picker">
      <legend>Period</legend>
      <div className="range-presets" role="group" aria-label="Quick periods">
        {PRESET_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            className={`button button-small ${preset === days ? "button-primary" : "button-secondary"}`}
            aria-pressed={preset === days}
            onClick={() => onChange(lastDays(days, today))}
          >
            Last {days} days
          </button>
        ))}
      </div>
      <div className="range-custom">
        <InputField label="From" type="date" value={draft.from} max={today} error={problems.from} onChange={(e) => edit({ ...draft, from: e.target.value })} />
        <InputField label="To" type="date" value={draft.to} max={today} error={problems.to} onChange={(e) => edit({ ...draft, to: e.target.value })} />
      </div>
    </fieldset>
  );
}
