// Typing in the open article: the editor's pane wired to the stores as in
// the window (lib/session/workspace.ts), without the rest of it. What is
// typed reaches the backend through the session; the body (CodeMirror),
// the counters, keywords, related articles and photos as a person meets
// them. Everything below `invoke` is real.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { ArticleFields } from '../../ipc';
import { article, deferred, FakeBackend } from '../../test/backend';
import { bodyView, field, placeInBody, typeInBody } from '../../test/editor';
import { freshEachTest, settle } from '../../test/fresh';
import { FLOOD_PHOTO, newsroomSample } from '../../test/sample';
import { workspaceOver } from '../../test/workspace';
import { CONFLICT, ExchangeBackend } from '../exchange/testing';
import EditorPane from './EditorPane.svelte';

const saves = (backend: FakeBackend) => backend.callsTo('update_article');
const lastSaved = (backend: FakeBackend) => saves(backend).at(-1)?.args.fields as ArticleFields;

/** The stores over `backend`, article `id` open in the editor's pane. */
async function start(backend: FakeBackend, id = 'a1') {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  let pane: ReturnType<typeof EditorPane> | undefined;
  const stores = workspaceOver(backend, { body: () => pane });
  await stores.session.open(id);
  const result = render(EditorPane, { props: { workspace: stores.workspace, settings: backend.settings, readOnly: false } });
  pane = result.component;
  await settle();
  return { user, backend, ...stores, ...result };
}

freshEachTest();

describe('typing, saved and previewed', () => {
  it('follows the body editor too', async () => {
    const { user, session } = await start(new FakeBackend(newsroomSample()));
    await typeInBody(user, ' Hai');
    await settle(99);
    expect(session.previewHtml).toContain('<div class="body"><p>Đoạn **một**. Hai</p>');
  });

  it('saves as soon as a field loses focus', async () => {
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
    await user.type(field('sapo'), ' Rồi.');
    expect(saves(backend)).toHaveLength(0);
    await user.click(field('byline'));
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(lastSaved(backend).sapo).toBe('Từ 15h chiều nay, giá xăng giảm. Rồi.');
  });

  it('undo in the body survives autosaves', async () => {
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
    await typeInBody(user, ' X');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);
    await user.keyboard('{Control>}z{/Control}');
    expect(field('body').value).toBe('Đoạn **một**.');
  });
});

describe('body editor', () => {
  it('the bold button wraps the selection in **', async () => {
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const { user } = await start(new FakeBackend(newsroomSample()));
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
    const { user } = await start(new FakeBackend(newsroomSample()));
    placeInBody(bodyView().state.doc.length);
    await user.click(screen.getByTestId('tool-table'));
    expect(field('body').value).toBe(
      'Đoạn **một**.\n\n| Cột 1 | Cột 2 | Cột 3 |\n| --- | --- | --- |\n|   |   |   |\n|   |   |   |\n\n',
    );
  });

  it('a key reported as "\\n" (WebDriver typing) is an Enter', async () => {
    await start(new FakeBackend(newsroomSample()));
    placeInBody(bodyView().state.doc.length);
    await fireEvent.keyDown(field('body'), { key: '\n' });
    await fireEvent.keyDown(field('body'), { key: '\n' });
    expect(field('body').value).toBe('Đoạn **một**.\n\n');
  });

  it('toolbar changes wait until an IME composition (Telex, VNI) has ended', async () => {
    const { user } = await start(new FakeBackend(newsroomSample()));
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
    await start(new FakeBackend(newsroomSample()));
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
    const backend = new FakeBackend([article({ id: 'a1', body: 'Đảng ủy xã An Thịnh tổ chức hội nghị' })]);
    await start(backend);
    expect(screen.getByTestId('count-words')).toHaveTextContent('9 từ');
    expect(screen.getByTestId('count-words')).toHaveAttribute('title', expect.stringContaining('âm tiết'));
    expect(screen.getByTestId('count-chars')).toHaveTextContent('36 ký tự');
    expect(screen.getByTestId('count-reading')).toHaveTextContent('1 phút');
  });

  it('a headline over the limit shows a warning and keeps every character', async () => {
    const backend = new FakeBackend(newsroomSample());
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
    const backend = new FakeBackend(newsroomSample());
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const { user } = await start(new FakeBackend(newsroomSample()));
    await user.type(field('keywords'), 'XANG{Enter}');
    await user.type(field('keywords'), `${'Giá Cả'.normalize('NFD')},`);
    expect(screen.getAllByTestId('keyword-tag')).toHaveLength(2);
  });

  it('a comma typed inside an IME composition waits for the composition to end', async () => {
    await start(new FakeBackend(newsroomSample()));
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const backend = new FakeBackend(newsroomSample());
    backend.articles[0]!.category = 'Pháp luật';
    const { user } = await start(backend);
    const options = [...(field('category') as unknown as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'Pháp luật', 'Thời sự', 'Kinh tế', 'Thế giới']);
    await user.selectOptions(field('category'), 'Thế giới');
    await settle(1000);
    expect(lastSaved(backend).category).toBe('Thế giới');
  });

  it('publish time is sent as RFC 3339 with the offset and shown as the printed dateline', async () => {
    const { backend } = await start(new FakeBackend(newsroomSample()));
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
    const backend = new FakeBackend(newsroomSample());
    backend.articles[0]!.published_at = '2022-12-05T23:30:00+09:00';
    await start(backend);
    // The input shows seconds only when they are not zero, as browsers do.
    expect(field('published-at').value).toBe('2022-12-05T23:30');
    expect(field('offset').value).toBe('+09:00');
    expect(screen.getByTestId('dateline')).toHaveTextContent('Thứ 2, 05/12/2022 | 23:30:00');
  });

  it('a typed slug is manual; "follow headline" makes it automatic again; refusals show by the field', async () => {
    const backend = new FakeBackend(newsroomSample());
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
    expect(screen.getByText('Nội bộ tòa soạn — không bao giờ xuất bản')).toBeInTheDocument();
    await user.type(field('editor-note'), 'Kiểm tra lại giá');
    await settle(1000);
    expect(lastSaved(backend).editor_note).toBe('Kiểm tra lại giá');
  });
});

describe('related articles', () => {
  it('search adds a reference by slug; up/down reorder it; remove drops it', async () => {
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const backend = new FakeBackend(newsroomSample());
    backend.articles[0]!.related = [
      { reference: 'bai-chua-viet', resolved: null },
      { reference: 'bao-tan', resolved: { id: 'a4', slug: 'bao-tan', headline: 'Bão tan', excerpt: 'Tóm tắt' } },
    ];
    await start(backend);
    const items = screen.getAllByTestId('related-item');
    expect(items[0]).toHaveTextContent('bai-chua-viet — chưa có trong thư viện');
    expect(items[1]).toHaveTextContent('Bão tan');
    expect(items[1]).toHaveTextContent('Tóm tắt');

    i18n.toggle();
    await settle();
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
    const backend = new FakeBackend(newsroomSample());
    const sha = FLOOD_PHOTO.sha256;
    const hold = deferred<void>();
    backend.overrides.set('add_photo_files', () => hold.promise.then(() => [FLOOD_PHOTO]));
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
    await pickPhotos(user, backend, ['Lũ về Huế.jpg']);
    await settle(5);
    expect((screen.getByTestId('photo-caption') as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByTestId('photo-credit') as HTMLInputElement).value).toBe('');
  });

  it('"insert into body" puts ![alt](file) in the body as its own paragraph', async () => {
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const { user, backend } = await start(new FakeBackend(newsroomSample()));
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
    const backend = new FakeBackend(newsroomSample());
    backend.photoFiles.set('notes.png', { error: 'Tệp notes.png không phải là ảnh' });
    const { user } = await start(backend);
    await pickPhotos(user, backend, ['notes.png', 'Lũ về Huế.jpg']);
    await settle(5);
    expect(screen.getByTestId('photo-errors')).toHaveTextContent('Tệp notes.png không phải là ảnh');
    expect(screen.getAllByTestId('photo-item')).toHaveLength(1);
  });


  it('an image pasted into the body is added and placed at the cursor', async () => {
    const { backend } = await start(new FakeBackend(newsroomSample()));
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

describe('above the article', () => {
  it('shows the workflow status; the export button opens the export of this article', async () => {
    const { user, transfers } = await start(new FakeBackend(newsroomSample()));
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', 'draft');
    await user.click(screen.getByTestId('export-open'));
    expect(transfers.exporting).toMatchObject({ scope: 'article' });
  });

  it('conflicts a package left: named in a banner, whose button shows them', async () => {
    const backend = new ExchangeBackend(newsroomSample());
    backend.pending.set('a1', structuredClone(CONFLICT));
    const { user, pane } = await start(backend);
    expect(screen.getByTestId('conflict-banner')).toHaveTextContent(
      'Gói nhận về xung đột với bài này ở: tiêu đề, thân bài',
    );
    await user.click(screen.getByTestId('conflict-banner-show'));
    expect(pane.tab).toBe('conflicts');
    expect(screen.queryByTestId('conflict-banner-show')).not.toBeInTheDocument();
  });

  it('conflicts that cannot be read are said so', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.overrides.set('pending_merge', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    await start(backend);
    expect(screen.getByTestId('conflict-load-error')).toHaveTextContent('Không đọc được xung đột: CSDL bị khóa');
  });

  it('changed outside while typing waited: "take theirs" shows the other version in the editor', async () => {
    const { user, backend, outside } = await start(new FakeBackend(newsroomSample()));
    await user.type(field('headline'), ' nữa');
    Object.assign(backend.articles[0]!, { sapo: 'Sapo sửa bên ngoài.', updated_at: '2026-11-28T09:00:00Z' });
    await outside.libraryChanged();
    await settle();
    expect(screen.getByTestId('external-edit')).toHaveTextContent(i18n.t.externalEditNotice);
    expect(field('sapo').value).toBe('Từ 15h chiều nay, giá xăng giảm.');
    await user.click(screen.getByTestId('external-take'));
    await settle();
    expect(screen.queryByTestId('external-edit')).not.toBeInTheDocument();
    expect(field('sapo').value).toBe('Sapo sửa bên ngoài.');
    expect(field('headline').value).toBe('Giá xăng giảm lần thứ ba');
  });

  it('changed outside while typing waited: "keep mine" saves what is typed here', async () => {
    const { user, backend, outside } = await start(new FakeBackend(newsroomSample()));
    await user.type(field('headline'), ' nữa');
    Object.assign(backend.articles[0]!, { sapo: 'Sapo sửa bên ngoài.', updated_at: '2026-11-28T09:00:00Z' });
    await outside.libraryChanged();
    await settle();
    await user.click(screen.getByTestId('external-keep'));
    await settle(1000);
    expect(screen.queryByTestId('external-edit')).not.toBeInTheDocument();
    expect(lastSaved(backend)).toMatchObject({ headline: 'Giá xăng giảm lần thứ ba nữa', sapo: 'Từ 15h chiều nay, giá xăng giảm.' });
  });
});
