// End-to-end behaviour of the editor against a mocked backend: everything
// below `invoke` is real (components, autosave, src/ipc).
import { clearMocks } from './ipc/testing';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import App from './App.svelte';
import { i18n, STORAGE_KEY } from './i18n/index.svelte';
import type { ArticleFields } from './ipc';
import { article, deferred, FakeBackend } from './test/backend';

const sample = () => [
  article({
    id: 'a1',
    headline: 'Giá xăng giảm lần thứ ba',
    sapo: 'Từ 15h chiều nay, giá xăng giảm.',
    body: 'Đoạn **một**.',
    byline: 'Duy Huy',
    keywords: ['xăng', 'giá cả'],
    category: 'Kinh tế',
    updated_at: '2026-11-27T13:15:00Z',
  }),
  article({ id: 'a2', headline: '', updated_at: '2026-11-26T01:05:00Z' }),
  article({ id: 'a3', headline: 'Bão số 9 đổ bộ', updated_at: '2026-11-25T08:00:00Z' }),
];

/** Lets pending IPC promises and Svelte updates run, advancing fake time. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

const rows = () => screen.getAllByTestId('article-item');
const statusEl = () => screen.getByTestId('save-status');
const field = (id: string) => screen.getByTestId(`field-${id}`) as HTMLInputElement;

async function start(backend: FakeBackend) {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const result = render(App);
  await settle();
  return { user, backend, ...result };
}

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  i18n.reload();
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe('library list', () => {
  it('shows "Đang tải…" until the list arrives, then the rows in backend order', async () => {
    const backend = new FakeBackend(sample());
    const list = deferred<unknown>();
    backend.overrides.set('list_articles', () => list.promise);
    render(App);
    await settle();

    expect(screen.getByTestId('loading')).toHaveTextContent('Đang tải…');
    expect(screen.queryAllByTestId('article-item')).toHaveLength(0);

    list.resolve(backend.articles.map(({ id, headline, status, updated_at }) => ({ id, headline, status, updated_at })));
    await settle();

    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
    const items = rows();
    expect(items.map((row) => row.dataset.id)).toEqual(['a1', 'a2', 'a3']);
    expect(items[0]).toHaveTextContent('Giá xăng giảm lần thứ ba');
    expect(items[0]).toHaveTextContent('Bản nháp');
    // 13:15Z shown in local time (tests run in UTC+7).
    expect(items[0]).toHaveTextContent('27/11/2026 20:15');
    expect(items[1]).toHaveTextContent('(Chưa có tiêu đề)');
    expect(items[2]).toHaveTextContent('Bão số 9 đổ bộ');
    expect(within(screen.getByTestId('article-list')).getAllByRole('button')).toHaveLength(3);
  });

  it('opens the first article into the editor', async () => {
    const { backend } = await start(new FakeBackend(sample()));

    expect(backend.callsTo('get_article')).toEqual([{ cmd: 'get_article', args: { id: 'a1' } }]);
    expect(rows()[0]).toHaveAttribute('aria-current', 'true');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba');
    expect(field('sapo').value).toBe('Từ 15h chiều nay, giá xăng giảm.');
    expect(field('byline').value).toBe('Duy Huy');
    expect(field('keywords').value).toBe('xăng, giá cả');
    expect(field('category').value).toBe('Kinh tế');
    expect(field('body').value).toBe('Đoạn **một**.');
    // Preview of the opened article is rendered right away.
    expect(screen.getByTestId('preview').querySelector('h1.headline')).toHaveTextContent(
      'Giá xăng giảm lần thứ ba',
    );
  });

  it('shows an empty state and no editor when there are no articles', async () => {
    await start(new FakeBackend([]));
    expect(screen.getByText('Chưa có bài viết nào.')).toBeInTheDocument();
    expect(screen.queryByTestId('field-headline')).not.toBeInTheDocument();
  });

  it('shows the backend message when the list cannot be loaded', async () => {
    const backend = new FakeBackend([]);
    backend.overrides.set('list_articles', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    await start(backend);
    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Lỗi: CSDL bị khóa');
  });

  it('clicking a row loads that article', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.click(rows()[2]!);
    await settle();

    expect(backend.callsTo('get_article').at(-1)?.args).toEqual({ id: 'a3' });
    expect(field('headline').value).toBe('Bão số 9 đổ bộ');
    expect(rows()[2]).toHaveAttribute('aria-current', 'true');
    expect(rows()[0]).not.toHaveAttribute('aria-current');
  });

  it('reloads the list when the article has disappeared', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    // Deleted behind our back.
    backend.articles.splice(2, 1);
    await user.click(rows()[2]!);
    await settle();

    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Không tìm thấy bài viết a3');
    expect(backend.callsTo('list_articles')).toHaveLength(2);
    expect(rows().map((row) => row.dataset.id)).toEqual(['a1', 'a2']);
  });
});

describe('new article', () => {
  it('creates it, puts it on top, selects it and focuses the headline', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.click(screen.getByTestId('new-article'));
    await settle();

    expect(backend.callsTo('create_article')).toHaveLength(1);
    const items = rows();
    expect(items).toHaveLength(4);
    expect(items[0]!.dataset.id).toBe('new-100');
    expect(items[0]).toHaveTextContent('(Chưa có tiêu đề)');
    expect(items[0]).toHaveAttribute('aria-current', 'true');
    expect(field('headline')).toHaveFocus();
    expect(field('headline').value).toBe('');
  });
});

describe('editing', () => {
  it('updates the preview 150 ms after typing with the backend HTML', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    const before = backend.callsTo('preview_article').length;

    await user.clear(field('headline'));
    await user.type(field('headline'), 'Tin nóng');
    expect(backend.callsTo('preview_article')).toHaveLength(before);

    await settle(150);
    const calls = backend.callsTo('preview_article');
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.args).toMatchObject({ id: 'a1', fields: { headline: 'Tin nóng' } });
    const preview = screen.getByTestId('preview');
    expect(preview.querySelector('article.article h1.headline')).toHaveTextContent('Tin nóng');
  });

  it('autosaves once after quick keystrokes, with the final text, then shows "Đã lưu"', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    expect(statusEl()).toHaveAttribute('data-state', 'idle');

    await user.type(field('headline'), ' hôm nay');
    expect(statusEl()).toHaveAttribute('data-state', 'saving');
    expect(statusEl()).toHaveTextContent('Đang lưu…');
    await settle(399);
    expect(backend.callsTo('update_article')).toHaveLength(0);

    await settle(1);
    const saves = backend.callsTo('update_article');
    expect(saves).toHaveLength(1);
    const expected: ArticleFields = {
      headline: 'Giá xăng giảm lần thứ ba hôm nay',
      sapo: 'Từ 15h chiều nay, giá xăng giảm.',
      body: 'Đoạn **một**.',
      byline: 'Duy Huy',
      keywords: ['xăng', 'giá cả'],
      category: 'Kinh tế',
    };
    expect(saves[0]!.args).toEqual({ id: 'a1', fields: expected });

    expect(statusEl()).toHaveAttribute('data-state', 'saved');
    expect(statusEl()).toHaveTextContent('Đã lưu');
    // The returned DTO refreshes the list row (headline and time).
    expect(rows()[0]).toHaveTextContent('Giá xăng giảm lần thứ ba hôm nay');
    expect(rows()[0]).toHaveTextContent('27/11/2026 21:01');
  });

  it('sends keywords as a clean array', async () => {
    const { backend } = await start(new FakeBackend(sample()));
    await fireEvent.input(field('keywords'), { target: { value: 'a, b ,, c' } });
    await settle(400);
    const fields = backend.callsTo('update_article').at(-1)?.args.fields as ArticleFields;
    expect(fields.keywords).toEqual(['a', 'b', 'c']);
    // What the user typed stays as typed.
    expect(field('keywords').value).toBe('a, b ,, c');
  });

  it('shows the backend message when a save fails', async () => {
    const backend = new FakeBackend(sample());
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Tiêu đề quá dài' };
    });
    const { user } = await start(backend);

    await user.type(field('headline'), '!');
    await settle(400);
    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Lỗi: Tiêu đề quá dài');
  });

  it('does not send a second save while the first is in flight', async () => {
    const backend = new FakeBackend(sample());
    const first = deferred<unknown>();
    let calls = 0;
    backend.overrides.set('update_article', (args) => {
      calls += 1;
      if (calls === 1) return first.promise;
      return { ...backend.articles[0]!, ...(args.fields as ArticleFields) };
    });
    const { user } = await start(backend);

    await user.type(field('headline'), '1');
    await settle(400);
    await user.type(field('headline'), '2');
    await settle(400);
    expect(backend.callsTo('update_article')).toHaveLength(1);

    first.resolve({ ...backend.articles[0]!, headline: 'Giá xăng giảm lần thứ ba1' });
    await settle();
    const saves = backend.callsTo('update_article');
    expect(saves).toHaveLength(2);
    expect((saves[1]!.args.fields as ArticleFields).headline).toBe('Giá xăng giảm lần thứ ba12');
    expect(rows()[0]).toHaveTextContent('Giá xăng giảm lần thứ ba12');
  });

  it('saves pending edits immediately when switching article', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.type(field('body'), ' Thêm');
    await user.click(rows()[1]!);
    await settle();

    const saves = backend.callsTo('update_article');
    expect(saves).toHaveLength(1);
    expect(saves[0]!.args).toMatchObject({ id: 'a1', fields: { body: 'Đoạn **một**. Thêm' } });
    expect(field('headline').value).toBe('');
    // The late debounce must not fire a duplicate.
    await settle(1000);
    expect(backend.callsTo('update_article')).toHaveLength(1);
  });

  it('saves pending edits when the window is about to close', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.type(field('category'), ' - Thị trường');
    window.dispatchEvent(new Event('beforeunload'));
    await settle();
    expect(backend.callsTo('update_article')).toHaveLength(1);
    expect(backend.articles[0]!.category).toBe('Kinh tế - Thị trường');
  });
});

describe('language', () => {
  it('switches visible text to English and remembers it', async () => {
    const { user, unmount } = await start(new FakeBackend(sample()));
    expect(screen.getByTestId('new-article')).toHaveTextContent('Bài viết mới');
    expect(screen.getByLabelText('Tiêu đề')).toBe(field('headline'));
    expect(document.documentElement.lang).toBe('vi');

    await user.click(screen.getByTestId('lang-switch'));

    expect(screen.getByTestId('new-article')).toHaveTextContent('New article');
    expect(screen.getByLabelText('Headline')).toBe(field('headline'));
    expect(rows()[1]).toHaveTextContent('(Untitled)');
    expect(rows()[0]).toHaveTextContent('Draft');
    expect(rows()[0]).toHaveTextContent('27 Nov 2026, 20:15');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('en');

    // A fresh start (new window) comes up in English.
    unmount();
    i18n.reload();
    render(App);
    await settle();
    expect(screen.getByTestId('new-article')).toHaveTextContent('New article');
    expect(screen.getByTestId('save-status')).toHaveAttribute('data-state', 'idle');
  });
});
