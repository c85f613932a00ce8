import type { Strings } from '../i18n/vi';

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
