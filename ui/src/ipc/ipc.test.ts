import { clearMocks, mockIPC } from './testing';
import { afterEach, describe, expect, it } from 'vitest';

import { article, FakeBackend } from '../test/backend';
import {
  addPhoto,
  addPhotoFiles,
  createArticle,
  getArticle,
  getSettings,
  isIpcError,
  libraryCounts,
  listPage,
  onCloseRequested,
  onDragDrop,
  choosePackages,
  choosePhotos,
  type ChosenFiles,
  photoUrl,
  previewArticle,
  searchArticles,
  searchLibrary,
  suggestKeywords,
  suggestPeople,
  toIpcError,
  updateArticle,
  updateSettings,
  type ArticleFields,
  type LibraryFilter,
} from '.';
import { emitEvent } from './testing';

const fields: ArticleFields = {
  headline: 'Tiêu đề',
  sapo: 'Sapo',
  body: '# Nội dung',
  byline: 'Duy Huy',
  authors: [{ name: 'Duy Huy', role: 'reporter' }],
  keywords: ['a', 'b'],
  category: 'Thời sự',
  published_at: '2022-12-06T00:00:00+07:00',
  slug: null,
  editor_note: 'Kiểm tra lại số liệu',
  photos: [],
  related: ['bai-khac'],
};

afterEach(() => clearMocks());

describe('typed commands', () => {
  it('call the right commands with the documented argument names', async () => {
    const backend = new FakeBackend([article({ id: 'a1', headline: 'Một' })]);

    expect((await getArticle('a1')).headline).toBe('Một');
    const created = await createArticle();
    const updated = await updateArticle('a1', fields);
    const html = await previewArticle('a1', fields);

    expect(created.id).toMatch(/^new-/);
    expect(updated.keywords).toEqual(['a', 'b']);
    expect(html).toContain('<h1 class="headline">Tiêu đề</h1>');
    expect(backend.calls).toEqual([
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
      key: 'verbatim',
      args: { text: 'Không tìm thấy bài viết missing' },
    });
  });

  it('fold any other rejection into an internal error', async () => {
    mockIPC(() => {
      throw new Error('boom');
    });
    await expect(createArticle()).rejects.toMatchObject({ code: 'internal', message: 'Error: boom' });

    mockIPC(() => Promise.reject('command create_article not found'));
    await expect(createArticle()).rejects.toMatchObject({
      code: 'internal',
      message: 'command create_article not found',
    });
  });
});

describe('library commands', () => {
  const filter: LibraryFilter = {
    status: 'draft',
    category: 'Thời sự',
    author: 'Minh Anh',
    keyword: null,
    date_field: 'published',
    date_from: '2023-03-01',
    date_to: null,
  };

  it('send the Rust parameter names, the filter as the backend defines it', async () => {
    const backend = new FakeBackend([
      article({
        id: 'a1',
        headline: 'Quán triệt nghị quyết',
        byline: 'Minh Anh',
        category: 'Thời sự',
        published_at: '2023-03-14T09:30:00+07:00',
      }),
    ]);

    const page = await listPage(filter, 'published', null, 100);
    expect(page.rows.map((row) => row.id)).toEqual(['a1']);
    expect(page.next).toBeNull();
    expect((await libraryCounts(filter)).total).toBe(1);
    const hits = await searchLibrary('quan triet', filter, 50);
    expect(hits[0]?.headline).toEqual([
      { text: 'Quán', hit: true },
      { text: ' ', hit: false },
      { text: 'triệt', hit: true },
      { text: ' nghị quyết', hit: false },
    ]);
    expect(await suggestPeople('minh')).toEqual(['Minh Anh']);

    expect(backend.calls).toEqual([
      { cmd: 'list_page', args: { filter, sort: 'published', cursor: null, limit: 100 } },
      { cmd: 'library_counts', args: { filter } },
      { cmd: 'search_library', args: { query: 'quan triet', filter, limit: 50 } },
      { cmd: 'suggest_people', args: { query: 'minh' } },
    ]);
  });
});

describe('newsroom commands', () => {
  it('send the documented command names and argument names', async () => {
    const backend = new FakeBackend([article({ id: 'a1', headline: 'Hòa Bình mùa lúa' })]);

    expect(await suggestKeywords('ha')).toEqual(['Hà Nội']);
    expect(await searchArticles('hoa binh', 'a2')).toEqual([
      { id: 'a1', slug: 'a1', headline: 'Hòa Bình mùa lúa', excerpt: '' },
    ]);
    expect(await searchArticles('hoa binh', 'a1')).toEqual([]);
    const settings = await getSettings();
    await updateSettings({ ...settings, headline_max: 90 });
    const picked = backend.choose(['anh.jpg']);
    await addPhotoFiles(picked.id, [0]);

    expect(backend.calls.map(({ cmd, args }) => ({ cmd, args }))).toEqual([
      { cmd: 'suggest_keywords', args: { query: 'ha' } },
      { cmd: 'search_articles', args: { query: 'hoa binh', excludeId: 'a2' } },
      { cmd: 'search_articles', args: { query: 'hoa binh', excludeId: 'a1' } },
      { cmd: 'get_settings', args: {} },
      { cmd: 'update_settings', args: { settings: { ...settings, headline_max: 90 } } },
      { cmd: 'add_photo_files', args: { chosen: picked.id, indexes: [0] } },
    ]);
  });

  it('add_photo sends the raw bytes and the percent-encoded file name', async () => {
    const backend = new FakeBackend([]);
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0x00])], 'Ảnh hiện trường.jpg', { type: 'image/jpeg' });
    const added = await addPhoto(file);

    expect(added.file).toMatch(/\.jpg$/);
    expect(backend.callsTo('add_photo')).toEqual([
      {
        cmd: 'add_photo',
        args: {
          bytes: [0xff, 0xd8, 0xff, 0x00],
          headers: { 'x-file-name': encodeURIComponent('Ảnh hiện trường.jpg') },
        },
      },
    ]);
  });

  it('photoUrl points at the byline: protocol, with an optional width', () => {
    expect(photoUrl('ab12')).toBe('byline://localhost/photo/ab12');
    expect(photoUrl('ab12', 320)).toBe('byline://localhost/photo/ab12?w=320');
  });

  it('onCloseRequested closes the window only after the handler has finished', async () => {
    const backend = new FakeBackend([]);
    const steps: string[] = [];
    let finish!: () => void;
    await onCloseRequested(
      () =>
        new Promise<void>((resolve) => {
          steps.push('handler started');
          finish = () => {
            steps.push('handler done');
            resolve();
          };
        }),
    );
    await emitEvent('tauri://close-requested');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(steps).toEqual(['handler started']);
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(0);

    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(steps).toEqual(['handler started', 'handler done']);
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(1);
  });

  it('onDragDrop reports what the backend kept of a drop, never the webview\'s own drag events', async () => {
    const backend = new FakeBackend([]);
    const dropped: ChosenFiles[] = [];
    const unlisten = await onDragDrop((files) => dropped.push(files));
    await emitEvent('tauri://drag-enter', { paths: ['/tmp/a.jpg'], position: { x: 1, y: 2 } });
    await emitEvent('tauri://drag-drop', { paths: ['/tmp/a.jpg', '/tmp/b.png'], position: { x: 1, y: 2 } });
    expect(dropped).toEqual([]);
    const kept = await backend.drop(['a.jpg', 'b.png']);
    expect(dropped).toEqual([{ id: kept.id, names: ['a.jpg', 'b.png'] }]);
    unlisten();
  });

  it('the choosers and the export send no path, only a title or a number', async () => {
    const backend = new FakeBackend([]);
    backend.chooser.push(['a.zip'], null);
    expect(await choosePackages('Gói')).toEqual({ id: expect.any(Number), names: ['a.zip'] });
    expect(await choosePhotos('Ảnh')).toBeNull();
    expect(backend.calls.map(({ cmd, args }) => ({ cmd, args }))).toEqual([
      { cmd: 'choose_packages', args: { title: 'Gói' } },
      { cmd: 'choose_photos', args: { title: 'Ảnh' } },
    ]);
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

  it('keeps the words and normalises everything else to internal', () => {
    const words = { key: 'errorNotFound', args: { key: 'bai-cu' } };
    expect(toIpcError({ code: 'not_found', message: 'x', ...words, extra: 1 })).toEqual({
      code: 'not_found',
      message: 'x',
      ...words,
    });
    // Without words, the message is the words, in every language.
    expect(toIpcError({ code: 'invalid', message: 'x' })).toEqual({
      code: 'invalid',
      message: 'x',
      key: 'verbatim',
      args: { text: 'x' },
    });
    expect(toIpcError(42)).toEqual({ code: 'internal', message: '42', key: 'verbatim', args: { text: '42' } });
    expect(toIpcError({ code: 'teapot', message: 'x' })).toMatchObject({
      code: 'internal',
      message: '[object Object]',
    });
  });
});
