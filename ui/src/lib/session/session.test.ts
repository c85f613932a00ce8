// The open article's session without the window: opening and switching,
// creating, the preview, autosave, the close of the window and Ctrl+S
// revisions, over the in-memory backend.
import { describe, expect, it } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { Article, ArticleFields } from '../../ipc';
import { deferred, FakeBackend } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import { newsroomSample } from '../../test/sample';
import { openedIn, workspaceOver } from '../../test/workspace';
import { WorkflowBackend } from '../workflow/testing';

const saves = (backend: FakeBackend) => backend.callsTo('update_article');
const lastSaved = (backend: FakeBackend) => saves(backend).at(-1)?.args.fields as ArticleFields;

/** The stores over `backend`, article `id` open. */
const opened = (backend: FakeBackend = new FakeBackend(newsroomSample()), id = 'a1') => openedIn(backend, id);

freshEachTest();

describe('opening an article', () => {
  it('puts its fields in the draft, selects its row and renders its preview at once', async () => {
    const { backend, session } = await opened();
    expect(backend.callsTo('get_article')).toEqual([{ cmd: 'get_article', args: { id: 'a1' } }]);
    expect(session.openId).toBe('a1');
    expect(session.selectedId).toBe('a1');
    expect(session.loading).toBe(false);
    const { headline, body, keywords, slug } = session.draft!;
    // The slug follows the headline: none of its own in the draft.
    expect([headline, body, keywords, slug]).toEqual(['Giá xăng giảm lần thứ ba', 'Đoạn **một**.', ['xăng', 'giá cả'], null]);
    expect(session.savedSlug).toBe('gia-xang-giam-lan-thu-ba');
    expect(session.previewHtml).toContain('<h1 class="headline">Giá xăng giảm lần thứ ba</h1>');
  });

  it('is loading from the click until the article arrives, and the row is selected at once', async () => {
    const backend = new FakeBackend(newsroomSample());
    const held = deferred<Article>();
    backend.overrides.set('get_article', () => held.promise);
    const { session } = workspaceOver(backend);
    void session.open('a3');
    expect(session.selectedId).toBe('a3');
    expect(session.loading).toBe(true);
    expect(session.draft).toBeNull();
    held.resolve(structuredClone(backend.articles[2]!));
    await settle();
    expect(session.loading).toBe(false);
    expect(session.draft?.headline).toBe('Bão số 9 đổ bộ');
  });

  it('shows the article clicked last, whatever order the answers come in', async () => {
    const backend = new FakeBackend(newsroomSample());
    const slow = deferred<Article>();
    backend.overrides.set('get_article', (args) =>
      args.id === 'a2' ? slow.promise : structuredClone(backend.articles.find((a) => a.id === args.id)),
    );
    const { session } = workspaceOver(backend);
    void session.open('a2');
    void session.open('a3');
    await settle();
    expect(session.openId).toBe('a3');
    slow.resolve(structuredClone(backend.articles[1]!));
    await settle();
    expect(session.openId).toBe('a3');
    expect(session.selectedId).toBe('a3');
    expect(session.draft?.headline).toBe('Bão số 9 đổ bộ');
  });

  it('an article gone from the library: says so, reads the list again and opens its first row', async () => {
    const backend = new FakeBackend(newsroomSample());
    const { session, status, list } = workspaceOver(backend);
    // Deleted behind our back.
    backend.articles.splice(2, 1);
    await session.open('a3');
    await settle();
    expect(status.state).toBe('error');
    expect(status.text(i18n.t)).toBe('Lỗi: Không tìm thấy bài viết a3');
    expect(list.refreshes).toBe(1);
    expect(session.openId).toBe('a1');
  });

  it('tells what follows the open article of each article opened and of the editor emptied', async () => {
    const { session } = await opened();
    const seen: string[] = [];
    session.follow({ opened: (article) => seen.push(`opened ${article.id}`), closed: () => seen.push('closed') });
    await session.open('a3');
    expect(seen).toEqual(['closed', 'opened a3']);
  });
});

describe('a new article', () => {
  it('is created, opened and added to the list', async () => {
    const { backend, session, list } = await opened();
    const held = deferred<unknown>();
    backend.overrides.set('create_article', () => held.promise);
    const creating = session.create();
    expect(session.creating).toBe(true);
    held.resolve({ ...structuredClone(backend.articles[1]!), id: 'new-100', headline: '' });
    const created = await creating;
    await settle();
    expect(created?.id).toBe('new-100');
    expect(session.creating).toBe(false);
    expect(session.openId).toBe('new-100');
    expect(session.selectedId).toBe('new-100');
    expect(session.draft?.headline).toBe('');
    expect(session.draft?.body).toBe('');
    expect(list.creations).toBe(1);
  });

  it('a refusal is shown and nothing is opened', async () => {
    const { backend, session, status } = await opened();
    backend.overrides.set('create_article', () => {
      throw { code: 'read_only', message: 'thư viện chỉ đọc' };
    });
    expect(await session.create()).toBeNull();
    expect(session.openId).toBe('a1');
    expect(status.text(i18n.t)).toBe('Lỗi: thư viện chỉ đọc');
  });
});

describe('preview', () => {
  it('follows edits within 100 ms of a pause, with the backend HTML', async () => {
    const { backend, session } = await opened();
    const before = backend.callsTo('preview_article').length;
    session.edit('headline', 'Tin');
    await settle(30);
    session.edit('headline', 'Tin nóng');
    await settle(99);
    const calls = backend.callsTo('preview_article');
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.args).toMatchObject({ id: 'a1', fields: { headline: 'Tin nóng' } });
    expect(session.previewHtml).toContain('<h1 class="headline">Tin nóng</h1>');
  });
});

describe('autosave', () => {
  it('saves once, within 1 s of the last edit, with every field, then says "Đã lưu"', async () => {
    const { backend, session, status, list } = await opened();
    expect(status.state).toBe('idle');

    session.edit('headline', 'Giá xăng giảm lần thứ ba hôm nay');
    expect(status.state).toBe('saving');
    expect(status.text(i18n.t)).toBe('Đang lưu…');
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

    expect(status.state).toBe('saved');
    expect(status.text(i18n.t)).toBe('Đã lưu');
    // The returned article refreshes the list row (headline and time) and
    // the slug shown.
    expect(list.savedRows.at(-1)).toMatchObject({
      id: 'a1',
      headline: 'Giá xăng giảm lần thứ ba hôm nay',
      updated_at: '2026-11-27T14:01:00.000Z',
    });
    expect(session.savedSlug).toBe('gia-xang-giam-lan-thu-ba-hom-nay');
  });

  it('saves at least every 5 s while edits never pause', async () => {
    const { backend, session } = await opened();
    // One keystroke every 300 ms for 12 s: never a 700 ms pause.
    for (let i = 0; i < 40; i++) {
      session.edit('body', `${session.draft!.body}a`);
      await settle(300);
    }
    const sent = saves(backend);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(3);
    // The first went out at the latest 5 s after the first keystroke.
    expect((sent[0]!.args.fields as ArticleFields).body.length - 'Đoạn **một**.'.length).toBeLessThanOrEqual(17);
  });

  it('flushing the open article (a field lost focus) saves at once', async () => {
    const { backend, session } = await opened();
    session.edit('sapo', 'Từ 15h chiều nay, giá xăng giảm. Rồi.');
    expect(saves(backend)).toHaveLength(0);
    await session.flushOpen();
    expect(saves(backend)).toHaveLength(1);
    expect(lastSaved(backend).sapo).toBe('Từ 15h chiều nay, giá xăng giảm. Rồi.');
  });

  it('says "not saved" with the backend reason when a save fails, and keeps the text', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Tiêu đề quá dài' };
    });
    const { session, status } = await opened(backend);
    session.edit('headline', 'Giá xăng giảm lần thứ ba!');
    await settle(1000);
    expect(status.state).toBe('error');
    expect(status.code).toBe('invalid');
    expect(status.text(i18n.t)).toBe('Chưa lưu: Tiêu đề quá dài');
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ ba!');
    // Not a slug problem: nothing by the slug field.
    expect(session.slugError).toBe('');
  });

  it('does not send a second save while the first is in flight; what is typed meanwhile is kept', async () => {
    const backend = new FakeBackend(newsroomSample());
    const first = deferred<unknown>();
    let calls = 0;
    backend.overrides.set('update_article', (args) => {
      calls += 1;
      if (calls === 1) return first.promise;
      return { ...backend.articles[0]!, ...(args.fields as ArticleFields), slug: 'x' };
    });
    const { session, list } = await opened(backend);

    session.edit('headline', 'Giá xăng giảm lần thứ ba1');
    await settle(1000);
    session.edit('headline', 'Giá xăng giảm lần thứ ba12');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);

    first.resolve({ ...backend.articles[0]!, headline: 'Giá xăng giảm lần thứ ba1' });
    await settle();
    // The answer to the first save never replaces the text typed since.
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ ba12');
    expect(saves(backend)).toHaveLength(2);
    expect(lastSaved(backend).headline).toBe('Giá xăng giảm lần thứ ba12');
    expect(list.savedRows.at(-1)?.headline).toBe('Giá xăng giảm lần thứ ba12');
  });

  it('a slug the backend refuses is told next to the field; the next save clears it', async () => {
    const { backend, session } = await opened();
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Đường dẫn "bao-so-9-do-bo" đã được dùng' };
    });
    session.edit('slug', 'bao-so-9-do-bo');
    await settle(1000);
    expect(session.slugError).toBe('Đường dẫn "bao-so-9-do-bo" đã được dùng');
    expect(session.draft?.slug).toBe('bao-so-9-do-bo');

    backend.overrides.delete('update_article');
    session.edit('slug', 'gia-xang');
    await settle(1000);
    expect(lastSaved(backend).slug).toBe('gia-xang');
    expect(session.slugError).toBe('');
  });

  it('switching article saves the pending edits at once, and only once', async () => {
    const { backend, session } = await opened();
    session.edit('body', 'Đoạn **một**. Thêm');
    await session.open('a2');
    await settle();

    expect(saves(backend)).toHaveLength(1);
    expect(saves(backend)[0]!.args).toMatchObject({ id: 'a1', fields: { body: 'Đoạn **một**. Thêm' } });
    expect(session.openId).toBe('a2');
    expect(session.draft?.body).toBe('');
    // The late debounce must not fire a duplicate.
    await settle(6000);
    expect(saves(backend)).toHaveLength(1);
  });

  it('a save landing for an article no longer open leaves the open one as it is', async () => {
    const backend = new FakeBackend(newsroomSample());
    const slow = deferred<unknown>();
    backend.overrides.set('update_article', () => slow.promise);
    const { session, list } = await opened(backend);
    session.edit('related', [{ reference: 'bao-tan', resolved: null }]);
    await session.open('a3');
    await settle();
    slow.resolve({
      ...structuredClone(backend.articles[0]!),
      slug: 'gia-xang-moi',
      status: 'submitted',
      related: [{ reference: 'bao-tan', resolved: { id: 'a4', slug: 'bao-tan', headline: 'Bão tan', excerpt: '' } }],
    });
    await settle();
    // Its row is updated; the editor keeps the article now open.
    expect(list.savedRows.at(-1)).toMatchObject({ id: 'a1', slug: 'gia-xang-moi' });
    expect(session.savedSlug).toBe('bao-so-9-do-bo');
    expect(session.articleStatus).toBe('draft');
    expect(session.draft?.related).toEqual([]);
  });

  it('coming straight back reads the article once its save has landed', async () => {
    const backend = new FakeBackend(newsroomSample());
    const slow = deferred<unknown>();
    backend.overrides.set('update_article', () => slow.promise);
    const { session } = await opened(backend);
    session.edit('body', 'Đoạn **một**. Thêm');
    await session.open('a2');
    const back = session.open('a1');
    await settle();
    expect(backend.callsTo('get_article').map((call) => call.args.id)).toEqual(['a1', 'a2']);
    slow.resolve({ ...backend.articles[0]!, body: 'Đoạn **một**. Thêm' });
    backend.articles[0]!.body = 'Đoạn **một**. Thêm';
    await back;
    expect(session.draft?.body).toBe('Đoạn **một**. Thêm');
  });
});

describe('closing the window', () => {
  it('may close only once pending saves are done', async () => {
    const backend = new FakeBackend(newsroomSample());
    const slow = deferred<unknown>();
    backend.overrides.set('update_article', () => slow.promise);
    const { session } = await opened(backend);
    session.edit('body', 'Đoạn **một**. Câu cuối.');
    let mayClose: boolean | undefined;
    void session.closeRequested().then((answer) => (mayClose = answer));
    await settle();
    expect(saves(backend)).toHaveLength(1);
    expect(lastSaved(backend).body).toBe('Đoạn **một**. Câu cuối.');
    expect(mayClose).toBeUndefined();

    slow.resolve({ ...backend.articles[0]!, body: 'Đoạn **một**. Câu cuối.' });
    await settle();
    expect(mayClose).toBe(true);
  });

  it('a refused save keeps it open once, with the reason; asked again, it closes', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Đường dẫn đã được dùng' };
    });
    const { session, status } = await opened(backend);
    session.edit('headline', 'Giá xăng giảm lần thứ ba!');
    expect(await session.closeRequested()).toBe(false);
    expect(status.text(i18n.t)).toBe('Chưa lưu: Đường dẫn đã được dùng. Đóng cửa sổ lần nữa sẽ bỏ phần chưa lưu.');
    expect(await session.closeRequested()).toBe(true);
  });

  it('nothing pending: it closes at once', async () => {
    const { session, backend } = await opened();
    expect(await session.closeRequested()).toBe(true);
    expect(saves(backend)).toHaveLength(0);
  });
});

describe('Ctrl+S', () => {
  it('lands the pending edits, then saves a revision with them, and says so', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    const { session, status } = await opened(backend);
    const history = session.historyVersion;
    session.edit('sapo', 'Từ 15h chiều nay, giá xăng giảm. Mạnh');
    await session.saveRevision();

    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'save_revision');
    expect(order).toEqual(['update_article', 'save_revision']);
    expect(backend.callsTo('save_revision')[0]!.args).toMatchObject({
      id: 'a1',
      fields: { sapo: 'Từ 15h chiều nay, giá xăng giảm. Mạnh' },
    });
    expect(status.text(i18n.t)).toBe('Đã lưu phiên bản');
    // The panels showing the article's history read it again.
    expect(session.historyVersion).toBe(history + 1);

    // The next ordinary save is just "saved" again.
    session.edit('sapo', 'Từ 15h chiều nay, giá xăng giảm. Mạnh!');
    await settle(1000);
    expect(status.text(i18n.t)).toBe('Đã lưu');
  });

  it('a refused revision says "not saved"', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    backend.overrides.set('save_revision', () => {
      throw { code: 'disk_full', message: 'No space left on device' };
    });
    const { session, status } = await opened(backend);
    await session.saveRevision();
    expect(status.state).toBe('error');
    expect(status.text(i18n.t)).toBe('Chưa lưu: đĩa đầy');
  });
});

describe('what the live checklist checks', () => {
  it('the open article as typed, with the checks of publishing once it is approved', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.articles[2]!.status = 'approved';
    const { session } = await opened(backend);
    session.edit('headline', 'Giá xăng giảm');
    expect(session.checkRequest('en')).toEqual({
      id: 'a1',
      fields: expect.objectContaining({ headline: 'Giá xăng giảm' }),
      publishing: false,
      language: 'en',
    });
    await session.open('a3');
    expect(session.checkRequest('vi')).toMatchObject({ id: 'a3', publishing: true, language: 'vi' });
  });

  it('nothing while no article is open', () => {
    const { session } = workspaceOver(new FakeBackend(newsroomSample()));
    expect(session.checkRequest('vi')).toBeNull();
  });
});

describe('the article as the library has it now', () => {
  it('a restore shows it, rebuilding the editor, and the list and history follow', async () => {
    const { backend, session, list } = await opened();
    const rebuilds = session.rebuilds;
    const history = session.historyVersion;
    session.restore({ ...structuredClone(backend.articles[0]!), headline: 'Bản cũ', updated_at: '2026-11-28T00:00:00Z' });
    expect(session.draft?.headline).toBe('Bản cũ');
    expect(session.rebuilds).toBe(rebuilds + 1);
    expect(session.historyVersion).toBe(history + 1);
    expect(list.savedRows.at(-1)?.headline).toBe('Bản cũ');
    expect(session.knownStamps.has('2026-11-28T00:00:00Z')).toBe(true);
    await settle();
    expect(session.previewHtml).toContain('Bản cũ');
  });

  it('the saved fields of the open article, or null when its edits were refused', async () => {
    const { backend, session } = await opened();
    session.edit('headline', 'Giá xăng giảm');
    expect((await session.savedFields())?.headline).toBe('Giá xăng giảm');
    expect(saves(backend)).toHaveLength(1);

    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Tiêu đề quá dài' };
    });
    session.edit('headline', 'Giá xăng giảm!');
    expect(await session.savedFields()).toBeNull();
  });
});
