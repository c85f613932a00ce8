import { describe, expect, it } from 'vitest';

import type { IpcError } from '../ipc';
import { en } from './en';
import { vi } from './vi';
import { errorText, renderWords } from './words';

// As the backend sends a front matter error (src-tauri/tests/ipc.rs has the
// exact JSON of a few): words within words, and values shown as they are.
const unknownKey: IpcError = {
  code: 'invalid',
  message: 'article.md: front matter line 3: unknown key \'headlin\'',
  key: 'errorArticleFile',
  args: {
    file: 'article.md',
    message: { key: 'frontMatterLine', args: { line: '3', message: { key: 'frontMatterUnknownKey', args: { key: 'headlin' } } } },
  },
};

describe('the backend\'s words', () => {
  it('read in the UI\'s language, nested words included', () => {
    expect(errorText(unknownKey, vi)).toBe("article.md: dòng 3 của phần front matter: không có khóa nào tên 'headlin'");
    expect(errorText(unknownKey, en)).toBe(unknownKey.message);
  });

  it('join a list of words with "; "', () => {
    const finding = (field: string, key: string) => ({ key: 'errorBlockedFinding', args: { field, message: { key, args: {} } } });
    const blocked = {
      key: 'errorBlocked',
      args: { findings: [finding('headline', 'checkHeadlineMissing'), finding('category', 'checkCategoryMissing')] },
    };
    expect(renderWords(blocked, vi)).toBe(
      'bước kiểm tra trước khi đăng chặn lần chuyển này (headline: Chưa có tiêu đề.; category: Chưa chọn chuyên mục.); biên tập viên có thể ghi lý do để vẫn chuyển bài',
    );
  });

  it('fall back to the English message when a key is not in the catalogue', () => {
    const newer = { ...unknownKey, args: { ...unknownKey.args, message: { key: 'fromANewerBackend', args: {} } } };
    expect(renderWords(newer, vi)).toBeUndefined();
    expect(errorText(newer, vi)).toBe(unknownKey.message);
  });

  it('keep a placeholder without a value visible, and show anything else as it is', () => {
    expect(renderWords({ key: 'errorInvalid', args: { field: 'slug' } }, en)).toBe('slug: {message}');
    expect(errorText(new Error('boom'), vi)).toBe('Error: boom');
    expect(errorText({ code: 'invalid', message: 'Tiêu đề quá dài' }, en)).toBe('Tiêu đề quá dài');
  });
});
