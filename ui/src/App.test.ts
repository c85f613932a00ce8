// The window's layout and the wiring between its panes, against the
// in-memory backend: the list, the editor and the pane beside it, the top
// bar, the dialogs, and the events of the window (closing, files dropped,
// Ctrl+S, the library changed). What each pane does is tested with its
// store (lib/session, lib/workflow, lib/exchange, lib/photos) or its
// component; here only that the window puts them together. Everything
// below `invoke` is real.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import App from './App.svelte';
import { i18n, STORAGE_KEY } from './i18n/index.svelte';
import type { ArticleFields, Profile } from './ipc';
import { emitEvent } from './ipc/testing';
import { CONFLICT, ExchangeBackend } from './lib/exchange/testing';
import { newsroomChecks } from './lib/workflow/testing';
import { deferred, summaryOf, type FakeBackend } from './test/backend';
import { field, typeInBody } from './test/editor';
import { freshEachTest, settle } from './test/fresh';
import { loadPartsOnUse } from './test/on-use';
import { newsroomSample } from './test/sample';

const REPORTER: Profile = { name: 'Duy Huy', role: 'reporter' };

/** The sample library with every command: a profile, the workflow, export and import. */
function library(profile: Profile | null = REPORTER): ExchangeBackend {
  const backend = new ExchangeBackend(newsroomSample());
  backend.profile = profile;
  return backend;
}

const rows = () => screen.getAllByTestId('article-item');
const rowIds = () => rows().map((row) => row.dataset.id);
const firstRow = () => rows()[0]!;
const statusEl = () => screen.getByTestId('save-status');
const editorId = () => screen.getByTestId('editor').dataset.articleId;
const saves = (backend: FakeBackend) => backend.callsTo('update_article');
const lastSaved = (backend: FakeBackend) => saves(backend).at(-1)?.args.fields as ArticleFields;
const moveButtons = () =>
  within(screen.getByTestId('workflow-bar'))
    .queryAllByRole('button')
    .map((button) => button.textContent?.trim());
const jpeg = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'Lũ về Huế.jpg', { type: 'image/jpeg' });
const zip = (name: string) => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name, { type: 'application/zip' });

async function start<B extends FakeBackend>(backend: B) {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const result = render(App);
  await settle();
  return { user, backend, ...result };
}

beforeAll(loadPartsOnUse);
freshEachTest();

describe('the library list beside the editor', () => {
  it('shows "Đang tải…" until the list arrives, then the rows in backend order', async () => {
    const backend = library();
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
    const { backend } = await start(library());

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
    await start(new ExchangeBackend([]));
    expect(screen.getByText('Chưa có bài viết nào.')).toBeInTheDocument();
    expect(screen.queryByTestId('field-headline')).not.toBeInTheDocument();
  });

  it('shows the backend message when the list cannot be loaded', async () => {
    const backend = new ExchangeBackend([]);
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

  it('a search result opens its article in the editor', async () => {
    const { user, backend } = await start(library());
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
    const backend = library();
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
    const { user, backend } = await start(library());
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

  it('a new article is created, put on top, selected, and its headline focused', async () => {
    const { user, backend } = await start(library());
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

  it('saves pending edits immediately when switching article, and the body starts fresh', async () => {
    const { user, backend } = await start(library());
    await typeInBody(user, ' Thêm');
    await user.click(rows()[1]!);
    await settle();

    expect(backend.callsTo('get_article').at(-1)?.args).toEqual({ id: 'a2' });
    expect(rows()[1]).toHaveAttribute('aria-current', 'true');
    expect(rows()[0]).not.toHaveAttribute('aria-current');
    expect(saves(backend)).toHaveLength(1);
    expect(saves(backend)[0]!.args).toMatchObject({ id: 'a1', fields: { body: 'Đoạn **một**. Thêm' } });
    expect(field('headline').value).toBe('');
    expect(field('body').value).toBe('');
    // The late debounce must not fire a duplicate.
    await settle(6000);
    expect(saves(backend)).toHaveLength(1);
  });
});

describe('the window', () => {
  it('keeps the window open until pending saves are done when it is closed', async () => {
    const backend = library();
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

  it('also flushes when the page is about to unload', async () => {
    const { user, backend } = await start(library());
    await user.type(field('byline'), ' - Hà Nội');
    window.dispatchEvent(new Event('beforeunload'));
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(backend.articles[0]!.byline).toBe('Duy Huy - Hà Nội');
  });

  it('the library changed outside: the list is read again, and the open article shown as it is now', async () => {
    const { backend } = await start(library());
    const lists = backend.callsTo('list_page').length;
    Object.assign(backend.articles[2]!, { headline: 'Bão số 9 đổ bộ vào Huế', updated_at: '2026-11-28T09:00:00Z' });
    Object.assign(backend.articles[0]!, { headline: 'Giá xăng giảm lần thứ tư', updated_at: '2026-11-28T09:01:00Z' });
    await emitEvent('library-changed', {});
    await settle();
    expect(backend.callsTo('list_page').length).toBeGreaterThan(lists);
    expect(rowIds()).toEqual(['a1', 'a3', 'a2', 'a4']);
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ tư');
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Bài này vừa được cập nhật từ bên ngoài ứng dụng.');
  });

  it('files dropped on the window: packages are imported, the rest added to the open article as photos', async () => {
    const backend = library();
    backend.packages.set('bao.zip', { article: { id: 'a2', headline: 'Bão số 9 đổ bộ' }, outcome: 'fast_forward' });
    backend.packages.set('hong.zip', { error: 'hong.zip: not a readable zip file (invalid Zip archive)' });
    backend.packages.set('goi.zip', { article: { id: 'c1', headline: 'Bài từ gói' }, outcome: 'created' });
    await start(backend);
    // The webview's own drag events carry paths: they are not acted on.
    await emitEvent('tauri://drag-drop', { paths: ['/home/pv/anh-1.jpg'], position: { x: 0, y: 0 } });
    await settle();
    expect(backend.callsTo('add_photo_files')).toHaveLength(0);

    // Kept by the backend, or HTML5 files: a photo is added to the open article.
    const photo = await backend.drop(['anh-1.jpg']);
    await settle();
    expect(backend.callsTo('add_photo_files').at(-1)?.args).toEqual({ chosen: photo.id, indexes: [0] });
    expect(screen.getAllByTestId('photo-item')).toHaveLength(1);
    await fireEvent.drop(window, { dataTransfer: { files: [jpeg()], types: ['Files'] } });
    await settle(5);
    expect(backend.callsTo('add_photo')).toHaveLength(1);
    expect(screen.getAllByTestId('photo-item')).toHaveLength(2);

    // A package is imported by the number the backend kept it under, never added as a photo.
    const dropped = await backend.drop(['bao.zip']);
    await settle(500);
    expect(backend.callsTo('import_package_file').at(-1)?.args).toEqual({ chosen: dropped.id, index: 0 });
    expect(backend.callsTo('add_photo_files')).toHaveLength(1);
    expect(screen.getByTestId('import-notice')).toHaveTextContent('Đã cập nhật (fast-forward)');
    expect(editorId()).toBe('a2');
    await backend.drop(['hong.zip']);
    await settle(500);
    const notice = screen.getByTestId('import-notice');
    expect(notice.dataset.kind).toBe('failed');
    expect(notice).toHaveTextContent('Không nhập được hong.zip: hong.zip: not a readable zip file (invalid Zip archive)');
    await fireEvent.drop(window, { dataTransfer: { files: [zip('goi.zip')], types: ['Files'] } });
    await settle(500);
    expect(backend.callsTo('import_package')).toHaveLength(1);
    expect(backend.callsTo('add_photo')).toHaveLength(1);
    expect(editorId()).toBe('c1');
  });

  it('Cmd+S works too, from anywhere, and the webview never gets its own "save page"', async () => {
    const { backend } = await start(library());
    const notCancelled = await fireEvent.keyDown(document.body, { key: 's', code: 'KeyS', metaKey: true });
    await settle();
    expect(notCancelled).toBe(false);
    expect(backend.callsTo('save_revision')).toHaveLength(1);
  });

  it('saves the article as a revision, with what was just typed, and says so', async () => {
    const { user, backend } = await start(library());
    await user.type(field('sapo'), ' Mạnh');
    await user.keyboard('{Control>}s{/Control}');
    await settle();

    const revisions = backend.callsTo('save_revision');
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.args.id).toBe('a1');
    expect((revisions[0]!.args.fields as ArticleFields).sapo).toBe('Từ 15h chiều nay, giá xăng giảm. Mạnh');
    expect(screen.getByTestId('save-status')).toHaveTextContent('Đã lưu phiên bản');
    // The pending autosave went out first, not after.
    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'save_revision');
    expect(order).toEqual(['update_article', 'save_revision']);

    // The next ordinary save is just "saved" again.
    await user.type(field('sapo'), '!');
    await settle(1000);
    expect(screen.getByTestId('save-status')).toHaveTextContent(/^Đã lưu$/);
  });

  it('switches visible text to English and remembers it', async () => {
    const { user, unmount } = await start(library());
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

describe('the top bar\'s dialogs', () => {
  it('the dialog saves limits and categories, and the category select offers them', async () => {
    const { user, backend } = await start(library());
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
    const backend = library();
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

  it('a new library asks for a name and a role first, and will not go away without a name', async () => {
    const { user, backend } = await start(library(null));

    const dialog = screen.getByTestId('profile-dialog');
    expect(dialog).toHaveTextContent('Bạn là ai?');
    expect(within(dialog).getByText('Phóng viên')).toBeInTheDocument();
    expect(within(dialog).getByText('Biên tập viên')).toBeInTheDocument();
    expect(screen.getByTestId('profile-role-reporter')).toBeChecked();
    expect(screen.getByTestId('profile-save')).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Hủy' })).not.toBeInTheDocument();
    // Neither Escape nor a name of spaces lets it go.
    await user.keyboard('{Escape}');
    await user.type(screen.getByTestId('profile-name'), '   ');
    expect(screen.getByTestId('profile-save')).toBeDisabled();
    expect(screen.getByTestId('profile-dialog')).toBeInTheDocument();
    // Until then the workflow offers no moves.
    expect(screen.queryByTestId('move-submitted')).not.toBeInTheDocument();

    await user.clear(screen.getByTestId('profile-name'));
    await user.type(screen.getByTestId('profile-name'), '  Nguyễn Thu Hà ');
    await user.click(screen.getByTestId('profile-role-editor'));
    await user.click(screen.getByTestId('profile-save'));
    await settle();

    expect(backend.callsTo('set_profile').map((call) => call.args)).toEqual([
      { profile: { name: 'Nguyễn Thu Hà', role: 'editor' } },
    ]);
    expect(screen.queryByTestId('profile-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('profile-button')).toHaveTextContent('Nguyễn Thu Hà · Biên tập viên');
    // An editor's moves from a draft.
    expect(screen.getByTestId('move-spiked')).toHaveTextContent('Hủy bài');
  });

  it('the top bar and Settings both open the profile to change it; cancel keeps it', async () => {
    const { user, backend } = await start(library());
    // A library with a profile opens straight to work, and says who it is.
    expect(screen.queryByTestId('profile-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('profile-button')).toHaveTextContent('Duy Huy · Phóng viên');

    await user.click(screen.getByTestId('profile-button'));
    expect(screen.getByTestId('profile-name')).toHaveValue('Duy Huy');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('profile-dialog')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('settings-open'));
    expect(screen.getByTestId('settings-profile')).toHaveTextContent('Duy Huy · Phóng viên');
    await user.click(screen.getByTestId('settings-profile-change'));
    expect(screen.queryByTestId('settings-dialog')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('profile-role-editor'));
    await user.click(screen.getByTestId('profile-save'));
    await settle();

    expect(backend.profile).toEqual({ name: 'Duy Huy', role: 'editor' });
    expect(screen.getByTestId('profile-button')).toHaveTextContent('Duy Huy · Biên tập viên');
    expect(screen.queryByTestId('move-submitted')).not.toBeInTheDocument();
    expect(screen.getByTestId('move-spiked')).toBeInTheDocument();
  });
});

describe('the editor\'s bar', () => {
  it('submitting saves pending typing first, then moves; the status and the list row follow', async () => {
    const { user, backend } = await start(library());
    await user.type(field('headline'), ' nữa');
    await user.click(screen.getByTestId('move-submitted'));
    const dialog = screen.getByTestId('move-dialog');
    expect(dialog).toHaveTextContent('Gửi duyệt');
    expect(dialog).toHaveTextContent('Bản nháp → Đã gửi');
    expect(screen.getByTestId('move-confirm')).toBeEnabled();
    await user.type(screen.getByTestId('move-note'), 'Nhờ anh xem giúp');
    await user.click(screen.getByTestId('move-confirm'));
    await settle();

    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'move_article');
    expect(order.at(-2)).toBe('update_article');
    expect(order.at(-1)).toBe('move_article');
    expect(backend.callsTo('update_article').at(-1)?.args.fields).toMatchObject({
      headline: 'Giá xăng giảm lần thứ ba nữa',
    });
    expect(backend.callsTo('move_article').map((call) => call.args)).toEqual([
      { id: 'a1', to: 'submitted', note: 'Nhờ anh xem giúp', overrideReason: null },
    ]);
    expect(screen.queryByTestId('move-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', 'submitted');
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('Đã gửi');
    expect(firstRow()).toHaveTextContent('Đã gửi');
    // A reporter can now only take it back.
    expect(moveButtons()).toEqual(['Rút lại']);
  });

  it('the editor exports its article; the library exports its current filter', async () => {
    const { user, backend } = await start(library());
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
    expect(screen.getByTestId('export-scope-filter-label')).toHaveTextContent('Cả thư viện: 4 bài');
    // The folder the backend exports into is shown.
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Tài liệu/Byline');
    await user.click(screen.getByTestId('export-start'));
    await settle();
    expect(backend.callsTo('export_articles').at(-1)?.args).toMatchObject({ ids: [], filter: { status: null } });
    expect(screen.getByTestId('export-result')).toHaveTextContent('Đã xuất 4 bài');
  });

  it('lands the edits being typed before it exports', async () => {
    const { user, backend } = await start(library());
    await user.type(field('headline'), ' nữa');
    await user.click(screen.getByTestId('export-open'));
    await user.click(screen.getByTestId('export-start'));
    await settle();
    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'export_articles');
    expect(order.at(-1)).toBe('export_articles');
    expect(order).toContain('update_article');
    expect(backend.articles[0]!.headline).toBe('Giá xăng giảm lần thứ ba nữa');
  });

  it('a package picked in the library: "created" notice, the article opened, the list refreshed', async () => {
    const backend = library();
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
});

describe('the pane beside the editor', () => {
  it('has a preview tab, shown first, and a checklist tab', async () => {
    const { user } = await start(library());
    expect(screen.getByTestId('side-tab-preview')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('preview')).toBeInTheDocument();
    await user.click(screen.getByTestId('side-tab-checklist'));
    expect(screen.getByTestId('side-tab-checklist')).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByTestId('preview')).not.toBeInTheDocument();
    expect(screen.getByTestId('checklist-panel')).toBeInTheDocument();
    await user.click(screen.getByTestId('side-tab-preview'));
    expect(screen.getByTestId('preview')).toBeInTheDocument();
  });

  it('the checklist lists blocking findings first with their field, counts them on the tab, and follows typing', async () => {
    const backend = library();
    backend.articles[0]!.headline = '';
    backend.articles[0]!.keywords = [];
    backend.check = newsroomChecks;
    const { user } = await start(backend);

    // Counted on the tab before it is opened.
    expect(screen.getByTestId('side-tab-badge')).toHaveTextContent('1');
    expect(screen.getByRole('tab', { name: 'Kiểm tra 1 lỗi phải sửa trước khi đăng' })).toBe(
      screen.getByTestId('side-tab-checklist'),
    );
    await user.click(screen.getByTestId('side-tab-checklist'));
    const items = () => screen.queryAllByTestId('checklist-item');
    expect(items().map((item) => [item.dataset.severity, item.dataset.rule])).toEqual([
      ['blocking', 'headline_missing'],
      ['warning', 'few_keywords'],
    ]);
    expect(items()[0]).toHaveTextContent('Chưa có tiêu đề.');

    const before = backend.callsTo('check_article').length;
    await user.type(field('headline'), 'Xăng giảm');
    // Typing does not ask on every key.
    expect(backend.callsTo('check_article')).toHaveLength(before);
    await settle(300);
    expect(backend.callsTo('check_article')).toHaveLength(before + 1);
    expect((backend.callsTo('check_article').at(-1)!.args.fields as ArticleFields).headline).toBe('Xăng giảm');
    expect(items().map((item) => item.dataset.rule)).toEqual(['few_keywords']);
    expect(screen.queryByTestId('side-tab-badge')).not.toBeInTheDocument();

    // In English, the messages come back in English.
    await user.click(screen.getByTestId('lang-switch'));
    await settle(300);
    expect(items()[0]).toHaveTextContent('Keywords');
    expect(items()[0]).toHaveTextContent('Fewer than 2 keywords.');
  });

  async function withConflict() {
    const backend = library();
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
});
