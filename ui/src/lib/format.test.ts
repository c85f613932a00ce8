import { describe, expect, it } from 'vitest';

import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { formatDateTime, interpolate } from './format';

// vite.config.ts pins TZ to Asia/Ho_Chi_Minh (UTC+7) for the test run.
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
