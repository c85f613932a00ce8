// Export and import as they are met in the app: the export buttons of the
// editor and of the library, packages imported from the file picker or
// dropped on the window (the notice, the article opened, the list
// refreshed), and the conflicts a package leaves, settled field by field.
// Everything below `invoke` is real; the backend is the in-memory one.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import App from '../../App.svelte';
import { i18n } from '../../i18n/index.svelte';
import type { PendingMerge } from '../../ipc';
import { clearMocks } from '../../ipc/testing';
import { article } from '../../test/backend';
import { outcomeText, sideParts } from './exchange';
import { ExchangeBackend } from './testing';

const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function sample() {
  return [
    article({
      id: 'a1',
      headline: 'Giá xăng giảm lần thứ ba',
      sapo: 'Từ 15h chiều nay, giá xăng giảm.',
      body: 'Đoạn một.',
      category: 'Kinh tế',
      slug: 'gia-xang',
      updated_at: '2026-11-27T13:15:00Z',
    }),
    article({ id: 'a2', headline: 'Bão số 9 đổ bộ', slug: 'bao-so-9', updated_at: '2026-11-26T08:00:00Z' }),
  ];
}

async function start(backend: ExchangeBackend) {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  render(App);
  await settle();
  return { user, backend };
}

const editorId = () => screen.getByTestId('editor').dataset.articleId;
const field = (id: string) => screen.getByTestId(`field-${id}`) as HTMLInputElement;
const rowIds = () => screen.getAllByTestId('article-item').map((row) => row.dataset.id);
const zip = (name: string) => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name, { type: 'application/zip' });

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  i18n.reload();
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe('export from the app', () => {
  it('the editor exports its article; the library exports its current filter', async () => {
    const { user, backend } = await start(new ExchangeBackend(sample()));
    expect(editorId()).toBe('a1');

    await user.click(screen.getByTestId('export-open'));
    const dialog = screen.getByTestId('export-dialog');
    expect(within(dialog).getByTestId('export-scope-article')).toBeChecked();
    await user.click(within(dialog).getByTestId('export-start'));
    await settle();
    expect(backend.callsTo('export_articles').at(-1)?.args).toMatchObject({ ids: ['a1'], filter: null, format: 'html' });
    expect(within(dialog).getByTestId('export-progress-text')).toHaveTextContent('1/1 — Giá xăng giảm lần thứ ba');
    await user.click(within(dialog).getByTestId('export-close'));
    expect(screen.queryByTestId('export-dialog')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('library-export'));
    expect(screen.getByTestId('export-scope-filter')).toBeChecked();
    expect(screen.getByTestId('export-scope-filter-label')).toHaveTextContent('Cả thư viện: 2 bài');
    // The folder the backend exports into is shown.
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Tài liệu/Byline');
    await user.click(screen.getByTestId('export-start'));
    await settle();
    expect(backend.callsTo('export_articles').at(-1)?.args).toMatchObject({ ids: [], filter: { status: null } });
    expect(screen.getByTestId('export-result')).toHaveTextContent('Đã xuất 2 bài');
  });

  it('lands the edits being typed before it exports', async () => {
    const { user, backend } = await start(new ExchangeBackend(sample()));
    await user.type(field('headline'), ' nữa');
    await user.click(screen.getByTestId('export-open'));
    await user.click(screen.getByTestId('export-start'));
    await settle();
    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'export_articles');
    expect(order.at(-1)).toBe('export_articles');
    expect(order).toContain('update_article');
    expect(backend.articles[0]!.headline).toBe('Giá xăng giảm lần thứ ba nữa');
  });
});

describe('import of a package', () => {
  it('a package picked in the library: "created" notice, the article opened, the list refreshed', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('an-thinh.zip', {
      article: { id: 'b7', headline: 'Xã An Thịnh ra mắt mô hình mới', slug: 'an-thinh', updated_at: '2026-11-28T01:00:00Z' },
      outcome: 'created',
    });
    const { user } = await start(backend);
    // The desktop's chooser, opened by the backend, answers with the file.
    backend.chooser.push(['an-thinh.zip']);
    await user.click(screen.getByTestId('import-package'));
    await settle(500);

    expect(backend.chooserTitles).toEqual(['Chọn gói .zip để nhập']);
    const chosen = backend.callsTo('choose_packages').length;
    expect(chosen).toBe(1);
    expect(backend.callsTo('import_package_file').at(-1)!.args).toEqual({ chosen: expect.any(Number), index: 0 });
    const notice = screen.getByTestId('import-notice');
    expect(notice).toHaveTextContent('Đã tạo bài mới');
    expect(notice.dataset.outcome).toBe('created');
    expect(editorId()).toBe('b7');
    expect(field('headline').value).toBe('Xã An Thịnh ra mắt mô hình mới');
    expect(rowIds()).toContain('b7');

    await user.click(within(notice).getByRole('button'));
    expect(screen.queryByTestId('import-notice')).not.toBeInTheDocument();

    // Cancel in the chooser imports nothing.
    backend.chooser.push(null);
    await user.click(screen.getByTestId('import-package'));
    await settle(500);
    expect(backend.callsTo('choose_packages')).toHaveLength(2);
    expect(backend.callsTo('import_package_file')).toHaveLength(1);
    expect(screen.queryByTestId('import-notice')).not.toBeInTheDocument();
  });

  it('names each outcome in words', () => {
    const t = i18n.t;
    const said = (outcome: 'created' | 'unchanged' | 'fast_forward' | 'merged' | 'conflict', fields: string[] = []) =>
      outcomeText({ id: 'x', outcome, fields }, t);
    expect(said('created')).toBe('Đã tạo bài mới');
    expect(said('fast_forward')).toBe('Đã cập nhật (fast-forward)');
    expect(said('merged', ['headline', 'sapo'])).toBe('Đã hợp nhất: tiêu đề, sapo');
    expect(said('conflict', ['headline', 'body'])).toBe('Có xung đột: tiêu đề, thân bài — chọn từng trường');
    expect(said('unchanged')).toBe('Không có gì mới: thư viện đã có bản này');
    i18n.setLang('en');
    expect(outcomeText({ id: 'x', outcome: 'merged', fields: ['headline', 'published_at'] }, i18n.t)).toBe(
      'Merged: headline, publication time',
    );
  });

  it('a package of the open article reloads the editor with the merge', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('tu-bien-tap.zip', {
      article: { id: 'a1', headline: 'Giá xăng giảm lần thứ tư', sapo: 'Sapo mới.' },
      outcome: 'merged',
      fields: ['headline', 'sapo'],
    });
    const { user } = await start(backend);
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba');
    backend.chooser.push(['tu-bien-tap.zip']);
    await user.click(screen.getByTestId('import-package'));
    await settle(500);
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Đã hợp nhất: tiêu đề, sapo');
    expect(editorId()).toBe('a1');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ tư');
  });

  it('a .zip dropped on the window is imported by the number the backend kept it under; a refused one says why', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('bao.zip', {
      article: { id: 'a2', headline: 'Bão số 9 đổ bộ' },
      outcome: 'fast_forward',
    });
    backend.packages.set('hong.zip', { error: 'hong.zip: not a readable zip file (invalid Zip archive)' });
    await start(backend);
    const dropped = await backend.drop(['bao.zip']);
    await settle(500);
    expect(backend.callsTo('import_package_file').at(-1)?.args).toEqual({ chosen: dropped.id, index: 0 });
    expect(backend.callsTo('add_photo_files')).toHaveLength(0);
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Đã cập nhật (fast-forward)');
    expect(editorId()).toBe('a2');

    await backend.drop(['hong.zip']);
    await settle(500);
    const notice = screen.getByTestId('import-notice');
    expect(notice.dataset.kind).toBe('failed');
    expect(notice).toHaveTextContent('Không nhập được hong.zip: hong.zip: not a readable zip file (invalid Zip archive)');
  });
});

const CONFLICT: PendingMerge = {
  source: '/home/pv/Tải về/gia-xang.zip',
  at: '2026-11-28T02:00:00Z',
  incoming_revision: 4,
  conflicts: [
    {
      field: 'headline',
      local: 'Giá xăng giảm lần thứ ba',
      incoming: 'Giá xăng lại giảm',
      parts: [
        { kind: 'same', text: 'Giá xăng ' },
        { kind: 'removed', text: 'giảm lần thứ ba' },
        { kind: 'added', text: 'lại giảm' },
      ],
    },
    {
      field: 'body',
      local: 'Đoạn một.',
      incoming: 'Đoạn một, có sửa.',
      parts: [
        { kind: 'same', text: 'Đoạn ' },
        { kind: 'removed', text: 'một.' },
        { kind: 'added', text: 'một, có sửa.' },
      ],
    },
  ],
  take_incoming: ['sapo'],
};

describe('conflicts left by a package', () => {
  async function withConflict() {
    const backend = new ExchangeBackend(sample());
    backend.pending.set('a1', structuredClone(CONFLICT));
    backend.merged.set('a1', { headline: 'Giá xăng lại giảm', sapo: 'Sapo từ gói.', body: 'Đoạn một.' });
    const started = await start(backend);
    await settle();
    return started;
  }

  it('the editor says so, and the tab shows both versions of each field side by side', async () => {
    const { user } = await withConflict();
    expect(screen.getByTestId('conflict-banner')).toHaveTextContent('Gói nhận về xung đột với bài này ở: tiêu đề, thân bài');
    await user.click(screen.getByTestId('conflict-banner-show'));
    expect(screen.getByTestId('side-tab-conflicts')).toHaveAttribute('aria-selected', 'true');
    const panel = screen.getByTestId('conflict-panel');
    expect(panel).toHaveTextContent('Gói gia-xang.zip');
    expect(panel).toHaveTextContent('Sau khi chọn xong, bài cũng lấy từ gói: sapo.');

    const headline = within(panel).getAllByTestId('conflict-field')[0]!;
    expect(headline.dataset.field).toBe('headline');
    expect(within(headline).getByTestId('conflict-local')).toHaveTextContent('Giá xăng giảm lần thứ ba');
    expect(within(headline).getByTestId('conflict-incoming')).toHaveTextContent('Giá xăng lại giảm');
    // The words that differ are marked on each side, as text.
    expect(within(headline).getByTestId('conflict-local').querySelector('del')).toHaveTextContent('giảm lần thứ ba');
    expect(within(headline).getByTestId('conflict-incoming').querySelector('ins')).toHaveTextContent('lại giảm');
    const body = within(panel).getAllByTestId('conflict-field')[1]!;
    expect(within(body).getByRole('heading')).toHaveTextContent('Thân bài');
    expect(within(body).getByTestId('conflict-incoming')).toHaveTextContent('Đoạn một, có sửa.');
  });

  it('each pick settles its field; the last one reloads the article as merged', async () => {
    const { user, backend } = await withConflict();
    await user.click(screen.getByTestId('side-tab-conflicts'));
    const [headline, body] = screen.getAllByTestId('conflict-field');

    await user.click(within(headline!).getByTestId('conflict-take-incoming'));
    await settle();
    expect(backend.callsTo('resolve_conflict').at(-1)?.args).toEqual({ id: 'a1', field: 'headline', take: 'incoming' });
    // One waits still: the article is unchanged, the editor as it was.
    expect(screen.getAllByTestId('conflict-field').map((f) => f.dataset.field)).toEqual(['body']);
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba');
    const loads = backend.callsTo('get_article').length;

    await user.click(within(body!).getByTestId('conflict-keep-local'));
    await settle();
    expect(backend.callsTo('resolve_conflict').at(-1)?.args).toEqual({ id: 'a1', field: 'body', take: 'local' });
    expect(backend.callsTo('get_article').length).toBe(loads + 1);
    expect(field('headline').value).toBe('Giá xăng lại giảm');
    expect(field('sapo').value).toBe('Sapo từ gói.');
    expect(screen.queryByTestId('conflict-panel')).not.toBeInTheDocument();
    expect(screen.queryByTestId('side-tab-conflicts')).not.toBeInTheDocument();
    expect(screen.queryByTestId('conflict-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Đã hợp nhất; bài đã được cập nhật.');
  });

  it('a package that conflicts opens on the conflicts tab', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('bao.zip', { article: { id: 'a2', headline: 'Bão số 9 đổ bộ' }, outcome: 'conflict', fields: ['headline', 'body'] });
    const { user } = await start(backend);
    backend.pending.set('a2', { ...structuredClone(CONFLICT), source: 'bao.zip' });
    backend.chooser.push(['bao.zip']);
    await user.click(screen.getByTestId('import-package'));
    await settle(500);
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Có xung đột: tiêu đề, thân bài — chọn từng trường');
    expect(editorId()).toBe('a2');
    expect(screen.getByTestId('side-tab-conflicts')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('conflict-panel')).toBeInTheDocument();
  });

  it('a refused pick is shown in the panel', async () => {
    const { user, backend } = await withConflict();
    backend.overrides.set('resolve_conflict', () => {
      throw { code: 'invalid', message: "field: 'headline' is not in conflict" };
    });
    await user.click(screen.getByTestId('side-tab-conflicts'));
    await user.click(screen.getAllByTestId('conflict-keep-local')[0]!);
    await settle();
    expect(screen.getByTestId('conflict-error')).toHaveTextContent("field: 'headline' is not in conflict");
  });
});

describe('sideParts', () => {
  it('keeps the words of one side, joining what runs together', () => {
    const parts = CONFLICT.conflicts[0]!.parts;
    expect(sideParts(parts, 'local')).toEqual([
      { kind: 'same', text: 'Giá xăng ' },
      { kind: 'removed', text: 'giảm lần thứ ba' },
    ]);
    expect(
      sideParts(
        [
          { kind: 'same', text: 'a ' },
          { kind: 'added', text: 'b ' },
          { kind: 'same', text: 'c' },
        ],
        'local',
      ),
    ).toEqual([{ kind: 'same', text: 'a c' }]);
  });
});

// fireEvent is kept for the HTML5 drop, which browsers without Tauri send.
describe('HTML5 drop', () => {
  it('a dropped .zip file is imported, a photo is not', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('goi.zip', { article: { id: 'c1', headline: 'Bài từ gói' }, outcome: 'created' });
    await start(backend);
    await fireEvent.drop(window, { dataTransfer: { files: [zip('goi.zip')], types: ['Files'] } });
    await settle(500);
    expect(backend.callsTo('import_package')).toHaveLength(1);
    expect(backend.callsTo('add_photo')).toHaveLength(0);
    expect(editorId()).toBe('c1');
  });
});
