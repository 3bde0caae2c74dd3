import type { ChangeEvent } from 'react';
import { parseMoneyInput } from '../format';

/**
 * The list's filters beyond status: words, a date range (the books' local dates) and an amount
 * range, kept as typed; the amounts are read in the company's main currency when the list is asked.
 */
export interface ListFilterValues {
  text: string;
  from: string;
  to: string;
  minTotal: string;
  maxTotal: string;
}

export const NO_FILTERS: ListFilterValues = { text: '', from: '', to: '', minTotal: '', maxTotal: '' };

/** An amount that is not one (or has too many decimals for `currency`) is marked, and left out of the query rather than guessed at. */
export function ListFilters({ value, currency, onChange }: { value: ListFilterValues; currency: string; onChange: (next: ListFilterValues) => void }) {
  const set = (key: keyof ListFilterValues) => (e: ChangeEvent<HTMLInputElement>) => onChange({ ...value, [key]: e.target.value });
  return (
    <div className="filter-bar" role="search">
      <input type="search" aria-label="Search orders" placeholder="Search order number, customer, email or SKU" value={value.text} onChange={set('text')} />
      <label>
        From <input type="date" aria-label="From date" value={value.from} max={value.to || undefined} onChange={set('from')} />
      </label>
      <label>
        to <input type="date" aria-label="To date" value={value.to} min={value.from || undefined} onChange={set('to')} />
      </label>
      <label>
        Total {currency}{' '}
        <input className="amount" inputMode="decimal" aria-label="Minimum total" aria-invalid={Number.isNaN(parseMoneyInput(value.minTotal, currency))} placeholder="min" value={value.minTotal} onChange={set('minTotal')} />
      </label>
      <label>
        –{' '}
        <input className="amount" inputMode="decimal" aria-label="Maximum total" aria-invalid={Number.isNaN(parseMoneyInput(value.maxTotal, currency))} placeholder="max" value={value.maxTotal} onChange={set('maxTotal')} />
      </label>
    </div>
  );
}
