import { describe, expect, it } from 'vitest';

import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import {
  formatDateline,
  formatDateTime,
  formatWallClock,
  interpolate,
  joinPublishedAt,
  splitPublishedAt,
} from './format';

// vite.config.ts pins TZ to Asia/Ho_Chi_Minh (UTC+7) for the test run.
describe('formatWallClock', () => {
  it('shows the time as written in its own offset, whatever the machine’s zone', () => {
    expect(formatWallClock('2022-11-10T11:22:26+07:00', vi)).toBe('10/11/2022 11:22');
    expect(formatWallClock('2023-05-06T10:00:00+01:00', vi)).toBe('06/05/2023 10:00');
    expect(formatWallClock('2023-05-06T10:00:00+01:00', en)).toBe('6 May 2023, 10:00');
    expect(formatWallClock('not a time', vi)).toBe('not a time');
  });
});

describe('formatDateTime', () => {
  it('formats in local time with the Vietnamese pattern', () => {
    expect(formatDateTime('2026-11-27T13:15:00Z', vi)).toBe('27/11/2026 20:15');
  });

  it('pads day, month, hour and minute', () => {
    expect(formatDateTime('2026-01-04T23:05:00Z', vi)).toBe('05/01/2026 06:05');
  });

  it('uses the English pattern when asked', () => {
    expect(formatDateTime('2026-11-27T13:15:00Z', en)).toBe('27 Nov 2026, 20:15');
  });

  it('shows an unparseable value as is instead of NaN', () => {
    expect(formatDateTime('not a date', vi)).toBe('not a date');
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Lỗi: {message} {other}', { message: 'hỏng' })).toBe('Lỗi: hỏng {other}');
  });
});

describe('formatDateline', () => {
  // 5–11 December 2022 runs Monday to Sunday. Offsets far from the test
  // machine's UTC+7 show that day and time are the article's own: 23:30 at
  // -05:00 is already the next day in Vietnam, 00:15 at +09:00 still the
  // previous day there.
  const week = [
    ['2022-12-05T23:30:00-05:00', 'Thứ 2', 'Monday', '05/12/2022 | 23:30:00'],
    ['2022-12-06T00:15:00+09:00', 'Thứ 3', 'Tuesday', '06/12/2022 | 00:15:00'],
    ['2022-12-07T12:00:05-03:30', 'Thứ 4', 'Wednesday', '07/12/2022 | 12:00:05'],
    ['2022-12-08T07:45:00Z', 'Thứ 5', 'Thursday', '08/12/2022 | 07:45:00'],
    ['2022-12-09T18:00:00+05:45', 'Thứ 6', 'Friday', '09/12/2022 | 18:00:00'],
    ['2022-12-10T23:59:59-10:00', 'Thứ 7', 'Saturday', '10/12/2022 | 23:59:59'],
    ['2022-12-11T00:00:00+14:00', 'Chủ nhật', 'Sunday', '11/12/2022 | 00:00:00'],
  ] as const;

  it.each(week)('%s is %s / %s', (iso, viDay, enDay, rest) => {
    expect(formatDateline(iso, 'vi')).toBe(`${viDay}, ${rest}`);
    expect(formatDateline(iso, 'en')).toBe(`${enDay}, ${rest}`);
  });

  it('prints the newsroom example exactly', () => {
    expect(formatDateline('2022-12-06T00:00:00+07:00', 'vi')).toBe('Thứ 3, 06/12/2022 | 00:00:00');
    expect(formatDateline('2022-12-06T00:00:00+07:00', 'en')).toBe('Tuesday, 06/12/2022 | 00:00:00');
  });

  it('pads day and month, accepts fractions, and gives up on anything else', () => {
    expect(formatDateline('2023-01-02T03:04:05.678+07:00', 'vi')).toBe('Thứ 2, 02/01/2023 | 03:04:05');
    expect(formatDateline('2022-12-06T00:00:00', 'vi')).toBe('');
    expect(formatDateline('not a date', 'en')).toBe('');
  });
});

describe('publish time parts', () => {
  it('splits into the datetime-local value and the offset, and joins back', () => {
    expect(splitPublishedAt('2022-12-06T00:00:00+07:00')).toEqual({ local: '2022-12-06T00:00:00', offset: '+07:00' });
    expect(splitPublishedAt('2022-12-06T10:00:00Z')).toEqual({ local: '2022-12-06T10:00:00', offset: '+00:00' });
    expect(splitPublishedAt(null)).toEqual({ local: '', offset: '+07:00' });
    expect(joinPublishedAt('2022-12-06T00:00', '+07:00')).toBe('2022-12-06T00:00:00+07:00');
    expect(joinPublishedAt('2022-12-06T08:09:10', '-05:00')).toBe('2022-12-06T08:09:10-05:00');
    expect(joinPublishedAt('', '+07:00')).toBeNull();
  });
});
