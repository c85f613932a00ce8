import { describe, expect, it } from 'vitest';

import { addKeyword, foldKeyword, formatKeywords, parseKeywords, sameKeyword } from './keywords';

describe('foldKeyword', () => {
  it('treats case, tone-mark placement and Unicode form as the same keyword', () => {
    const nfd = 'Hòa'.normalize('NFD');
    expect(nfd).not.toBe('Hòa');
    for (const spelling of ['Hòa', 'hoà', 'HOA', nfd, 'HÒA'.normalize('NFD'), 'hòa']) {
      expect(foldKeyword(spelling), spelling).toBe('hoa');
    }
    expect(sameKeyword('Hòa', 'hoà')).toBe(true);
    expect(sameKeyword('Hòa', 'HOA'.normalize('NFD'))).toBe(true);
  });

  it('folds đ to d', () => {
    expect(foldKeyword('đô')).toBe('do');
    expect(foldKeyword('Đô')).toBe('do');
    expect(sameKeyword('đô', 'do')).toBe(true);
    expect(foldKeyword('Đà Nẵng')).toBe('da nang');
  });

  it('keeps different words apart', () => {
    expect(sameKeyword('Hòa', 'Hoan')).toBe(false);
    expect(sameKeyword('kinh tế', 'kinhte')).toBe(false);
  });
});

describe('addKeyword', () => {
  it('adds a new keyword, cleaned and in NFC', () => {
    expect(addKeyword(['xăng'], '  giá   cả '.normalize('NFD'))).toEqual(['xăng', 'giá cả']);
  });

  it('ignores an equivalent of an existing tag, and blanks', () => {
    expect(addKeyword(['Hòa Bình'], 'hoa binh')).toEqual(['Hòa Bình']);
    expect(addKeyword(['đô la'], 'Do La')).toEqual(['đô la']);
    expect(addKeyword(['a'], '   ')).toEqual(['a']);
  });

  it('uses the spelling of an equivalent suggestion', () => {
    expect(addKeyword([], 'ha noi', ['Hà Nội', 'Hà Nam'])).toEqual(['Hà Nội']);
    expect(addKeyword([], 'Hà', ['Hà Nội'])).toEqual(['Hà']);
  });
});

describe('parseKeywords / formatKeywords', () => {
  it('splits on commas, trims and drops empty entries', () => {
    expect(parseKeywords('a, b ,, c')).toEqual(['a', 'b', 'c']);
    expect(parseKeywords(' , ,')).toEqual([]);
  });

  it('round-trips', () => {
    expect(parseKeywords(formatKeywords(['kinh tế', 'Hà Nội']))).toEqual(['kinh tế', 'Hà Nội']);
  });
});
