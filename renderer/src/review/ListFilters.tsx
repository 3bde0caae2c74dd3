import { useState, type ChangeEvent } from 'react';
import { parseMoneyInput } from '../format';

/** The list's filters beyond status: words, a date range (the books' local dates) and an amount range. */
export interface ListFilterValues {
  text: string;
  from: string;
  to: string;
  /** Minor units of `currency`; null when the field is empty. */
  minTotal: number | null;
  maxTotal: number | null;
}

export const NO_FILTERS: ListFilterValues = { text: '', from: '', to: '', minTotal: null, maxTotal: null };

/**
 * `currency` is the one amounts are typed in (the company's main one); an amount that is not one
 * (or has too many decimals for it) is marked and left out of the query rather than guessed at.
 */
export function ListFilters({ value, currency, onChange }: { value: ListFilterValues; currency: string; onChange: (next: ListFilterValues) => void }) {
  const [minText, setMinText] = useState('');
  const [maxText, setMaxText] = useState('');
  const min = parseMoneyInput(minText, currency);
  const max = parseMoneyInput(maxText, currency);
  const amount = (key: 'minTotal' | 'maxTotal', setText: (text: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    setText(e.target.value);
    const parsed = parseMoneyInput(e.target.value, currency);
    onChange({ ...value, [key]: Number.isNaN(parsed) ? null : parsed });
  };
  return (
    <div className="filter-bar" role="search">
      <input
        type="search"
        aria-label="Search orders"
        placeholder="Search order number, customer, email or SKU"
        value={value.text}
        onChange={(e) => onChange({ ...value, text: e.target.value })}
      />
      <label>
        From <input type="date" aria-label="From date" value={value.from} max={value.to || undefined} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      </label>
      <label>
        to <input type="date" aria-label="To date" value={value.to} min={value.from || undefined} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </label>
      <label>
        Total {currency}{' '}
        <input className="amount" inputMode="decimal" aria-label="Minimum total" aria-invalid={Number.isNaN(min)} placeholder="min" value={minText} onChange={amount('minTotal', setMinText)} />
      </label>
      <label>
        –{' '}
        <input className="amount" inputMode="decimal" aria-label="Maximum total" aria-invalid={Number.isNaN(max)} placeholder="max" value={maxText} onChange={amount('maxTotal', setMaxText)} />
      </label>
    </div>
  );
}
