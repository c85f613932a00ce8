// The pane beside the editor, its tabs and their counts, and the status
// indicator and notice it sits under, without the window.
import { beforeEach, describe, expect, it } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { Comment } from '../../ipc';
import { noticeText } from './notice.svelte';
import { SaveStatus } from './save-status.svelte';
import { SidePaneState } from './side-pane.svelte';

/** A comment by an editor on the whole article, open, unless `overrides` say otherwise. */
const comment = (overrides: Partial<Comment> & { id: string }): Comment => ({
  ...{ at: '2026-11-27T13:15:00Z', actor: 'Trần Lan', role: 'editor', body: '', target: null, quote: null },
  ...{ start: null, end: null, outdated: false, resolved_at: null, resolved_by: null },
  ...overrides,
});

beforeEach(() => {
  localStorage.clear();
  i18n.reload();
});

describe('side pane', () => {
  const counts = { blocking: 0, conflicts: 0 };
  const pane = () => new SidePaneState({ blocking: () => counts.blocking, conflicts: () => counts.conflicts });

  beforeEach(() => {
    counts.blocking = 0;
    counts.conflicts = 0;
  });

  it('shows the preview first; counts blocking findings and open comments; conflicts only while some wait', () => {
    counts.blocking = 2;
    const side = pane();
    side.comments = [comment({ id: 'c1' }), comment({ id: 'c2', resolved_at: '2026-11-27T14:00:00Z' }), comment({ id: 'c3' })];
    expect(side.tab).toBe('preview');
    expect(side.tabs).toEqual([
      { id: 'preview', count: 0 },
      { id: 'checklist', count: 2 },
      { id: 'comments', count: 2 },
      { id: 'history', count: 0 },
    ]);
    counts.conflicts = 3;
    const waiting = pane();
    expect(waiting.tabs.at(-1)).toEqual({ id: 'conflicts', count: 3 });
  });

  it('marks the open comments on the body that still find their text', () => {
    const side = pane();
    side.comments = [
      comment({ id: 'c1', target: { kind: 'body' }, start: 10, end: 18 }),
      comment({ id: 'c2', target: { kind: 'body' }, start: 2, end: 4, resolved_at: '2026-11-27T14:00:00Z' }),
      comment({ id: 'c3', target: { kind: 'body' }, outdated: true }),
      comment({ id: 'c4', target: { kind: 'caption', file: 'a.jpg' }, start: 0, end: 3 }),
      comment({ id: 'c5' }),
    ];
    expect(side.highlights).toEqual([{ start: 10, end: 18 }]);
  });

  it('the arrow keys go round the tabs, the conflicts tab among them while it is there', () => {
    const side = pane();
    expect(side.neighbour('preview', -1)).toBe('history');
    expect(side.neighbour('history', 1)).toBe('preview');
    expect(side.neighbour('checklist', 1)).toBe('comments');
    counts.conflicts = 1;
    const waiting = pane();
    expect(waiting.neighbour('history', 1)).toBe('conflicts');
    expect(waiting.neighbour('preview', -1)).toBe('conflicts');
  });

  it('a selection to comment on opens the comments tab with it', () => {
    const side = pane();
    side.commentOn({ target: { kind: 'body' }, start: 0, end: 4, quote: 'Đoạn' });
    expect(side.tab).toBe('comments');
    expect(side.pendingSpan?.quote).toBe('Đoạn');
  });

  it('a tab that goes away leaves the preview shown, only if it was the one shown', () => {
    const side = pane();
    side.tab = 'history';
    side.leave('conflicts');
    expect(side.tab).toBe('history');
    side.tab = 'conflicts';
    side.leave('conflicts');
    expect(side.tab).toBe('preview');
  });
});

describe('save status', () => {
  it('says what the save is doing, and why a save or anything else failed', () => {
    const t = i18n.t;
    const status = new SaveStatus();
    expect(status.text(t)).toBe('');
    status.progress('saving');
    expect(status.text(t)).toBe('Đang lưu…');
    status.progress('saved', true);
    expect(status.text(t)).toBe('Đã lưu phiên bản');
    status.progress('saved');
    expect(status.text(t)).toBe('Đã lưu');
    status.fail({ code: 'disk_full', message: 'No space left on device' }, 'save');
    expect([status.state, status.code, status.text(t)]).toEqual(['error', 'disk_full', 'Chưa lưu: đĩa đầy']);
    status.fail({ code: 'invalid', message: 'Tiêu đề quá dài' }, 'save');
    expect(status.text(t)).toBe('Chưa lưu: Tiêu đề quá dài');
    status.closeKeptOpen();
    expect(status.text(t)).toBe('Chưa lưu: Tiêu đề quá dài. Đóng cửa sổ lần nữa sẽ bỏ phần chưa lưu.');
    status.fail({ code: 'internal', message: 'mất kết nối' });
    expect(status.text(t)).toBe('Lỗi: mất kết nối');
    i18n.setLang('en');
    expect(status.text(i18n.t)).toBe('Error: mất kết nối');
  });
});

describe('notice', () => {
  it('words each kind of notice', () => {
    const t = i18n.t;
    expect(noticeText({ kind: 'imported', result: { id: 'a1', outcome: 'created', fields: [] } }, t)).toBe('Đã tạo bài mới');
    expect(noticeText({ kind: 'failed', file: 'hong.zip', message: 'not a zip' }, t)).toBe(
      'Không nhập được hong.zip: not a zip',
    );
    expect(noticeText({ kind: 'merged' }, t)).toBe('Đã hợp nhất; bài đã được cập nhật.');
    expect(noticeText({ kind: 'reloaded' }, t)).toBe(t.externalReloaded);
  });
});
