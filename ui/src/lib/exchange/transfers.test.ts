// Export and import without the window: what the export dialog is opened
// on, packages imported from the chooser or dropped (the notice, the
// article opened, the list told), and the conflicts a package leaves,
// settled field by field. Over the in-memory backend.
import { describe, expect, it } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { PendingMerge } from '../../ipc';
import { article, deferred } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import { openedIn, workspaceOver } from '../../test/workspace';
import { noticeText } from '../session/notice.svelte';
import { CONFLICT, ExchangeBackend } from './testing';

const zip = (name: string) => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name, { type: 'application/zip' });

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

const opened = (backend = new ExchangeBackend(sample())) => openedIn(backend);

const said = (stores: Awaited<ReturnType<typeof opened>>) =>
  stores.notice.current ? noticeText(stores.notice.current, i18n.t) : null;

freshEachTest();

describe('export', () => {
  it('the editor exports its article; the library exports its current filter', async () => {
    const { transfers } = await opened();
    transfers.openExport('article');
    expect(transfers.exporting).toMatchObject({ scope: 'article' });
    transfers.closeExport();
    expect(transfers.exporting).toBeNull();
    transfers.openExport('filter');
    expect(transfers.exporting).toEqual({ scope: 'filter', filter: expect.objectContaining({ status: null }), count: 2, filtered: false });
  });

  it('starts saving the edits being typed as it opens', async () => {
    const { backend, session, transfers } = await opened();
    session.edit('headline', 'Giá xăng giảm lần thứ ba nữa');
    transfers.openExport('article');
    await settle();
    expect(backend.callsTo('update_article')).toHaveLength(1);
    expect(backend.articles[0]!.headline).toBe('Giá xăng giảm lần thứ ba nữa');
  });
});

describe('import of a package', () => {
  it('picked in the chooser: lands the edits first, says "created", opens the article and tells the list', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('an-thinh.zip', {
      article: { id: 'b7', headline: 'Xã An Thịnh ra mắt mô hình mới', slug: 'an-thinh', updated_at: '2026-11-28T01:00:00Z' },
      outcome: 'created',
    });
    const stores = await opened(backend);
    const { session, transfers, list, notice } = stores;
    session.edit('sapo', 'Sapo mới.');
    backend.chooser.push(['an-thinh.zip']);
    const run = backend.overrides.get('import_package_file')!;
    const held = deferred<void>();
    backend.overrides.set('import_package_file', (args) => held.promise.then(() => run(args)));
    const importing = transfers.choose();
    await settle();
    // The list shows a package is on its way.
    expect(transfers.importing).toBe(1);
    held.resolve();
    await importing;
    expect(transfers.importing).toBe(0);

    expect(backend.chooserTitles).toEqual(['Chọn gói .zip để nhập']);
    const order = backend.calls.map((call) => call.cmd).filter((cmd) => cmd === 'update_article' || cmd === 'import_package_file');
    expect(order).toEqual(['update_article', 'import_package_file']);
    expect(backend.callsTo('import_package_file').at(-1)!.args).toEqual({ chosen: expect.any(Number), index: 0 });
    expect(said(stores)).toBe('Đã tạo bài mới');
    expect(notice.current).toMatchObject({ kind: 'imported', result: { outcome: 'created' } });
    expect(session.openId).toBe('b7');
    expect(session.draft?.headline).toBe('Xã An Thịnh ra mắt mô hình mới');
    expect(list.creations).toBe(1);

    notice.dismiss();
    // Cancel in the chooser imports nothing.
    await transfers.choose();
    expect(backend.callsTo('choose_packages')).toHaveLength(2);
    expect(backend.callsTo('import_package_file')).toHaveLength(1);
    expect(notice.current).toBeNull();
  });

  it('a package of the open article shows it again with the merge, the editor rebuilt', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('tu-bien-tap.zip', {
      article: { id: 'a1', headline: 'Giá xăng giảm lần thứ tư', sapo: 'Sapo mới.' },
      outcome: 'merged',
      fields: ['headline', 'sapo'],
    });
    const stores = await opened(backend);
    const rebuilds = stores.session.rebuilds;
    await stores.transfers.importChosen(backend.choose(['tu-bien-tap.zip']), [0]);
    expect(said(stores)).toBe('Đã hợp nhất: tiêu đề, sapo');
    expect(stores.session.openId).toBe('a1');
    expect(stores.session.draft?.headline).toBe('Giá xăng giảm lần thứ tư');
    expect(stores.session.rebuilds).toBe(rebuilds + 1);
  });

  it('files are imported one after the other; a refused one says why', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('bao.zip', { article: { id: 'a2', headline: 'Bão số 9 đổ bộ' }, outcome: 'fast_forward' });
    backend.packages.set('hong.zip', { error: 'hong.zip: not a readable zip file (invalid Zip archive)' });
    const stores = await opened(backend);
    await stores.transfers.importChosen(backend.choose(['bao.zip', 'hong.zip']), [0, 1]);
    expect(backend.callsTo('import_package_file').map((call) => call.args.index)).toEqual([0, 1]);
    expect(stores.session.openId).toBe('a2');
    expect(stores.notice.current?.kind).toBe('failed');
    expect(said(stores)).toBe('Không nhập được hong.zip: hong.zip: not a readable zip file (invalid Zip archive)');
  });

  it('files dropped as HTML5 files are sent with their bytes', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('goi.zip', { article: { id: 'c1', headline: 'Bài từ gói' }, outcome: 'created' });
    const stores = await opened(backend);
    const importing = stores.transfers.importFiles([zip('goi.zip')]);
    await settle(5);
    await importing;
    expect(backend.callsTo('import_package')).toHaveLength(1);
    expect(stores.session.openId).toBe('c1');
  });

  it('a package that leaves conflicts on the article opened shows them', async () => {
    const backend = new ExchangeBackend(sample());
    backend.packages.set('bao.zip', { article: { id: 'a2', headline: 'Bão số 9 đổ bộ' }, outcome: 'conflict', fields: ['headline', 'body'] });
    const stores = await opened(backend);
    backend.pending.set('a2', { ...structuredClone(CONFLICT), source: 'bao.zip' });
    await stores.transfers.importChosen(backend.choose(['bao.zip']), [0]);
    await settle();
    expect(said(stores)).toBe('Có xung đột: tiêu đề, thân bài — chọn từng trường');
    expect(stores.session.openId).toBe('a2');
    expect(stores.conflicts.count).toBe(2);
    expect(stores.pane.tab).toBe('conflicts');
  });
});

describe('conflicts a package left', () => {
  async function withConflict() {
    const backend = new ExchangeBackend(sample());
    backend.pending.set('a1', structuredClone(CONFLICT));
    backend.merged.set('a1', { headline: 'Giá xăng lại giảm', sapo: 'Sapo từ gói.', body: 'Đoạn một.' });
    return opened(backend);
  }

  it('are read when the article is opened, and counted on their tab', async () => {
    const { conflicts, pane, session } = await withConflict();
    expect(conflicts.pending?.conflicts.map((c) => c.field)).toEqual(['headline', 'body']);
    expect(conflicts.count).toBe(2);
    expect(pane.tabs.at(-1)).toEqual({ id: 'conflicts', count: 2 });
    // None on another article: the tab goes.
    pane.tab = 'conflicts';
    await session.open('a2');
    await settle();
    expect(conflicts.pending).toBeNull();
    expect(pane.tabs.map((tab) => tab.id)).not.toContain('conflicts');
    expect(pane.tab).toBe('preview');
  });

  it('each pick settles its field; the last one shows the article as merged', async () => {
    const stores = await withConflict();
    const { backend, conflicts, session, pane } = stores;
    pane.tab = 'conflicts';
    const loads = backend.callsTo('get_article').length;
    await conflicts.resolved(['body']);
    expect(conflicts.pending?.conflicts.map((c) => c.field)).toEqual(['body']);
    expect(session.draft?.headline).toBe('Giá xăng giảm lần thứ ba');
    expect(backend.callsTo('get_article')).toHaveLength(loads);

    // The backend has settled the last one (the panel asked it).
    backend.pending.delete('a1');
    Object.assign(backend.articles[0]!, backend.merged.get('a1'));
    await conflicts.resolved([]);
    await settle();
    expect(backend.callsTo('get_article')).toHaveLength(loads + 1);
    expect(session.draft?.headline).toBe('Giá xăng lại giảm');
    expect(session.draft?.sapo).toBe('Sapo từ gói.');
    expect(conflicts.pending).toBeNull();
    expect(pane.tab).toBe('preview');
    expect(said(stores)).toBe('Đã hợp nhất; bài đã được cập nhật.');
  });

  it('what waits cannot be read: the reason is kept for the editor to show', async () => {
    const backend = new ExchangeBackend(sample());
    backend.overrides.set('pending_merge', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    const { conflicts, session } = await opened(backend);
    expect(conflicts.error).toBe('CSDL bị khóa');
    await session.open('a2');
    expect(conflicts.error).toBe('');
  });

  it('an answer for an article no longer open is dropped', async () => {
    const backend = new ExchangeBackend(sample());
    const held = deferred<PendingMerge | null>();
    backend.overrides.set('pending_merge', (args) => (args.id === 'a1' ? held.promise : null));
    const { session, conflicts } = workspaceOver(backend);
    await session.open('a1');
    await session.open('a2');
    held.resolve(structuredClone(CONFLICT));
    await settle();
    expect(conflicts.pending).toBeNull();
  });
});
