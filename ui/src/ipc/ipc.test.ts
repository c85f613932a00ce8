import { clearMocks, mockIPC } from './testing';
import { afterEach, describe, expect, it } from 'vitest';

import { article, FakeBackend } from '../test/backend';
import {
  createArticle,
  getArticle,
  isIpcError,
  listArticles,
  previewArticle,
  toIpcError,
  updateArticle,
  type ArticleFields,
} from '.';

const fields: ArticleFields = {
  headline: 'Tiêu đề',
  sapo: 'Sapo',
  body: '# Nội dung',
  byline: 'Duy Huy',
  keywords: ['a', 'b'],
  category: 'Thời sự',
};

afterEach(() => clearMocks());

describe('typed commands', () => {
  it('call the right commands with the documented argument names', async () => {
    const backend = new FakeBackend([article({ id: 'a1', headline: 'Một' })]);

    expect(await listArticles()).toEqual([
      { id: 'a1', headline: 'Một', status: 'draft', updated_at: '2026-11-27T13:00:00Z' },
    ]);
    expect((await getArticle('a1')).headline).toBe('Một');
    const created = await createArticle();
    const updated = await updateArticle('a1', fields);
    const html = await previewArticle('a1', fields);

    expect(created.id).toMatch(/^new-/);
    expect(updated.keywords).toEqual(['a', 'b']);
    expect(html).toContain('<h1 class="headline">Tiêu đề</h1>');
    expect(backend.calls).toEqual([
      { cmd: 'list_articles', args: {} },
      { cmd: 'get_article', args: { id: 'a1' } },
      { cmd: 'create_article', args: {} },
      { cmd: 'update_article', args: { id: 'a1', fields } },
      { cmd: 'preview_article', args: { id: 'a1', fields } },
    ]);
  });

  it('reject with the backend error object unchanged', async () => {
    new FakeBackend([]);
    await expect(getArticle('missing')).rejects.toEqual({
      code: 'not_found',
      message: 'Không tìm thấy bài viết missing',
    });
  });

  it('fold any other rejection into an internal error', async () => {
    mockIPC(() => {
      throw new Error('boom');
    });
    await expect(listArticles()).rejects.toEqual({ code: 'internal', message: 'Error: boom' });

    mockIPC(() => Promise.reject('command list_articles not found'));
    await expect(listArticles()).rejects.toEqual({
      code: 'internal',
      message: 'command list_articles not found',
    });
  });
});

describe('isIpcError / toIpcError', () => {
  it('accepts only the documented shape', () => {
    expect(isIpcError({ code: 'invalid', message: 'x' })).toBe(true);
    expect(isIpcError({ code: 'teapot', message: 'x' })).toBe(false);
    expect(isIpcError({ code: 'invalid' })).toBe(false);
    expect(isIpcError(null)).toBe(false);
    expect(isIpcError('invalid')).toBe(false);
  });

  it('normalises everything else to internal', () => {
    expect(toIpcError({ code: 'invalid', message: 'x', extra: 1 })).toEqual({ code: 'invalid', message: 'x' });
    expect(toIpcError(42)).toEqual({ code: 'internal', message: '42' });
    expect(toIpcError({ code: 'teapot', message: 'x' })).toEqual({
      code: 'internal',
      message: '[object Object]',
    });
  });
});
