import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { en } from './en';
import { DEFAULT_LANG, dictionaries, i18n, STORAGE_KEY } from './index.svelte';
import { vi } from './vi';

describe('string files', () => {
  it('vi and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('vi and en fill the same placeholders in every string', () => {
    // Date patterns: each language picks the parts of the date it shows.
    const patterns = ['dateTimeFormat', 'datelineFormat'];
    const placeholders = (value: string | string[]): string[] =>
      [...String(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const [key, value] of Object.entries(vi)) {
      if (patterns.includes(key)) continue;
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(value));
    }
  });

  it('every string is in Unicode NFC, as the library stores text', () => {
    for (const strings of [vi, en]) {
      for (const [key, value] of Object.entries(strings)) {
        expect(String(value), key).toBe(String(value).normalize('NFC'));
      }
    }
  });

  it('no string is left empty in either language', () => {
    for (const strings of [vi, en]) {
      for (const [key, value] of Object.entries(strings)) {
        if (Array.isArray(value)) expect(value, key).toHaveLength(key === 'weekdays' ? 7 : 12);
        else expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('keeps the Vietnamese wording the newsroom expects', () => {
    expect(vi.untitled).toBe('(Chưa có tiêu đề)');
    expect(vi.statusDraft).toBe('Bản nháp');
    expect(vi.saving).toBe('Đang lưu…');
    expect(vi.saved).toBe('Đã lưu');
    expect(en.untitled).toBe('(Untitled)');
    expect(en.statusDraft).toBe('Draft');
    expect(vi.weekdays).toEqual(['Chủ nhật', 'Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7']);
    expect(vi.photosAdding).toBe('Đang thêm ảnh…');
    expect(vi.relatedMissing).toBe('{reference} — chưa có trong thư viện');
    expect(en.relatedMissing).toBe('{reference} — not in the library yet');
  });
});

describe('language store', () => {
  beforeEach(() => {
    localStorage.clear();
    i18n.reload();
  });

  afterEach(() => {
    localStorage.clear();
    i18n.reload();
  });

  it('defaults to Vietnamese', () => {
    expect(DEFAULT_LANG).toBe('vi');
    expect(i18n.lang).toBe('vi');
    expect(i18n.t).toBe(dictionaries.vi);
    expect(document.documentElement.lang).toBe('vi');
  });

  it('switching persists the choice and sets <html lang>', () => {
    i18n.setLang('en');
    expect(i18n.t.newArticle).toBe('New article');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('en');
    expect(STORAGE_KEY).toBe('byline.lang');
    expect(document.documentElement.lang).toBe('en');
  });

  it('restores a stored choice and ignores garbage', () => {
    localStorage.setItem(STORAGE_KEY, 'en');
    i18n.reload();
    expect(i18n.lang).toBe('en');

    localStorage.setItem(STORAGE_KEY, 'fr');
    i18n.reload();
    expect(i18n.lang).toBe('vi');
  });
});
