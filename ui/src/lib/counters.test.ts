import { describe, expect, it } from 'vitest';

import { countBody, countChars, countWords, headlineState, plainText, readingMinutes, sapoState } from './counters';

describe('countWords', () => {
  it('counts Vietnamese syllables separated by spaces', () => {
    expect(countWords('Đảng ủy xã An Thịnh tổ chức hội nghị')).toBe(9);
    expect(countWords('Hà Nội')).toBe(2);
    expect(countWords('  nhiều   dấu\tcách\nxuống dòng ')).toBe(5);
  });

  it('does not count punctuation on its own', () => {
    expect(countWords('Một – hai … ba')).toBe(3);
    expect(countWords('')).toBe(0);
  });
});

describe('countChars', () => {
  it('counts code points of the NFC text: one per Vietnamese letter', () => {
    expect(countChars('Hòa')).toBe(3);
    expect(countChars('Hòa'.normalize('NFD'))).toBe(3);
    expect(countChars('Nghị quyết')).toBe(10);
  });
});

describe('body counts', () => {
  it('ignore Markdown syntax, images and link targets', () => {
    expect(plainText('## Tiêu đề\n\n**Đậm** và _nghiêng_ [liên kết](https://vnexpress.net).\n\n![ảnh](a.jpg)')).not.toMatch(
      /[#*[\]()]|https|a\.jpg/,
    );
    const counts = countBody('## Tiêu đề\n\n- **Đậm** và [liên kết](https://x.vn)');
    expect(counts.words).toBe(6);
    expect(counts.chars).toBe('Tiêu đề Đậm và liên kết'.length);
  });

  it('reading time: ≈ 230 words per minute, at least 1 minute when there is text', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(1000)).toBe(4);
    expect(countBody('').minutes).toBe(0);
    expect(countBody('Một từ').minutes).toBe(1);
  });
});

describe('limits', () => {
  it('headline: over the maximum only', () => {
    expect(headlineState(100, 100)).toBe('ok');
    expect(headlineState(101, 100)).toBe('over');
    expect(headlineState(500, null)).toBe('ok');
  });

  it('sapo: outside the recommended range, empty is not nagged', () => {
    expect(sapoState(0, 120, 250)).toBe('ok');
    expect(sapoState(50, 120, 250)).toBe('under');
    expect(sapoState(200, 120, 250)).toBe('ok');
    expect(sapoState(251, 120, 250)).toBe('over');
  });
});
