// The library view against the mocked backend: what the reader sees and
// what the backend is asked, through the real components and src/ipc.
import { clearMocks } from '../../ipc/testing';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { ArticleSummary, LibraryFilter, LibraryPage, SearchHit } from '../../ipc';
import { article, deferred, FakeBackend, NO_FILTER } from '../../test/backend';
import Library from './Library.svelte';
import { ROW_HEIGHT } from './virtual';

const sample = () => [
  article({
    id: 'a1',
    headline: 'Quán triệt nghị quyết về chuyển đổi số',
    sapo: 'Sáng nay, Đảng ủy xã An Thịnh quán triệt nghị quyết.',
    byline: 'Minh Anh',
    keywords: ['chuyển đổi số', 'An Thịnh'],
    category: 'Thời sự',
    updated_at: '2026-11-27T13:15:00Z',
    published_at: '2026-11-20T09:30:00+07:00',
  }),
  article({
    id: 'a2',
    headline: 'Giá xăng giảm lần thứ ba',
    sapo: 'Từ 15h chiều nay, giá xăng giảm.',
    byline: 'Duy Huy',
    keywords: ['giá xăng'],
    category: 'Kinh tế',
    updated_at: '2026-11-26T01:05:00Z',
  }),
  article({
    id: 'a3',
    headline: 'Bão số 9 đổ bộ',
    sapo: 'Chiều nay bão số 9 đổ bộ vào đất liền.',
    byline: 'Thu Hà',
    authors: [{ name: 'Duy Huy', role: 'photographer' }],
    keywords: ['bão'],
    category: 'Thời sự',
    updated_at: '2026-11-25T08:00:00Z',
  }),
];

const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** Settles until `done()` holds (a long walk of pages takes many rounds). */
async function settleUntil(done: () => boolean, rounds = 400): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) await settle(10);
}

interface Started {
  backend: FakeBackend;
  user: ReturnType<typeof userEvent.setup>;
  selected: string[];
  errors: unknown[];
}

async function start(backend: FakeBackend): Promise<Started> {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const selected: string[] = [];
  const errors: unknown[] = [];
  render(Library, {
    props: {
      selectedId: null,
      categories: ['Thời sự', 'Kinh tế', 'Thế giới'],
      onselect: (id: string) => selected.push(id),
      oncreate: () => {},
      onerror: (error: unknown) => errors.push(error),
    },
  });
  await settle();
  return { backend, user, selected, errors };
}

const rowIds = () => screen.queryAllByTestId('article-item').map((row) => row.dataset.id);
const listContainer = () => screen.getByTestId('library-list') as HTMLElement & { inert: boolean };
const domRows = () => screen.getByTestId('article-list').querySelectorAll('li');
const lastFilter = (backend: FakeBackend, cmd = 'list_page') => backend.callsTo(cmd).at(-1)?.args.filter as LibraryFilter;

async function scrollList(top: number): Promise<void> {
  const viewport = screen.getByTestId('article-list');
  viewport.scrollTop = top;
  await fireEvent.scroll(viewport);
  await settle();
}

/** A library of `total` synthetic rows behind a keyset cursor ("after:<index>"). */
function bigLibrary(backend: FakeBackend, total: number) {
  const row = (index: number): ArticleSummary => ({
    id: `r${index}`,
    headline: `Bài số ${index + 1}`,
    status: 'draft',
    slug: `bai-${index}`,
    category: 'Thời sự',
    byline: 'Minh Anh',
    created_at: '2026-11-27T13:00:00Z',
    updated_at: '2026-11-27T13:00:00Z',
    published_at: null,
  });
  const answered: Array<{ cursor: string | null; limit: number; next: string | null }> = [];
  backend.overrides.set('library_counts', () => ({
    total,
    by_status: [{ value: 'draft', count: total }],
    by_category: [{ value: 'Thời sự', count: total }],
  }));
  backend.overrides.set('list_page', (args): LibraryPage => {
    const cursor = args.cursor as string | null;
    const limit = Math.min(args.limit as number, 1000);
    const start = cursor === null ? 0 : Number(cursor.slice('after:'.length)) + 1;
    const end = Math.min(total, start + limit);
    const next = end < total ? `after:${end - 1}` : null;
    answered.push({ cursor, limit, next });
    return { rows: Array.from({ length: end - start }, (_, i) => row(start + i)), next };
  });
  return answered;
}

/** Each page was asked for with the cursor the page before it returned. */
function expectInOrder(answered: Array<{ cursor: string | null; next: string | null }>) {
  expect(answered[0]?.cursor).toBeNull();
  for (let i = 1; i < answered.length; i++) expect(answered[i]!.cursor).toBe(answered[i - 1]!.next);
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
  it('shows the rows, newest change first, with dates as dd/mm/yyyy', async () => {
    await start(new FakeBackend(sample()));
    expect(rowIds()).toEqual(['a1', 'a2', 'a3']);
    const first = screen.getAllByTestId('article-item')[0]!;
    expect(first).toHaveTextContent('Quán triệt nghị quyết về chuyển đổi số');
    expect(first).toHaveTextContent('Bản nháp');
    expect(first).toHaveTextContent('Thời sự');
    expect(first).toHaveTextContent('Minh Anh');
    // 13:15Z in the machine's zone (tests run in UTC+7).
    expect(first).toHaveTextContent('27/11/2026 20:15');
  });

  it('opens the article a row stands for', async () => {
    const { user, selected } = await start(new FakeBackend(sample()));
    await user.click(screen.getAllByTestId('article-item')[2]!);
    expect(selected).toEqual(['a3']);
  });

  it('shows the total and the counts beside status and category', async () => {
    await start(new FakeBackend(sample()));
    expect(screen.getByTestId('library-total')).toHaveTextContent('3 bài');
    expect(screen.getByTestId('status-all')).toHaveTextContent('Tất cả 3');
    expect(screen.getByTestId('status-draft')).toHaveTextContent('Bản nháp 3');
    const options = within(screen.getByTestId('filter-category'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Mọi chuyên mục (3)', 'Thời sự (2)', 'Kinh tế (1)', 'Thế giới (0)']);
  });

  it('renders the status choices from the counts, not from a fixed list', async () => {
    const backend = new FakeBackend(sample());
    backend.overrides.set('library_counts', () => ({
      total: 100_000,
      by_status: [
        { value: 'draft', count: 99_000 },
        { value: 'review', count: 1_000 },
      ],
      by_category: [{ value: 'Thời sự', count: 100_000 }],
    }));
    await start(backend);
    expect(screen.getByTestId('library-total')).toHaveTextContent('100.000 bài');
    expect(screen.getByTestId('status-all')).toHaveTextContent('Tất cả 100.000');
    expect(screen.getByTestId('status-draft')).toHaveTextContent('Bản nháp 99.000');
    // A status this UI has no label for yet is still offered, by its name.
    expect(screen.getByTestId('status-review')).toHaveTextContent('review 1.000');
  });

  it('says so when no article matches the filters', async () => {
    const { user } = await start(new FakeBackend(sample()));
    await user.selectOptions(screen.getByTestId('filter-category'), 'Thế giới');
    await settle();
    expect(rowIds()).toEqual([]);
    expect(screen.getByText('Không có bài nào khớp bộ lọc.')).toBeInTheDocument();
    expect(screen.getByTestId('library-total')).toHaveTextContent('0 bài');
  });

  it('shows the totals in English on request', async () => {
    i18n.setLang('en');
    await start(new FakeBackend(sample()));
    expect(screen.getByTestId('library-total')).toHaveTextContent('3 articles');
    expect(screen.getByTestId('status-draft')).toHaveTextContent('Draft 3');
  });
});

describe('filters', () => {
  it('send the LibraryFilter the user set, to the list and to the counts', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    expect(lastFilter(backend)).toEqual(NO_FILTER);

    await user.click(screen.getByTestId('status-draft'));
    await user.selectOptions(screen.getByTestId('filter-category'), 'Thời sự');
    await settle();
    expect(lastFilter(backend)).toEqual({ ...NO_FILTER, status: 'draft', category: 'Thời sự' });
    expect(rowIds()).toEqual(['a1', 'a3']);

    // The author from the suggestions, picked with the mouse.
    await user.type(screen.getByTestId('filter-author'), 'duy');
    await settle(150);
    expect(backend.callsTo('suggest_people').at(-1)?.args).toEqual({ query: 'duy' });
    await user.click(screen.getByTestId('filter-author-suggestion'));
    await settle();
    expect(lastFilter(backend).author).toBe('Duy Huy');
    expect(rowIds()).toEqual(['a3']);

    // The keyword typed, Enter to apply.
    await user.type(screen.getByTestId('filter-keyword'), 'BÃO{Enter}');
    await settle();
    expect(lastFilter(backend).keyword).toBe('BÃO');
    expect(rowIds()).toEqual(['a3']);

    // Which date, and a range typed as dd/mm/yyyy.
    await user.selectOptions(screen.getByTestId('filter-date-field'), 'created');
    await user.type(screen.getByTestId('filter-date-from'), '1/11/2026{Enter}');
    await user.type(screen.getByTestId('filter-date-to'), '30/11/2026');
    await user.tab();
    await settle();

    const expected: LibraryFilter = {
      status: 'draft',
      category: 'Thời sự',
      author: 'Duy Huy',
      keyword: 'BÃO',
      date_field: 'created',
      date_from: '2026-11-01',
      date_to: '2026-11-30',
    };
    expect(lastFilter(backend)).toEqual(expected);
    expect(lastFilter(backend, 'library_counts')).toEqual(expected);
    expect(screen.getByTestId('filter-date-from')).toHaveValue('01/11/2026');
    expect(rowIds()).toEqual(['a3']);

    // Every change started the list again from the top.
    expect(backend.callsTo('list_page').every((call) => call.args.cursor === null)).toBe(true);

    await user.click(screen.getByTestId('filters-clear'));
    await settle();
    expect(lastFilter(backend)).toEqual(NO_FILTER);
    expect(rowIds()).toEqual(['a1', 'a2', 'a3']);
  });

  it('a day that does not exist is flagged and not sent', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    const before = backend.callsTo('list_page').length;
    await user.type(screen.getByTestId('filter-date-from'), '31/02/2026{Enter}');
    await settle();
    expect(screen.getByTestId('filter-date-from')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsTo('list_page')).toHaveLength(before);
  });

  it('the sort is sent and the order follows it', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.selectOptions(screen.getByTestId('library-sort'), 'headline');
    await settle();
    expect(backend.callsTo('list_page').at(-1)?.args).toMatchObject({ sort: 'headline', cursor: null });
    expect(rowIds()).toEqual(['a3', 'a2', 'a1']);

    await user.selectOptions(screen.getByTestId('library-sort'), 'published');
    await settle();
    // Published first, at the time the newsroom set (its own offset); the
    // unpublished say so instead of a date.
    expect(rowIds()[0]).toBe('a1');
    expect(screen.getAllByTestId('article-item')[0]).toHaveTextContent('20/11/2026 09:30');
    expect(screen.getAllByTestId('article-item')[1]).toHaveTextContent('Chưa xuất bản');
  });
});

describe('a library of 100,000 articles', () => {
  it('keeps a bounded number of rows in the DOM, with an honest scroll height', async () => {
    const backend = new FakeBackend([]);
    bigLibrary(backend, 100_000);
    await start(backend);

    expect(screen.getByTestId('library-total')).toHaveTextContent('100.000 bài');
    const spacer = screen.getByTestId('article-list').firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
    expect(domRows().length).toBeGreaterThan(5);
    expect(domRows().length).toBeLessThanOrEqual(30);
    expect(screen.getAllByTestId('article-item')[0]).toHaveTextContent('Bài số 1');

    for (const row of [40, 80, 120]) {
      await scrollList(row * ROW_HEIGHT);
      expect(domRows().length).toBeLessThanOrEqual(30);
    }
    expect(screen.getByText('Bài số 121')).toBeInTheDocument();
    expect(screen.queryByText('Bài số 1')).not.toBeInTheDocument();
  });

  it('fetches pages of 100 in order with the cursor as the reader scrolls', async () => {
    const backend = new FakeBackend([]);
    const answered = bigLibrary(backend, 100_000);
    await start(backend);
    expect(answered).toEqual([{ cursor: null, limit: 100, next: 'after:99' }]);

    for (let row = 10; row <= 350; row += 10) await scrollList(row * ROW_HEIGHT);
    expect(answered.map((page) => page.cursor)).toEqual([null, 'after:99', 'after:199', 'after:299']);
    expect(answered.every((page) => page.limit === 100)).toBe(true);
    expect(screen.getByText('Bài số 351')).toBeInTheDocument();
  });

  it('dragged far ahead: placeholders, then a progress line after a second, pages still in order', async () => {
    const backend = new FakeBackend([]);
    const answered = bigLibrary(backend, 100_000);
    // Each page takes 50 ms.
    const serve = backend.overrides.get('list_page')!;
    backend.overrides.set(
      'list_page',
      (args) => new Promise((resolve) => setTimeout(() => resolve(serve(args)), 50)),
    );
    await start(backend);
    await settle(50);

    await scrollList(60_000 * ROW_HEIGHT);
    expect(screen.getAllByTestId('article-placeholder').length).toBeGreaterThan(5);
    expect(domRows().length).toBeLessThanOrEqual(30);
    expect(screen.queryByTestId('list-progress')).not.toBeInTheDocument();

    await settle(1000);
    expect(screen.getByTestId('list-progress')).toHaveTextContent(/Đang tải đến bài [\d.]+\/60\.0\d\d…/);

    await settleUntil(() => screen.queryAllByTestId('article-placeholder').length === 0);
    expect(screen.getByText('Bài số 60001')).toBeInTheDocument();
    expect(screen.queryByTestId('list-progress')).not.toBeInTheDocument();
    expectInOrder(answered);
    expect(Math.max(...answered.map((page) => page.limit))).toBeLessThanOrEqual(1000);
  });

  it('changing the sort starts again from the top', async () => {
    const backend = new FakeBackend([]);
    const answered = bigLibrary(backend, 100_000);
    const { user } = await start(backend);
    await scrollList(150 * ROW_HEIGHT);
    await settle();
    expect(answered.length).toBeGreaterThan(1);

    await user.selectOptions(screen.getByTestId('library-sort'), 'headline');
    await settle();
    expect(screen.getByTestId('article-list').scrollTop).toBe(0);
    expect(backend.callsTo('list_page').at(-1)?.args).toMatchObject({ sort: 'headline', cursor: null, limit: 100 });
    expect(screen.getAllByTestId('article-item')[0]).toHaveTextContent('Bài số 1');
  });
});

describe('search as you type', () => {
  it('waits for a 150 ms pause, then shows the results with the matched words marked', async () => {
    const { user, backend, selected } = await start(new FakeBackend(sample()));
    await user.type(screen.getByTestId('library-search'), 'quan triet');
    await settle(149);
    expect(backend.callsTo('search_library')).toHaveLength(0);
    await settle(1);
    expect(backend.callsTo('search_library')).toEqual([
      { cmd: 'search_library', args: { query: 'quan triet', filter: NO_FILTER, limit: 100 } },
    ]);

    const hits = screen.getAllByTestId('search-hit');
    expect(hits.map((hit) => hit.dataset.id)).toEqual(['a1']);
    const headline = within(hits[0]!).getByTestId('hit-headline');
    expect(headline).toHaveTextContent('Quán triệt nghị quyết về chuyển đổi số');
    expect([...headline.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Quán', 'triệt']);
    expect([...within(hits[0]!).getByTestId('hit-snippet').querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'quán',
      'triệt',
    ]);
    expect(screen.getByTestId('library-total')).toHaveTextContent('1 kết quả');
    // The list is out of the way while searching.
    expect(listContainer().inert).toBe(true);
    expect(listContainer()).toHaveClass('hidden');

    await user.click(hits[0]!);
    expect(selected).toEqual(['a1']);
  });

  it('keeps markup in a result as text', async () => {
    const backend = new FakeBackend(sample());
    const evil = '<img src=x onerror="window.__pwned = 1">';
    backend.overrides.set('search_library', (): SearchHit[] => [
      {
        article: { ...backend.articles[0]!, headline: `${evil} Quán` },
        headline: [
          { text: evil, hit: true },
          { text: ' Quán', hit: false },
        ],
        snippet: [{ text: '<b>đậm</b>', hit: true }],
        score: 1,
        exact: false,
      },
    ]);
    const { user } = await start(backend);
    await user.type(screen.getByTestId('library-search'), 'img');
    await settle(150);

    const hit = screen.getByTestId('search-hit');
    expect(hit.querySelector('img, b')).toBeNull();
    expect(hit.querySelector('mark')?.textContent).toBe(evil);
    expect(within(hit).getByTestId('hit-snippet').querySelector('mark')?.textContent).toBe('<b>đậm</b>');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('drops an answer that arrives after the answer to a later query', async () => {
    const backend = new FakeBackend(sample());
    const answers = new Map<string, ReturnType<typeof deferred<SearchHit[]>>>();
    backend.overrides.set('search_library', (args) => {
      const answer = deferred<SearchHit[]>();
      answers.set(String(args.query), answer);
      return answer.promise;
    });
    const hitFor = (id: string): SearchHit => {
      const a = backend.articles.find((candidate) => candidate.id === id)!;
      return {
        article: { ...a, slug: a.slug },
        headline: [{ text: a.headline, hit: true }],
        snippet: [],
        score: 1,
        exact: false,
      };
    };
    const { user } = await start(backend);
    const box = screen.getByTestId('library-search');
    await user.type(box, 'ba');
    await settle(150);
    await user.type(box, 'o');
    await settle(150);
    expect([...answers.keys()]).toEqual(['ba', 'bao']);
    expect(screen.getByTestId('searching')).toHaveTextContent('Đang tìm…');

    answers.get('bao')!.resolve([hitFor('a3')]);
    await settle();
    answers.get('ba')!.resolve([hitFor('a2'), hitFor('a3')]);
    await settle();
    expect(screen.getAllByTestId('search-hit').map((hit) => hit.dataset.id)).toEqual(['a3']);
  });

  it('applies the filters to the search, and shows when nothing is found', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.selectOptions(screen.getByTestId('filter-category'), 'Kinh tế');
    await user.type(screen.getByTestId('library-search'), 'bão');
    await settle(150);
    expect(backend.callsTo('search_library').at(-1)?.args).toEqual({
      query: 'bão',
      filter: { ...NO_FILTER, category: 'Kinh tế' },
      limit: 100,
    });
    expect(screen.getByTestId('search-empty')).toHaveTextContent('Không tìm thấy bài nào.');

    // Changing a filter under a query searches again at once.
    await user.selectOptions(screen.getByTestId('filter-category'), 'Thời sự');
    await settle();
    expect(screen.getAllByTestId('search-hit').map((hit) => hit.dataset.id)).toEqual(['a3']);
  });

  it('an emptied box brings the list back, where it was', async () => {
    const { user, backend } = await start(new FakeBackend(sample()));
    await user.type(screen.getByTestId('library-search'), 'bão');
    await settle(150);
    await user.click(screen.getByTestId('library-search-clear'));
    await settle(200);
    expect(screen.queryByTestId('search-results')).not.toBeInTheDocument();
    expect(listContainer().inert).toBe(false);
    expect(listContainer()).not.toHaveClass('hidden');
    expect(rowIds()).toEqual(['a1', 'a2', 'a3']);
    expect(backend.callsTo('search_library')).toHaveLength(1);
  });
});
