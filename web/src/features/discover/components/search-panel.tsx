import { useId, useRef, useState } from "react";

import { Button, InputField, SelectField } from "@/components/ui";

import { useDebouncedDraft } from "../hooks/use-debounced-draft";
import {
  countActiveFilters,
  effectiveSort,
  EMPTY_FILTERS,
  MIN_DISCOUNT_CHOICES,
  sortChoices,
  toSort,
  type DiscoverFilters,
} from "../utils/filters";

import "./discover.css";

// The search box (searches as you type) and the filters. On a phone the filters fold behind a button.

interface SearchPanelProps {
  filters: DiscoverFilters;
  onChange: (patch: Partial<DiscoverFilters>) => void;
}

export function SearchPanel({ filters, onChange }: SearchPanelProps) {
  const searchId = useId();
  const filtersId = useId();
  const [open, setOpen] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const q = useDebouncedDraft(filters.q, (next) => onChange({ q: next }));
  const city = useDebouncedDraft(filters.city, (next) => onChange({ city: next }));
  const hotel = useDebouncedDraft(filters.hotel, (next) => onChange({ hotel: next }));
  const active = countActiveFilters(filters);
  const discounts: number[] = [...MIN_DISCOUNT_CHOICES];
  if (filters.minDiscount !== null && !discounts.includes(filters.minDiscount)) discounts.push(filters.minDiscount);

  return (
    <form
      role="search"
      className="panel discover-search"
      onSubmit={(event) => {
        event.preventDefault();
        q.flush();
        city.flush();
        hotel.flush();
      }}
    >
      <div className="field discover-q">
        <label htmlFor={searchId}>Search coupons</label>
        <div className="discover-q-row">
          <input
            id={searchId}
            ref={searchBox}
            type="search"
            value={q.draft}
            onChange={(event) => q.setDraft(event.target.value)}
            placeholder="Spa, breakfast, Porto…"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="button button-primary discover-q-submit">
            Search
          </button>
        </div>
      </div>

      <button
        type="button"
        className="button button-secondary button-small discover-filters-toggle"
        aria-expanded={open}
        aria-controls={filtersId}
        onClick={() => setOpen((was) => !was)}
      >
        Filters
        {active > 0 && (
          <span className="discover-filter-count">
            {active}
            <span className="visually-hidden"> active</span>
          </span>
        )}
      </button>

      <div id={filtersId} className={`discover-filters ${open ? "is-open" : ""}`}>
        <InputField label="City" value={city.draft} onChange={(event) => city.setDraft(event.target.value)} autoComplete="address-level2" />
        <InputField label="Hotel" value={hotel.draft} onChange={(event) => hotel.setDraft(event.target.value)} autoComplete="off" />
        <SelectField
          label="Minimum discount"
          value={filters.minDiscount === null ? "" : String(filters.minDiscount)}
          onChange={(event) => onChange({ minDiscount: event.target.value === "" ? null : Number(event.target.value) })}
        >
          <option value="">Any discount</option>
          {discounts.map((percent) => (
            <option key={percent} value={percent}>
              {percent}% or more
            </option>
          ))}
        </SelectField>
        <InputField label="Valid on" type="date" value={filters.validOn} onChange={(event) => onChange({ validOn: event.target.value })} />
        <SelectField
          label="Sort"
          value={effectiveSort(filters)}
          onChange={(event) => onChange({ sort: toSort(event.target.value) })}
        >
          {sortChoices(filters.q.trim() !== "").map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectField>
        {active > 0 && (
          <div className="discover-clear">
            <Button
              variant="ghost"
              className="button-small"
              onClick={() => {
                onChange({ ...EMPTY_FILTERS, q: filters.q, sort: filters.sort });
                searchBox.current?.focus(); // this button goes away with the filters
              }}
            >
              Clear filters
            </Button>
          </div>
        )}
      </div>
    </form>
  );
}
