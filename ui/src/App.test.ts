// End-to-end behaviour of the editor against a mocked backend: everything
// below `invoke` is real (components, CodeMirror, autosave, src/ipc).
import { clearMocks, emitEvent } from './ipc/testing';
import { EditorView } from '@codemirror/view';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import App from './App.svelte';
import { i18n, STORAGE_KEY } from './i18n/index.svelte';
import type { ArticleFields } from './ipc';
import { article, deferred, FakeBackend, summaryOf } from './test/backend';
import { WorkflowBackend } from './lib/workflow/testing';
import { loadPartsOnUse } from './test/on-use';

const sample = () => [
  article({
    id: 'a1',
    headline: 'Giá xăng giảm lần thứ ba',
    sapo: 'Từ 15h chiều nay, giá xăng giảm.',
    body: 'Đoạn **một**.',
    byline: 'Duy Huy',
    keywords: ['xăng', 'giá cả'],
    category: 'Kinh tế',
    slug: 'gia-xang-giam-lan-thu-ba',
    updated_at: '2026-11-27T13:15:00Z',
  }),
  article({ id: 'a2', headline: '', updated_at: '2026-11-26T01:05:00Z' }),
  article({
    id: 'a3',
    headline: 'Bão số 9 đổ bộ',
    sapo: 'Chiều nay bão số 9 đổ bộ vào đất liền các tỉnh miền Trung.',
    slug: 'bao-so-9-do-bo',
    updated_at: '2026-11-25T08:00:00Z',
  }),
  article({
    id: 'a4',
    headline: 'Bão tan, miền Trung khắc phục hậu quả',
    slug: 'bao-tan',
    updated_at: '2026-11-24T08:00:00Z',
  }),
];

/** Lets pending IPC promises and Svelte updates run, advancing fake time. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

const rows = () => screen.getAllByTestId('article-item');
const statusEl = () => screen.getByTestId('save-status');
const field = (id: string) => screen.getByTestId(`field-${id}`) as HTMLInputElement;
const saves = (backend: FakeBackend) => backend.callsTo('update_article');
const lastSaved = (backend: FakeBackend) => saves(backend).at(-1)?.args.fields as ArticleFields;

function bodyView(): EditorView {
  const view = EditorView.findFromDOM(field('body').closest('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no CodeMirror view');
  return view;
}

/** Puts the cursor (or a selection) in the body, focused, as a click would. */
function placeInBody(anchor: number, head = anchor): void {
  const view = bodyView();
  view.focus();
  view.dispatch({ selection: { anchor, head } });
}

type User = ReturnType<typeof userEvent.setup>;

/** Types at the end of the body, key by key, like a reporter would. */
async function typeInBody(user: User, text: string): Promise<void> {
  placeInBody(bodyView().state.doc.length);
  await user.type(field('body'), text, { skipClick: true });
}

async function start(backend: FakeBackend) {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const result = render(App);
  await settle();
  return { user, backend, ...result };
}

beforeAll(loadPartsOnUse);

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
    const backend = new WorkflowBackend(sample());
    const list = deferred<unknown>();
    backend.overrides.set('list_page', () => list.promise);
    render(App);
    await settle();

    expect(screen.getByTestId('loading')).toHaveTextContent('Đang tải…');
    expect(screen.queryAllByTestId('article-item')).toHaveLength(0);

    list.resolve({ rows: backend.articles.map(summaryOf), next: null });
    await settle();

    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
    const items = rows();
    expect(items.map((row) => row.dataset.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(items[0]).toHaveTextContent('Giá xăng giảm lần thứ ba');
    expect(items[0]).toHaveTextContent('Bản nháp');
    // 13:15Z shown in local time (tests run in UTC+7).
    expect(items[0]).toHaveTextContent('27/11/2026 20:15');
    expect(items[1]).toHaveTextContent('(Chưa có tiêu đề)');
    expect(items[2]).toHaveTextContent('Bão số 9 đổ bộ');
    expect(within(screen.getByTestId('article-list')).getAllByRole('button')).toHaveLength(4);
  });

  it('opens the first article into the editor', async () => {
    const { backend } = await start(new WorkflowBackend(sample()));

    expect(backend.callsTo('get_article')).toEqual([{ cmd: 'get_article', args: { id: 'a1' } }]);
    expect(rows()[0]).toHaveAttribute('aria-current', 'true');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba');
    expect(field('sapo').value).toBe('Từ 15h chiều nay, giá xăng giảm.');
    expect(field('byline').value).toBe('Duy Huy');
    expect(screen.getAllByTestId('keyword-tag').map((tag) => tag.textContent?.replace('×', '').trim())).toEqual([
      'xăng',
      'giá cả',
    ]);
    expect(field('keywords').value).toBe('');
    expect(field('category').value).toBe('Kinh tế');
    // The body is CodeMirror; its content element takes the typing and
    // exposes the text as `value`.
    expect(field('body')).toHaveAttribute('contenteditable', 'true');
    expect(field('body').value).toBe('Đoạn **một**.');
    expect(field('slug').value).toBe('gia-xang-giam-lan-thu-ba');
    expect(screen.getByTestId('slug-state')).toHaveTextContent('Tự động theo tiêu đề');
    // Preview of the opened article is rendered right away.
    expect(screen.getByTestId('preview').querySelector('h1.headline')).toHaveTextContent(
      'Giá xăng giảm lần thứ ba',
    );
  });

  it('shows an empty state and no editor when there are no articles', async () => {
    await start(new WorkflowBackend([]));
    expect(screen.getByText('Chưa có bài viết nào.')).toBeInTheDocument();
    expect(screen.queryByTestId('field-headline')).not.toBeInTheDocument();
  });

  it('shows the backend message when the list cannot be loaded', async () => {
    const backend = new WorkflowBackend([]);
    backend.overrides.set('list_page', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    await start(backend);
    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Lỗi: CSDL bị khóa');
    // Not left "loading" for ever; a new article can still be written.
    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-article')).toBeEnabled();
  });

  it('clicking a row loads that article', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.click(rows()[2]!);
    await settle();

    expect(backend.callsTo('get_article').at(-1)?.args).toEqual({ id: 'a3' });
    expect(field('headline').value).toBe('Bão số 9 đổ bộ');
    expect(field('body').value).toBe('');
    expect(rows()[2]).toHaveAttribute('aria-current', 'true');
    expect(rows()[0]).not.toHaveAttribute('aria-current');
  });

  it('reloads the list when the article has disappeared', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    // Deleted behind our back.
    backend.articles.splice(2, 1);
    await user.click(rows()[2]!);
    await settle();

    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Không tìm thấy bài viết a3');
    expect(backend.callsTo('list_page')).toHaveLength(2);
    expect(rows().map((row) => row.dataset.id)).toEqual(['a1', 'a2', 'a4']);
  });
});

describe('library search and refresh', () => {
  it('a search result opens its article in the editor', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.type(screen.getByTestId('library-search'), 'bao so 9');
    await settle(150);
    const hit = screen.getByTestId('search-hit');
    const marks = within(hit).getByTestId('hit-headline').querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['Bão', 'số', '9']);
    await user.click(hit);
    await settle();
    expect(backend.callsTo('get_article').at(-1)?.args).toEqual({ id: 'a3' });
    expect(field('headline').value).toBe('Bão số 9 đổ bộ');
    expect(screen.getByTestId('search-hit')).toHaveAttribute('aria-current', 'true');
  });

  it('typing in the editor is never held up by a search in flight', async () => {
    const backend = new WorkflowBackend(sample());
    backend.overrides.set('search_library', () => new Promise(() => {}));
    const { user } = await start(backend);
    await user.type(screen.getByTestId('library-search'), 'bao');
    await settle(150);
    await user.type(field('headline'), ' mới');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba mới');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);
  });

  it('after a save the list is read again from the top, in the new order', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.click(rows()[2]!);
    await settle();
    const before = backend.callsTo('list_page').length;

    await user.type(field('headline'), ' tối nay');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);
    // The row shows the saved headline at once, where it was.
    expect(rows()[2]).toHaveTextContent('Bão số 9 đổ bộ tối nay');
    await settle(400);

    const again = backend.callsTo('list_page').slice(before);
    expect(again).toHaveLength(1);
    expect(again[0]!.args).toMatchObject({ cursor: null });
    expect(backend.callsTo('library_counts').length).toBeGreaterThanOrEqual(2);
    // Last changed first.
    expect(rows().map((row) => row.dataset.id)).toEqual(['a3', 'a1', 'a2', 'a4']);
    expect(rows()[0]).toHaveAttribute('aria-current', 'true');
  });
});

describe('new article', () => {
  it('creates it, puts it on top, selects it and focuses the headline', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.click(screen.getByTestId('new-article'));
    await settle();

    expect(backend.callsTo('create_article')).toHaveLength(1);
    const items = rows();
    expect(items).toHaveLength(5);
    expect(items[0]!.dataset.id).toBe('new-100');
    expect(items[0]).toHaveTextContent('(Chưa có tiêu đề)');
    expect(items[0]).toHaveAttribute('aria-current', 'true');
    expect(field('headline')).toHaveFocus();
    expect(field('headline').value).toBe('');
    expect(field('body').value).toBe('');
  });
});

describe('preview', () => {
  it('follows typing within 100 ms of a pause, with the backend HTML', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    const before = backend.callsTo('preview_article').length;

    await user.clear(field('headline'));
    await user.type(field('headline'), 'Tin nóng');
    await settle(99);
    const calls = backend.callsTo('preview_article');
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.args).toMatchObject({ id: 'a1', fields: { headline: 'Tin nóng' } });
    const preview = screen.getByTestId('preview');
    expect(preview.querySelector('article.article h1.headline')).toHaveTextContent('Tin nóng');
  });

  it('follows the body editor too', async () => {
    const { user } = await start(new WorkflowBackend(sample()));
    await typeInBody(user, ' Hai');
    await settle(99);
    expect(screen.getByTestId('preview').querySelector('.body')).toHaveTextContent('Đoạn **một**. Hai');
  });
});

describe('autosave', () => {
  it('saves once, within 1 s of the last keystroke, with every field, then shows "Đã lưu"', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    expect(statusEl()).toHaveAttribute('data-state', 'idle');

    await user.type(field('headline'), ' hôm nay');
    expect(statusEl()).toHaveAttribute('data-state', 'saving');
    expect(statusEl()).toHaveTextContent('Đang lưu…');
    await settle(500);
    expect(saves(backend)).toHaveLength(0);

    await settle(500);
    expect(saves(backend)).toHaveLength(1);
    const expected: ArticleFields = {
      headline: 'Giá xăng giảm lần thứ ba hôm nay',
      sapo: 'Từ 15h chiều nay, giá xăng giảm.',
      body: 'Đoạn **một**.',
      byline: 'Duy Huy',
      authors: [],
      keywords: ['xăng', 'giá cả'],
      category: 'Kinh tế',
      published_at: null,
      slug: null,
      editor_note: '',
      photos: [],
      related: [],
    };
    expect(saves(backend)[0]!.args).toEqual({ id: 'a1', fields: expected });

    expect(statusEl()).toHaveAttribute('data-state', 'saved');
    expect(statusEl()).toHaveTextContent('Đã lưu');
    // The returned DTO refreshes the list row (headline and time) and the
    // slug shown, but never the text being typed.
    expect(rows()[0]).toHaveTextContent('Giá xăng giảm lần thứ ba hôm nay');
    expect(rows()[0]).toHaveTextContent('27/11/2026 21:01');
    expect(field('slug').value).toBe('gia-xang-giam-lan-thu-ba-hom-nay');
  });

  it('saves at least every 5 s while typing never pauses', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    placeInBody(bodyView().state.doc.length);
    // One keystroke every 300 ms for 12 s: never a 700 ms pause.
    for (let i = 0; i < 40; i++) {
      await user.type(field('body'), 'a', { skipClick: true });
      await settle(300);
    }
    const sent = saves(backend);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(3);
    // The first went out at the latest 5 s after the first keystroke.
    expect((sent[0]!.args.fields as ArticleFields).body.length - 'Đoạn **một**.'.length).toBeLessThanOrEqual(17);
  });

  it('saves as soon as a field loses focus', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.type(field('sapo'), ' Rồi.');
    expect(saves(backend)).toHaveLength(0);
    await user.click(field('byline'));
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(lastSaved(backend).sapo).toBe('Từ 15h chiều nay, giá xăng giảm. Rồi.');
  });

  it('shows "not saved" with the backend reason when a save fails', async () => {
    const backend = new WorkflowBackend(sample());
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Tiêu đề quá dài' };
    });
    const { user } = await start(backend);

    await user.type(field('headline'), '!');
    await settle(1000);
    expect(statusEl()).toHaveAttribute('data-state', 'error');
    expect(statusEl()).toHaveTextContent('Chưa lưu: Tiêu đề quá dài');
    // The text stays as typed.
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba!');
  });

  it('does not send a second save while the first is in flight', async () => {
    const backend = new WorkflowBackend(sample());
    const first = deferred<unknown>();
    let calls = 0;
    backend.overrides.set('update_article', (args) => {
      calls += 1;
      if (calls === 1) return first.promise;
      return { ...backend.articles[0]!, ...(args.fields as ArticleFields), slug: 'x' };
    });
    const { user } = await start(backend);

    await user.type(field('headline'), '1');
    await settle(1000);
    await user.type(field('headline'), '2');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);

    first.resolve({ ...backend.articles[0]!, headline: 'Giá xăng giảm lần thứ ba1' });
    await settle();
    expect(saves(backend)).toHaveLength(2);
    expect(lastSaved(backend).headline).toBe('Giá xăng giảm lần thứ ba12');
    expect(rows()[0]).toHaveTextContent('Giá xăng giảm lần thứ ba12');
  });

  it('saves pending edits immediately when switching article, and the body starts fresh', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await typeInBody(user, ' Thêm');
    await user.click(rows()[1]!);
    await settle();

    expect(saves(backend)).toHaveLength(1);
    expect(saves(backend)[0]!.args).toMatchObject({ id: 'a1', fields: { body: 'Đoạn **một**. Thêm' } });
    expect(field('headline').value).toBe('');
    expect(field('body').value).toBe('');
    // The late debounce must not fire a duplicate.
    await settle(6000);
    expect(saves(backend)).toHaveLength(1);
  });

  it('keeps the window open until pending saves are done when it is closed', async () => {
    const backend = new WorkflowBackend(sample());
    const slow = deferred<unknown>();
    backend.overrides.set('update_article', () => slow.promise);
    const { user } = await start(backend);

    await typeInBody(user, ' Câu cuối.');
    await emitEvent('tauri://close-requested');
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(lastSaved(backend).body).toBe('Đoạn **một**. Câu cuối.');
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(0);

    slow.resolve({ ...backend.articles[0]!, body: 'Đoạn **một**. Câu cuối.' });
    await settle();
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(1);
    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd !== 'preview_article');
    expect(order.slice(-2)).toEqual(['update_article', 'plugin:window|destroy']);
  });

  it('a refused save keeps the window open once, with the reason; closing again closes', async () => {
    const backend = new WorkflowBackend(sample());
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Đường dẫn đã được dùng' };
    });
    const { user } = await start(backend);
    await user.type(field('headline'), '!');
    await emitEvent('tauri://close-requested');
    await settle();
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(0);
    expect(statusEl()).toHaveTextContent('Chưa lưu: Đường dẫn đã được dùng. Đóng cửa sổ lần nữa');

    await emitEvent('tauri://close-requested');
    await settle();
    expect(backend.callsTo('plugin:window|destroy')).toHaveLength(1);
  });

  it('also flushes when the page is about to unload', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.type(field('byline'), ' - Hà Nội');
    window.dispatchEvent(new Event('beforeunload'));
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(backend.articles[0]!.byline).toBe('Duy Huy - Hà Nội');
  });

  it('undo in the body survives autosaves', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await typeInBody(user, ' X');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);
    await user.keyboard('{Control>}z{/Control}');
    expect(field('body').value).toBe('Đoạn **một**.');
  });
});

describe('body editor', () => {
  it('the bold button wraps the selection in **', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    placeInBody(0, 4); // "Đoạn"
    await user.click(screen.getByTestId('tool-bold'));
    expect(field('body').value).toBe('**Đoạn** **một**.');
    expect(bodyView().state.sliceDoc(bodyView().state.selection.main.from, bodyView().state.selection.main.to)).toBe(
      'Đoạn',
    );
    await settle(1000);
    expect(lastSaved(backend).body).toBe('**Đoạn** **một**.');
  });

  it('Ctrl+B wraps the selection in ** too, Ctrl+I in _, Ctrl+K makes a link', async () => {
    const { user } = await start(new WorkflowBackend(sample()));
    placeInBody(0, 4);
    await user.keyboard('{Control>}b{/Control}');
    expect(field('body').value).toBe('**Đoạn** **một**.');
    await user.keyboard('{Control>}i{/Control}');
    expect(field('body').value).toBe('**_Đoạn_** **một**.');
    placeInBody(0, 0);
    await user.keyboard('{Control>}k{/Control}');
    expect(field('body').value).toBe('[](https://)**_Đoạn_** **một**.');
  });

  it('the table button inserts a GFM table as its own paragraph', async () => {
    const { user } = await start(new WorkflowBackend(sample()));
    placeInBody(bodyView().state.doc.length);
    await user.click(screen.getByTestId('tool-table'));
    expect(field('body').value).toBe(
      'Đoạn **một**.\n\n| Cột 1 | Cột 2 | Cột 3 |\n| --- | --- | --- |\n|   |   |   |\n|   |   |   |\n\n',
    );
  });

  it('a key reported as "\\n" (WebDriver typing) is an Enter', async () => {
    await start(new WorkflowBackend(sample()));
    placeInBody(bodyView().state.doc.length);
    await fireEvent.keyDown(field('body'), { key: '\n' });
    await fireEvent.keyDown(field('body'), { key: '\n' });
    expect(field('body').value).toBe('Đoạn **một**.\n\n');
  });

  it('toolbar changes wait until an IME composition (Telex, VNI) has ended', async () => {
    const { user } = await start(new WorkflowBackend(sample()));
    placeInBody(0, 4);
    field('body').dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    expect(bodyView().compositionStarted).toBe(true);
    await user.click(screen.getByTestId('tool-bold'));
    await settle(200);
    // Nothing touched the document while the IME owns it.
    expect(field('body').value).toBe('Đoạn **một**.');

    field('body').dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '' }));
    await settle(100);
    expect(field('body').value).toBe('**Đoạn** **một**.');
  });

  it('pasted text is shown in NFC', async () => {
    await start(new WorkflowBackend(sample()));
    placeInBody(0);
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    const nfd = 'Hòa bình '.normalize('NFD');
    Object.defineProperty(paste, 'clipboardData', {
      value: { getData: (type: string) => (type === 'text/plain' ? nfd : ''), files: [], items: [] },
    });
    field('body').dispatchEvent(paste);
    expect(field('body').value).toBe('Hòa bình Đoạn **một**.'.normalize('NFC'));
    expect(field('body').value.startsWith(nfd)).toBe(false);
  });
});

describe('counters', () => {
  it('counts Vietnamese syllables as words, characters and reading time', async () => {
    // Nine space-separated syllables: Đảng·ủy·xã·An·Thịnh·tổ·chức·hội·nghị.
    const backend = new WorkflowBackend([article({ id: 'a1', body: 'Đảng ủy xã An Thịnh tổ chức hội nghị' })]);
    await start(backend);
    expect(screen.getByTestId('count-words')).toHaveTextContent('9 từ');
    expect(screen.getByTestId('count-words')).toHaveAttribute('title', expect.stringContaining('âm tiết'));
    expect(screen.getByTestId('count-chars')).toHaveTextContent('36 ký tự');
    expect(screen.getByTestId('count-reading')).toHaveTextContent('1 phút');
  });

  it('a headline over the limit shows a warning and keeps every character', async () => {
    const backend = new WorkflowBackend(sample());
    backend.settings.headline_max = 30;
    const { user } = await start(backend);
    expect(screen.getByTestId('headline-count')).toHaveTextContent('24/30 ký tự');
    expect(screen.queryByTestId('headline-warning')).not.toBeInTheDocument();

    await user.type(field('headline'), ' trong tuần này');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba trong tuần này');
    expect(screen.getByTestId('headline-count')).toHaveClass('over');
    expect(screen.getByTestId('headline-warning')).toHaveTextContent('Dài hơn giới hạn 9 ký tự');
  });

  it('a sapo outside the recommended range is warned about', async () => {
    const backend = new WorkflowBackend(sample());
    backend.settings.sapo_min = 40;
    backend.settings.sapo_max = 60;
    const { user } = await start(backend);
    expect(screen.getByTestId('sapo-warning')).toHaveTextContent('Ngắn hơn khuyến nghị');
    await user.type(field('sapo'), ' Giá dầu cũng giảm theo, mạnh nhất là dầu hỏa.');
    expect(screen.getByTestId('sapo-warning')).toHaveTextContent('Dài hơn khuyến nghị');
    expect(screen.getByTestId('sapo-count')).toHaveClass('over');
  });
});

describe('keywords', () => {
  it('Enter and comma add tags; Backspace on empty input and × remove them', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    const tags = () => screen.queryAllByTestId('keyword-tag').map((tag) => tag.firstChild?.textContent);

    await user.type(field('keywords'), 'dầu{Enter}vàng,');
    expect(tags()).toEqual(['xăng', 'giá cả', 'dầu', 'vàng']);
    expect(field('keywords').value).toBe('');

    await user.type(field('keywords'), '{Backspace}');
    expect(tags()).toEqual(['xăng', 'giá cả', 'dầu']);

    await user.click(screen.getAllByTestId('keyword-remove')[0]!);
    expect(tags()).toEqual(['giá cả', 'dầu']);
    await settle(1000);
    expect(lastSaved(backend).keywords).toEqual(['giá cả', 'dầu']);
  });

  it('an equivalent of an existing tag (case, tones, NFD, đ) is not added again', async () => {
    const { user } = await start(new WorkflowBackend(sample()));
    await user.type(field('keywords'), 'XANG{Enter}');
    await user.type(field('keywords'), `${'Giá Cả'.normalize('NFD')},`);
    expect(screen.getAllByTestId('keyword-tag')).toHaveLength(2);
  });

  it('a comma typed inside an IME composition waits for the composition to end', async () => {
    await start(new WorkflowBackend(sample()));
    const input = field('keywords');
    input.value = 'dầu,';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    expect(input.value).toBe('dầu,');
    expect(screen.getAllByTestId('keyword-tag')).toHaveLength(2);
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    await settle();
    expect(input.value).toBe('');
    expect(screen.getAllByTestId('keyword-tag')).toHaveLength(3);
  });

  it('offers suggestions after a short pause, and their spelling wins', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.type(field('keywords'), 'hoa binh');
    expect(screen.queryAllByTestId('keyword-suggestion')).toHaveLength(0);
    await settle(150);
    expect(backend.callsTo('suggest_keywords').at(-1)?.args).toEqual({ query: 'hoa binh' });
    expect(screen.getAllByTestId('keyword-suggestion').map((s) => s.textContent?.trim())).toEqual(['Hòa Bình']);

    // Typed without tones, Enter: the library's spelling is kept.
    await user.type(field('keywords'), '{Enter}');
    const tags = screen.getAllByTestId('keyword-tag').map((tag) => tag.firstChild?.textContent);
    expect(tags).toEqual(['xăng', 'giá cả', 'Hòa Bình']);

    // Picking a suggestion with the mouse.
    await user.type(field('keywords'), 'ha n');
    await settle(150);
    await user.click(screen.getByText('Hà Nội'));
    expect(screen.getAllByTestId('keyword-tag').map((tag) => tag.firstChild?.textContent)).toContain('Hà Nội');
  });
});

describe('category, publish time, slug, byline, authors, note', () => {
  it('the category select offers the settings categories, plus the current value', async () => {
    const backend = new WorkflowBackend(sample());
    backend.articles[0]!.category = 'Pháp luật';
    const { user } = await start(backend);
    const options = [...(field('category') as unknown as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'Pháp luật', 'Thời sự', 'Kinh tế', 'Thế giới']);
    await user.selectOptions(field('category'), 'Thế giới');
    await settle(1000);
    expect(lastSaved(backend).category).toBe('Thế giới');
  });

  it('publish time is sent as RFC 3339 with the offset and shown as the printed dateline', async () => {
    const { backend } = await start(new WorkflowBackend(sample()));
    expect(screen.getByTestId('dateline')).toHaveTextContent('Chưa đặt thời gian xuất bản');
    expect(field('offset').value).toBe('+07:00');

    await fireEvent.input(field('published-at'), { target: { value: '2022-12-06T00:00' } });
    await settle(1000);
    expect(lastSaved(backend).published_at).toBe('2022-12-06T00:00:00+07:00');
    expect(screen.getByTestId('dateline')).toHaveTextContent('Thứ 3, 06/12/2022 | 00:00:00');

    await fireEvent.change(field('offset'), { target: { value: '-05:00' } });
    await settle(1000);
    expect(lastSaved(backend).published_at).toBe('2022-12-06T00:00:00-05:00');
    expect(screen.getByTestId('dateline')).toHaveTextContent('Thứ 3, 06/12/2022 | 00:00:00');

    await fireEvent.click(screen.getByTestId('publish-clear'));
    await settle(1000);
    expect(lastSaved(backend).published_at).toBeNull();
  });

  it('keeps the article own offset from the backend', async () => {
    const backend = new WorkflowBackend(sample());
    backend.articles[0]!.published_at = '2022-12-05T23:30:00+09:00';
    await start(backend);
    // The input shows seconds only when they are not zero, as browsers do.
    expect(field('published-at').value).toBe('2022-12-05T23:30');
    expect(field('offset').value).toBe('+09:00');
    expect(screen.getByTestId('dateline')).toHaveTextContent('Thứ 2, 05/12/2022 | 23:30:00');
  });

  it('a typed slug is manual; "follow headline" makes it automatic again; refusals show by the field', async () => {
    const backend = new WorkflowBackend(sample());
    const { user } = await start(backend);

    await user.clear(field('slug'));
    await user.type(field('slug'), 'gia-xang');
    await settle(1000);
    expect(lastSaved(backend).slug).toBe('gia-xang');
    expect(screen.getByTestId('slug-state')).toHaveTextContent('Đặt tay');

    await user.click(screen.getByTestId('slug-follow'));
    await settle(1000);
    expect(lastSaved(backend).slug).toBeNull();
    expect(field('slug').value).toBe('gia-xang-giam-lan-thu-ba');

    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Đường dẫn "bao-so-9-do-bo" đã được dùng' };
    });
    await user.clear(field('slug'));
    await user.type(field('slug'), 'bao-so-9-do-bo');
    await settle(1000);
    expect(screen.getByTestId('slug-error')).toHaveTextContent('Đường dẫn "bao-so-9-do-bo" đã được dùng');
    expect(field('slug').value).toBe('bao-so-9-do-bo');
  });

  it('authors: add rows with a translated role, remove them', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.click(screen.getByTestId('author-add'));
    expect(screen.getByTestId('author-name')).toHaveFocus();
    await user.keyboard('Duy Huy');
    await user.click(screen.getByTestId('author-add'));
    await user.type(screen.getAllByTestId('author-name')[1]!, 'Ngọc Thắng');
    await user.selectOptions(screen.getAllByTestId('author-role')[1]!, 'Phóng viên ảnh');
    await settle(1000);
    expect(lastSaved(backend).authors).toEqual([
      { name: 'Duy Huy', role: 'reporter' },
      { name: 'Ngọc Thắng', role: 'photographer' },
    ]);

    await user.click(screen.getAllByTestId('author-remove')[0]!);
    await settle(1000);
    expect(lastSaved(backend).authors).toEqual([{ name: 'Ngọc Thắng', role: 'photographer' }]);
  });

  it("the editor's note is labelled internal and saved", async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    expect(screen.getByText('Nội bộ tòa soạn — không bao giờ xuất bản')).toBeInTheDocument();
    await user.type(field('editor-note'), 'Kiểm tra lại giá');
    await settle(1000);
    expect(lastSaved(backend).editor_note).toBe('Kiểm tra lại giá');
  });
});

describe('related articles', () => {
  it('search adds a reference by slug; up/down reorder it; remove drops it', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.type(screen.getByTestId('related-search'), 'bao');
    await settle(150);
    expect(backend.callsTo('search_articles').at(-1)?.args).toEqual({ query: 'bao', excludeId: 'a1' });
    const results = screen.getAllByTestId('related-result');
    expect(results).toHaveLength(2);
    expect(results[0]).toHaveTextContent('Bão số 9 đổ bộ');
    expect(results[0]).toHaveTextContent('Chiều nay bão số 9');

    await user.click(within(results[0]!).getByTestId('related-add'));
    await user.click(within(results[1]!).getByTestId('related-add'));
    const items = () => screen.getAllByTestId('related-item').map((item) => item.dataset.reference);
    expect(items()).toEqual(['bao-so-9-do-bo', 'bao-tan']);
    expect(within(results[0]!).getByTestId('related-add')).toBeDisabled();

    await user.click(screen.getAllByTestId('related-up')[1]!);
    expect(items()).toEqual(['bao-tan', 'bao-so-9-do-bo']);
    await user.click(screen.getAllByTestId('related-down')[0]!);
    expect(items()).toEqual(['bao-so-9-do-bo', 'bao-tan']);
    await settle(1000);
    expect(lastSaved(backend).related).toEqual(['bao-so-9-do-bo', 'bao-tan']);

    await user.click(screen.getAllByTestId('related-remove')[0]!);
    await settle(1000);
    expect(lastSaved(backend).related).toEqual(['bao-tan']);
  });

  it('an unresolved reference says it is not in the library yet', async () => {
    const backend = new WorkflowBackend(sample());
    backend.articles[0]!.related = [
      { reference: 'bai-chua-viet', resolved: null },
      { reference: 'bao-tan', resolved: { id: 'a4', slug: 'bao-tan', headline: 'Bão tan', excerpt: 'Tóm tắt' } },
    ];
    const { user } = await start(backend);
    const items = screen.getAllByTestId('related-item');
    expect(items[0]).toHaveTextContent('bai-chua-viet — chưa có trong thư viện');
    expect(items[1]).toHaveTextContent('Bão tan');
    expect(items[1]).toHaveTextContent('Tóm tắt');

    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getAllByTestId('related-item')[0]).toHaveTextContent('bai-chua-viet — not in the library yet');
  });
});

describe('photos', () => {
  const jpeg = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'Lũ về Huế.jpg', { type: 'image/jpeg' });
  /** "Add photos", and the desktop's chooser (opened by the backend) answers with `names`. */
  const pickPhotos = async (user: { click: (element: Element) => Promise<void> }, backend: FakeBackend, names: string[]) => {
    backend.chooser.push(names);
    await user.click(screen.getByTestId('photo-add'));
  };

  it('"add photos" has the backend open the chooser and store the file, and shows a prefilled placement', async () => {
    const backend = new WorkflowBackend(sample());
    const sha = 'ab'.repeat(32);
    const hold = deferred<void>();
    backend.overrides.set('add_photo_files', () =>
      hold.promise.then(() => [
        {
          sha256: sha,
          file: 'abababab.jpg',
          width: 1200,
          height: 800,
          mime: 'image/jpeg',
          caption: 'Nước lên cao',
          creator: 'Ngọc Thắng',
        },
      ]),
    );
    const { user } = await start(backend);

    await pickPhotos(user, backend, ['Lũ về Huế.jpg']);
    await settle(5);
    expect(screen.getByTestId('photo-progress')).toHaveTextContent('Đang thêm ảnh…');
    expect(backend.chooserTitles).toEqual(['Chọn ảnh (JPEG, PNG, WebP)']);
    expect(backend.callsTo('add_photo_files')).toEqual([
      { cmd: 'add_photo_files', args: { chosen: expect.any(Number), indexes: [0] } },
    ]);

    hold.resolve();
    await settle(5);
    expect(screen.queryByTestId('photo-progress')).not.toBeInTheDocument();
    const item = screen.getByTestId('photo-item');
    expect((within(item).getByTestId('photo-caption') as HTMLTextAreaElement).value).toBe('Nước lên cao');
    expect((within(item).getByTestId('photo-credit') as HTMLInputElement).value).toBe('Ngọc Thắng');
    expect((within(item).getByTestId('photo-alt') as HTMLInputElement).value).toBe('');
    expect(within(item).getByTestId('photo-featured')).not.toBeChecked();
    expect(within(item).getByRole('img')).toHaveAttribute('src', `byline://localhost/photo/${sha}?w=320`);

    await settle(1000);
    expect(lastSaved(backend).photos).toEqual([
      { sha256: sha, file: 'abababab.jpg', caption: 'Nước lên cao', credit: 'Ngọc Thắng', alt: '', featured: false },
    ]);
  });

  it('a photo without embedded metadata gets empty caption and credit', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await pickPhotos(user, backend, ['Lũ về Huế.jpg']);
    await settle(5);
    expect((screen.getByTestId('photo-caption') as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByTestId('photo-credit') as HTMLInputElement).value).toBe('');
  });

  it('"insert into body" puts ![alt](file) in the body as its own paragraph', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await pickPhotos(user, backend, ['Lũ về Huế.jpg']);
    await settle(5);
    await user.type(screen.getByTestId('photo-alt'), 'Đường ngập');
    placeInBody(bodyView().state.doc.length);
    await user.click(screen.getByTestId('photo-insert'));
    const file = lastPhotoFile();
    expect(field('body').value).toBe(`Đoạn **một**.\n\n![Đường ngập](${file})\n\n`);

    // The toolbar's photo button inserts the same (last added) photo.
    placeInBody(0);
    await user.click(screen.getByTestId('tool-photo'));
    expect(field('body').value.startsWith(`![Đường ngập](${file})\n\nĐoạn`)).toBe(true);
    await settle(1000);
    expect(lastSaved(backend).body).toBe(field('body').value);
  });

  it('dragging a photo carries its Markdown, as its own paragraph, to drop into the body', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await pickPhotos(user, backend, ['Lũ về Huế.jpg']);
    await settle(5);
    await user.type(screen.getByTestId('photo-alt'), 'Đường ngập');
    const carried: Record<string, string> = {};
    const event = new Event('dragstart', { bubbles: true });
    Object.defineProperty(event, 'dataTransfer', {
      value: { setData: (type: string, value: string) => (carried[type] = value) },
    });
    screen.getByTestId('photo-thumb').dispatchEvent(event);
    expect(carried['text/plain']).toBe(`\n\n![Đường ngập](${lastPhotoFile()})\n\n`);
  });

  it('featured is exclusive', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await pickPhotos(user, backend, ['Lũ về Huế.jpg', 'b.png']);
    await settle(5);
    const radios = () => screen.getAllByTestId('photo-featured') as HTMLInputElement[];
    expect(radios()).toHaveLength(2);
    await user.click(radios()[0]!);
    await user.click(radios()[1]!);
    expect(radios().map((radio) => radio.checked)).toEqual([false, true]);
    await settle(1000);
    expect(lastSaved(backend).photos.map((photo) => photo.featured)).toEqual([false, true]);
  });

  it('shows the backend message naming a refused file, and keeps the others', async () => {
    const backend = new WorkflowBackend(sample());
    backend.photoFiles.set('notes.png', { error: 'Tệp notes.png không phải là ảnh' });
    const { user } = await start(backend);
    await pickPhotos(user, backend, ['notes.png', 'Lũ về Huế.jpg']);
    await settle(5);
    expect(screen.getByTestId('photo-errors')).toHaveTextContent('Tệp notes.png không phải là ảnh');
    expect(screen.getAllByTestId('photo-item')).toHaveLength(1);
  });

  it('files dropped onto the window (kept by the backend, or HTML5 files) are added', async () => {
    const { backend } = await start(new WorkflowBackend(sample()));
    // The webview's own drag events carry paths: they are not acted on.
    await emitEvent('tauri://drag-drop', { paths: ['/home/pv/anh-1.jpg'], position: { x: 0, y: 0 } });
    await settle();
    expect(backend.callsTo('add_photo_files')).toHaveLength(0);
    const dropped = await backend.drop(['anh-1.jpg']);
    await settle();
    expect(backend.callsTo('add_photo_files').at(-1)?.args).toEqual({ chosen: dropped.id, indexes: [0] });
    expect(screen.getAllByTestId('photo-item')).toHaveLength(1);

    await fireEvent.drop(window, { dataTransfer: { files: [jpeg()], types: ['Files'] } });
    await settle(5);
    expect(backend.callsTo('add_photo')).toHaveLength(1);
    expect(screen.getAllByTestId('photo-item')).toHaveLength(2);
  });

  it('an image pasted into the body is added and placed at the cursor', async () => {
    const { backend } = await start(new WorkflowBackend(sample()));
    placeInBody(bodyView().state.doc.length);
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', {
      value: { getData: () => '', files: [jpeg()], items: [] },
    });
    field('body').dispatchEvent(paste);
    await settle(5);
    expect(backend.callsTo('add_photo')).toHaveLength(1);
    expect(field('body').value).toBe(`Đoạn **một**.\n\n![](${lastPhotoFile()})\n\n`);
  });

  function lastPhotoFile(): string {
    const items = screen.getAllByTestId('photo-item');
    return `${items.at(-1)!.dataset.sha256!.slice(0, 12)}.jpg`;
  }
});

describe('settings', () => {
  it('the dialog saves limits and categories, and the category select offers them', async () => {
    const { user, backend } = await start(new WorkflowBackend(sample()));
    await user.click(screen.getByTestId('settings-open'));
    const dialog = screen.getByTestId('settings-dialog');
    expect((within(dialog).getByTestId('settings-headline-max') as HTMLInputElement).value).toBe('100');

    await user.clear(within(dialog).getByTestId('settings-headline-max'));
    await user.type(within(dialog).getByTestId('settings-headline-max'), '80');
    // Rename, remove, add, reorder.
    const names = () => within(dialog).getAllByTestId('settings-category') as HTMLInputElement[];
    await user.clear(names()[0]!);
    await user.type(names()[0]!, 'Thời sự - Chính trị');
    await user.click(within(dialog).getAllByTestId('settings-category-remove')[2]!);
    await user.type(within(dialog).getByTestId('settings-new-category'), 'Pháp luật{Enter}');
    await user.click(within(dialog).getAllByTestId('settings-category-up')[2]!);
    expect(names().map((input) => input.value)).toEqual(['Thời sự - Chính trị', 'Pháp luật', 'Kinh tế']);
    // The website's address, explained where it is typed.
    const baseUrl = within(dialog).getByLabelText('Địa chỉ trang web');
    expect(baseUrl).toHaveAccessibleDescription(/liên kết trong trang xuất bản/);
    await user.type(baseUrl, '  https://toasoan.example.vn/tin ');
    // Photos leave protected unless the newsroom asks, knowing why.
    const keep = within(dialog).getByLabelText(/giữ nguyên mọi siêu dữ liệu/) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    expect(keep).toHaveAccessibleDescription(/làm lộ nguồn tin/);
    await user.click(keep);

    await user.click(within(dialog).getByTestId('settings-save'));
    await settle();
    expect(backend.callsTo('update_settings').at(-1)?.args).toEqual({
      settings: {
        headline_max: 80,
        sapo_min: 20,
        sapo_max: 300,
        categories: ['Thời sự - Chính trị', 'Pháp luật', 'Kinh tế'],
        base_url: 'https://toasoan.example.vn/tin',
        keep_photo_metadata: true,
      },
    });
    expect(screen.queryByTestId('settings-dialog')).not.toBeInTheDocument();

    const options = [...(field('category') as unknown as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'Thời sự - Chính trị', 'Pháp luật', 'Kinh tế']);
    expect(screen.getByTestId('headline-count')).toHaveTextContent('24/80 ký tự');
  });

  it('shows the backend refusal inside the dialog and keeps it open', async () => {
    const backend = new WorkflowBackend(sample());
    backend.overrides.set('update_settings', () => {
      throw { code: 'invalid', message: 'Chuyên mục trùng tên' };
    });
    const { user } = await start(backend);
    await user.click(screen.getByTestId('settings-open'));
    await user.click(screen.getByTestId('settings-save'));
    await settle();
    expect(screen.getByTestId('settings-error')).toHaveTextContent('Chuyên mục trùng tên');
    expect(screen.getByTestId('settings-dialog')).toBeInTheDocument();
  });
});

describe('language', () => {
  it('switches visible text to English and remembers it', async () => {
    const { user, unmount } = await start(new WorkflowBackend(sample()));
    expect(screen.getByTestId('new-article')).toHaveTextContent('Bài viết mới');
    expect(screen.getByLabelText('Tiêu đề')).toBe(field('headline'));
    expect(document.documentElement.lang).toBe('vi');

    await user.click(screen.getByTestId('lang-switch'));

    expect(screen.getByTestId('new-article')).toHaveTextContent('New article');
    expect(screen.getByLabelText('Headline')).toBe(field('headline'));
    expect(rows()[1]).toHaveTextContent('(Untitled)');
    expect(rows()[0]).toHaveTextContent('Draft');
    expect(rows()[0]).toHaveTextContent('27 Nov 2026, 20:15');
    expect(screen.getByTestId('count-words')).toHaveTextContent('2 words');
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
