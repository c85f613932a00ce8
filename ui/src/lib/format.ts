import { en } from '../i18n/en';
import { vi, type Strings } from '../i18n/vi';

/** Fills `{name}` placeholders; unknown placeholders are left visible. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats an RFC 3339 timestamp in the machine's local time, using the
 * pattern of the UI language (e.g. `27/11/2026 20:15` in Vietnamese).
 * Hand-rolled rather than Intl so the output is identical on every webview
 * (WebKitGTK and WebView2 disagree on vi-VN separators and order).
 */
export function formatDateTime(iso: string, strings: Pick<Strings, 'dateTimeFormat' | 'monthsShort'>): string {
  const date = new Date(iso);
  // Show the raw value rather than "NaN/NaN": still informative to a human.
  if (Number.isNaN(date.getTime())) return iso;
  const month = date.getMonth();
  return interpolate(strings.dateTimeFormat, {
    d: date.getDate(),
    dd: pad2(date.getDate()),
    MM: pad2(month + 1),
    MMM: strings.monthsShort[month] ?? pad2(month + 1),
    yyyy: date.getFullYear(),
    HH: pad2(date.getHours()),
    mm: pad2(date.getMinutes()),
  });
}

/** Parts of an RFC 3339 timestamp, as written (wall clock in its own offset). */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `+07:00`, `-05:30`; `Z` is given as `+00:00`. */
  offset: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseDateTime(iso: string): DateTimeParts | null {
  const match = RFC3339.exec(iso.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, offset] = match;
  return {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? '0'),
    offset: offset === 'Z' || offset === 'z' ? '+00:00' : (offset as string),
  };
}

/**
 * Like `formatDateTime`, but the wall clock as written in the value's own
 * offset (a publication time reads as the newsroom set it, on any machine).
 */
export function formatWallClock(iso: string, strings: Pick<Strings, 'dateTimeFormat' | 'monthsShort'>): string {
  const parts = parseDateTime(iso);
  if (!parts) return formatDateTime(iso, strings);
  return interpolate(strings.dateTimeFormat, {
    d: parts.day,
    dd: pad2(parts.day),
    MM: pad2(parts.month),
    MMM: strings.monthsShort[parts.month - 1] ?? pad2(parts.month),
    yyyy: parts.year,
    HH: pad2(parts.hour),
    mm: pad2(parts.minute),
  });
}

export type DatelineLang = 'vi' | 'en';

const DATELINE: Record<DatelineLang, Pick<Strings, 'weekdays' | 'datelineFormat'>> = {
  vi: vi,
  en: en,
};

/**
 * The dateline as printed under the headline: `Thứ 3, 06/12/2022 | 00:00:00`
 * in Vietnamese, `Tuesday, 06/12/2022 | 00:00:00` in English. Day and time
 * are those of the article's own offset, never the machine's zone. Returns
 * '' for a value that is not RFC 3339 with an offset.
 */
export function formatDateline(isoWithOffset: string, lang: DatelineLang): string {
  const parts = parseDateTime(isoWithOffset);
  if (!parts) return '';
  const strings = DATELINE[lang];
  // The calendar date as written; its weekday does not depend on any zone.
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return interpolate(strings.datelineFormat, {
    weekday: strings.weekdays[weekday] ?? '',
    dd: pad2(parts.day),
    MM: pad2(parts.month),
    yyyy: parts.year,
    HH: pad2(parts.hour),
    mm: pad2(parts.minute),
    ss: pad2(parts.second),
  });
}

/** Vietnam's offset (Asia/Ho_Chi_Minh, no daylight saving): the default. */
export const DEFAULT_OFFSET = '+07:00';

/** Offsets in use somewhere in the world, for the offset picker. */
export const OFFSETS: readonly string[] = [
  '-12:00', '-11:00', '-10:00', '-09:30', '-09:00', '-08:00', '-07:00', '-06:00', '-05:00', '-04:00',
  '-03:30', '-03:00', '-02:00', '-01:00', '+00:00', '+01:00', '+02:00', '+03:00', '+03:30', '+04:00',
  '+04:30', '+05:00', '+05:30', '+05:45', '+06:00', '+06:30', '+07:00', '+08:00', '+08:45', '+09:00',
  '+09:30', '+10:00', '+10:30', '+11:00', '+12:00', '+12:45', '+13:00', '+14:00',
];

/** `2022-12-06T00:00:00+07:00` → `{ local: '2022-12-06T00:00:00', offset: '+07:00' }`. */
export function splitPublishedAt(value: string | null): { local: string; offset: string } {
  const parts = value ? parseDateTime(value) : null;
  if (!parts) return { local: '', offset: DEFAULT_OFFSET };
  const local =
    `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}` +
    `T${pad2(parts.hour)}:${pad2(parts.minute)}:${pad2(parts.second)}`;
  return { local, offset: parts.offset };
}

/**
 * The value of a `datetime-local` input (`2022-12-06T00:00`, seconds
 * optional) plus an offset, as RFC 3339 with seconds; null when empty or
 * unreadable.
 */
export function joinPublishedAt(local: string, offset: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?/.exec(local.trim());
  if (!match) return null;
  const [, date, time, seconds] = match;
  return `${date}T${time}:${seconds ?? '00'}${offset}`;
}
