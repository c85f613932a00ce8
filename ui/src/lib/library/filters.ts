// The library's filters as the user sets them, and the `LibraryFilter` the
// backend receives.
import type { DateField, LibraryFilter } from '../../ipc';

export interface FilterState {
  status: LibraryFilter['status'];
  category: string;
  author: string;
  keyword: string;
  dateField: DateField;
  /** `YYYY-MM-DD` or '' (no bound). */
  dateFrom: string;
  dateTo: string;
}

export const DATE_FIELDS: readonly DateField[] = ['updated', 'created', 'published'];

export function emptyFilters(): FilterState {
  return { status: null, category: '', author: '', keyword: '', dateField: 'updated', dateFrom: '', dateTo: '' };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** What the backend is sent. Without a date bound, which date does not matter. */
export function toLibraryFilter(state: FilterState): LibraryFilter {
  const dateFrom = orNull(state.dateFrom);
  const dateTo = orNull(state.dateTo);
  return {
    status: state.status,
    category: orNull(state.category),
    author: orNull(state.author),
    keyword: orNull(state.keyword),
    date_field: dateFrom || dateTo ? state.dateField : 'updated',
    date_from: dateFrom,
    date_to: dateTo,
  };
}

export function hasFilters(filter: LibraryFilter): boolean {
  return (
    filter.status !== null ||
    filter.category !== null ||
    filter.author !== null ||
    filter.keyword !== null ||
    filter.date_from !== null ||
    filter.date_to !== null
  );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A day typed as `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` between) into
 * `YYYY-MM-DD`; '' for an empty box; null when it is not a real day.
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `2026-11-27` → `27/11/2026`; anything else unchanged. */
export function formatDay(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** 100000 → `100.000` (Vietnamese) or `100,000` (English). */
export function formatCount(n: number, separator: string): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
