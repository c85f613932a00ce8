// The library changed by someone else (the `byline` command, another
// program) while an article is open: shown as it is now when nothing typed
// here waits, never overwriting what does, and the person's choice then.
import { describe, expect, it } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { ArticleFields } from '../../ipc';
import { deferred, FakeBackend } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import { newsroomSample } from '../../test/sample';
import { openedIn } from '../../test/workspace';
import { noticeText } from './notice.svelte';

const saves = (backend: FakeBackend) => backend.callsTo('update_article');

const opened = (backend = new FakeBackend(newsroomSample())) => openedIn(backend);

/** Someone else changes article a1 in the library. */
function changeOutside(backend: FakeBackend, changes: Partial<(typeof backend.articles)[0]> = {}): void {
  Object.assign(backend.articles[0]!, { headline: 'Giá xăng giảm lần thứ tư', updated_at: '2026-11-28T09:00:00Z', ...changes });
}

freshEachTest();

describe('the library changed outside the app', () => {
  it('nothing typed here waits: the list is read again and the article shown as it is now', async () => {
    const { backend, session, outside, notice, list } = await opened();
    const rebuilds = session.rebuilds;
    changeOutside(backend);
    await outside.libraryChanged();
    expect(list.refreshes).toBe(1);
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ tư');
    // The editor's fields hold their text from mount: it is rebuilt.
    expect(session.rebuilds).toBe(rebuilds + 1);
    expect(outside.article).toBeNull();
    expect(noticeText(notice.current!, i18n.t)).toBe(i18n.t.externalReloaded);
    expect(saves(backend)).toHaveLength(0);
  });

  it('a version this window saved itself is not taken for a change made outside', async () => {
    const { backend, session, outside, notice } = await opened();
    session.edit('headline', 'Giá xăng giảm');
    await settle(1000);
    expect(saves(backend)).toHaveLength(1);
    const rebuilds = session.rebuilds;
    await outside.libraryChanged();
    expect(session.rebuilds).toBe(rebuilds);
    expect(notice.current).toBeNull();
    expect(outside.article).toBeNull();
  });

  it('a save of ours landing while the article is read is not taken for one either', async () => {
    const backend = new FakeBackend(newsroomSample());
    const slow = deferred<unknown>();
    const { session, outside, notice } = await opened(backend);
    backend.overrides.set('update_article', () => slow.promise);
    session.edit('headline', 'Giá xăng giảm');
    void session.flushOpen();
    const checking = outside.libraryChanged();
    await settle();
    // The library now holds our save, answered a moment later.
    Object.assign(backend.articles[0]!, { headline: 'Giá xăng giảm', updated_at: '2026-11-28T10:00:00Z' });
    slow.resolve(structuredClone(backend.articles[0]!));
    await checking;
    expect(outside.article).toBeNull();
    expect(notice.current).toBeNull();
    expect(session.draft?.headline).toBe('Giá xăng giảm');
  });

  it('a save of ours landing over a change made outside while it is read: ours is what the library holds', async () => {
    const backend = new FakeBackend(newsroomSample());
    const { session, outside, notice } = await opened(backend);
    changeOutside(backend);
    const theirs = structuredClone(backend.articles[0]!);
    const held = deferred<unknown>();
    backend.overrides.set('get_article', () => held.promise);
    const checking = outside.libraryChanged();
    await settle();
    // Typed and saved while the read is on its way: the save lands over theirs.
    session.edit('body', 'Đoạn **một**. Của tôi.');
    void session.flushOpen();
    backend.overrides.delete('get_article');
    held.resolve(theirs);
    await checking;
    expect(backend.callsTo('get_article').length).toBeGreaterThanOrEqual(3);
    expect(notice.current).toBeNull();
    expect(outside.article).toBeNull();
    expect(session.draft?.body).toBe('Đoạn **một**. Của tôi.');
  });

  it('edits typed here wait: they are kept, the person is told, and the status taken', async () => {
    const { backend, session, outside } = await opened();
    session.edit('body', 'Đoạn **một**. Của tôi.');
    changeOutside(backend, { status: 'submitted' });
    await outside.libraryChanged();
    expect(session.draft?.body).toBe('Đoạn **một**. Của tôi.');
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ ba');
    expect(outside.article?.headline).toBe('Giá xăng giảm lần thứ tư');
    // A move made outside stays whatever is saved here.
    expect(session.articleStatus).toBe('submitted');
  });

  it('"keep mine" saves the text typed here over the other version', async () => {
    const { backend, session, outside } = await opened();
    session.edit('body', 'Đoạn **một**. Của tôi.');
    changeOutside(backend);
    await outside.libraryChanged();
    outside.keepMine();
    expect(outside.article).toBeNull();
    await settle(1000);
    expect((saves(backend).at(-1)?.args.fields as ArticleFields).body).toBe('Đoạn **một**. Của tôi.');
    expect(backend.articles[0]!.headline).toBe('Giá xăng giảm lần thứ ba');
  });

  it('"take theirs" drops what was typed here and shows the other version', async () => {
    const { backend, session, outside } = await opened();
    session.edit('body', 'Đoạn **một**. Của tôi.');
    changeOutside(backend);
    await outside.libraryChanged();
    const rebuilds = session.rebuilds;
    await outside.takeTheirs();
    expect(outside.article).toBeNull();
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ tư');
    expect(session.draft?.body).toBe('Đoạn **một**.');
    expect(session.rebuilds).toBe(rebuilds + 1);
    await settle(6000);
    expect(saves(backend)).toHaveLength(0);
  });

  it('"take theirs" puts the other version back when a save of ours landed over it', async () => {
    const backend = new FakeBackend(newsroomSample());
    const { session, outside } = await opened(backend);
    const slow = deferred<unknown>();
    backend.overrides.set('update_article', () => slow.promise);
    session.edit('body', 'Đoạn **một**. Của tôi.');
    changeOutside(backend);
    await outside.libraryChanged();
    expect(outside.article).not.toBeNull();
    // Our save already went out: it lands over the other version.
    void session.flushOpen();
    const taking = outside.takeTheirs();
    Object.assign(backend.articles[0]!, { body: 'Đoạn **một**. Của tôi.', updated_at: '2026-11-28T10:00:00Z' });
    slow.resolve(structuredClone(backend.articles[0]!));
    await taking;
    backend.overrides.delete('update_article');
    await settle(1000);
    expect(session.draft?.body).toBe('Đoạn **một**.');
    expect((saves(backend).at(-1)?.args.fields as ArticleFields).body).toBe('Đoạn **một**.');
    expect(backend.articles[0]!.body).toBe('Đoạn **một**.');
  });

  it('another article opened meanwhile forgets the other version', async () => {
    const { backend, session, outside } = await opened();
    session.edit('body', 'Đoạn **một**. Của tôi.');
    changeOutside(backend);
    await outside.libraryChanged();
    await session.open('a3');
    expect(outside.article).toBeNull();
  });

  it('a failed read is shown', async () => {
    const { backend, outside, status } = await opened();
    backend.overrides.set('get_article', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    await outside.libraryChanged();
    expect(status.text(i18n.t)).toBe('Lỗi: CSDL bị khóa');
  });
});
