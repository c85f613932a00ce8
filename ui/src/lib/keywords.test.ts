import { describe, expect, it } from 'vitest';

import { formatKeywords, parseKeywords } from './keywords';

describe('parseKeywords', () => {
  it('splits on commas, trims and drops empty entries', () => {
    expect(parseKeywords('a, b ,, c')).toEqual(['a', 'b', 'c']);
  });

  it('returns an empty array for blank input', () => {
    expect(parseKeywords('')).toEqual([]);
    expect(parseKeywords(' , ,')).toEqual([]);
  });

  it('keeps Vietnamese text and inner spaces intact', () => {
    expect(parseKeywords('kinh tế,  Hà Nội ')).toEqual(['kinh tế', 'Hà Nội']);
  });
});

describe('formatKeywords', () => {
  it('joins with a comma and a space, and round-trips through parse', () => {
    const text = formatKeywords(['a', 'b', 'c']);
    expect(text).toBe('a, b, c');
    expect(parseKeywords(text)).toEqual(['a', 'b', 'c']);
  });
});
