import { describe, expect, it } from 'vitest';

import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import type { DiffPart, HistoryEvent } from '../../ipc';
import { condenseParts, fieldLabel, fieldShape, locateQuote, previousSubmission, shorten } from './review';

describe('locateQuote', () => {
  const text = 'Sáng nay, giá xăng tăng. Chiều nay, giá xăng giảm.';

  it('keeps the span when the saved text still has the quote there', () => {
    expect(locateQuote(text, 'giá xăng', 10)).toEqual({ start: 10, end: 18 });
  });

  it('follows the quote to its nearest occurrence when text moved it', () => {
    const moved = `Tin nhanh. ${text}`;
    const second = moved.lastIndexOf('giá xăng');
    expect(second).toBe(47);
    expect(locateQuote(moved, 'giá xăng', 10)).toEqual({ start: 21, end: 29 });
    expect(locateQuote(moved, 'giá xăng', 40)).toEqual({ start: second, end: second + 8 });
  });

  it('finds an NFD quote in the NFC saved text, and gives up when it is gone', () => {
    expect(locateQuote(text, 'giá xăng'.normalize('NFD'), 10)).toEqual({ start: 10, end: 18 });
    expect(locateQuote(text, 'giá dầu', 10)).toBeNull();
    expect(locateQuote(text, '', 0)).toBeNull();
  });
});

describe('condenseParts', () => {
  const long = 'chữ '.repeat(200);

  it('cuts long unchanged runs to some context around each change', () => {
    const parts: DiffPart[] = [
      { kind: 'same', text: long },
      { kind: 'removed', text: 'tăng' },
      { kind: 'added', text: 'giảm' },
      { kind: 'same', text: long },
    ];
    const condensed = condenseParts(parts, 20);
    expect(condensed.map((part) => part.kind)).toEqual(['gap', 'same', 'removed', 'added', 'same', 'gap']);
    expect(condensed[1]).toEqual({ kind: 'same', text: long.slice(-20) });
    expect(condensed[4]).toEqual({ kind: 'same', text: long.slice(0, 20) });
  });

  it('leaves short texts whole', () => {
    const parts: DiffPart[] = [
      { kind: 'same', text: 'Giá xăng ' },
      { kind: 'added', text: 'giảm' },
    ];
    expect(condenseParts(parts)).toEqual(parts);
  });
});

describe('field labels', () => {
  it('names fields as the editor labels them, photos counted from 1', () => {
    expect(fieldLabel('headline', vi)).toBe('Tiêu đề');
    expect(fieldLabel('photos[1].caption', vi)).toBe('Ảnh 2 — Chú thích');
    expect(fieldLabel('photos[0].featured', en)).toBe('Photo 1 — Featured photo');
    expect(fieldLabel('something_new', vi)).toBe('something_new');
    expect(fieldShape('photos[0].featured')).toBe('flag');
    expect(fieldShape('photos[3].caption')).toBe('text');
    expect(fieldShape('published_at')).toBe('time');
  });

  it('shortens without cutting a character in half', () => {
    expect(shorten('Giá xăng giảm 📉 mạnh', 15)).toBe('Giá xăng giảm 📉…');
    expect(shorten('  ngắn  ', 15)).toBe('ngắn');
  });
});

describe('previousSubmission', () => {
  const move = (to: 'submitted' | 'in_review', revision: number | null): HistoryEvent => ({
    kind: 'transition',
    at: '2026-11-27T13:00:00Z',
    actor: 'Minh',
    role: 'reporter',
    from: 'draft',
    to,
    note: '',
    override_reason: null,
    revision,
  });

  it('pairs a submission with the one before it', () => {
    const events = [move('submitted', 2), move('in_review', 2), move('submitted', 5), move('submitted', 7)];
    expect(previousSubmission(events, 0)).toBeNull();
    expect(previousSubmission(events, 1)).toBeNull();
    expect(previousSubmission(events, 2)).toEqual({ from: 2, to: 5 });
    expect(previousSubmission(events, 3)).toEqual({ from: 5, to: 7 });
  });
});
