import { describe, expect, it } from 'vitest';

import { emptyFilters, formatCount, formatDay, hasFilters, parseDay, toLibraryFilter } from './filters';

describe('library filters', () => {
  it('sends null for what is not set, trimmed values for what is', () => {
    expect(toLibraryFilter(emptyFilters())).toEqual({
      status: null,
      category: null,
      author: null,
      keyword: null,
      date_field: 'updated',
      date_from: null,
      date_to: null,
    });
    expect(
      toLibraryFilter({
        status: 'draft',
        category: 'Thời sự',
        author: ' Minh Anh ',
        keyword: '',
        dateField: 'published',
        dateFrom: '2023-03-01',
        dateTo: '',
      }),
    ).toEqual({
      status: 'draft',
      category: 'Thời sự',
      author: 'Minh Anh',
      keyword: null,
      date_field: 'published',
      date_from: '2023-03-01',
      date_to: null,
    });
  });

  it('which date does not change the list while no day is set', () => {
    expect(toLibraryFilter({ ...emptyFilters(), dateField: 'created' })).toEqual(toLibraryFilter(emptyFilters()));
    expect(hasFilters(toLibraryFilter({ ...emptyFilters(), dateField: 'created' }))).toBe(false);
    expect(hasFilters(toLibraryFilter({ ...emptyFilters(), keyword: 'bão' }))).toBe(true);
  });

  it('reads days as dd/mm/yyyy and refuses days that do not exist', () => {
    expect(parseDay('27/11/2026')).toBe('2026-11-27');
    expect(parseDay('1/3/2023')).toBe('2023-03-01');
    expect(parseDay(' 05-06-2024 ')).toBe('2024-06-05');
    expect(parseDay('')).toBe('');
    expect(parseDay('31/02/2024')).toBeNull();
    expect(parseDay('2024-06-05')).toBeNull();
    expect(parseDay('12/2024')).toBeNull();
    expect(formatDay('2026-11-27')).toBe('27/11/2026');
  });

  it('groups thousands the way each language does', () => {
    expect(formatCount(100_000, '.')).toBe('100.000');
    expect(formatCount(1_234_567, ',')).toBe('1,234,567');
    expect(formatCount(999, '.')).toBe('999');
  });
});
