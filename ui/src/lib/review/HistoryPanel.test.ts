// The history panel against the fake backend: the timeline, comparing two
// revisions, and restoring one, as a reviewer sees them.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { Article, FieldChange, HistoryEvent, Role } from '../../ipc';
import { clearMocks } from '../../ipc/testing';
import { article, FakeBackend } from '../../test/backend';
import HistoryPanel from './HistoryPanel.svelte';

const who = (role: Role) => (role === 'editor' ? 'Trần Lan' : 'Nguyễn Minh');

function revision(number: number, reason: string, at: string, role: Role = 'reporter'): HistoryEvent {
  return { kind: 'revision', number, at, actor: who(role), role, reason };
}

function move(
  from: string,
  to: string,
  at: string,
  role: Role,
  revisionNumber: number | null,
  note = '',
  override: string | null = null,
): HistoryEvent {
  return {
    kind: 'transition',
    at,
    actor: who(role),
    role,
    from: from as never,
    to: to as never,
    note,
    override_reason: override,
    revision: revisionNumber,
  };
}

/** Oldest first, as `article_history` answers. */
const history = (): HistoryEvent[] => [
  revision(1, 'import', '2026-11-27T01:00:00Z'),
  revision(2, 'transition', '2026-11-27T02:00:00Z'),
  move('draft', 'submitted', '2026-11-27T02:00:00Z', 'reporter', 2, 'Nhờ chị xem giúp'),
  move('submitted', 'in_review', '2026-11-27T03:00:00Z', 'editor', 2),
  {
    kind: 'comment',
    id: 'c1',
    at: '2026-11-27T03:10:00Z',
    actor: 'Trần Lan',
    role: 'editor',
    body: 'Thiếu nguồn cho con số này.',
    target: { kind: 'body' },
    quote: '30%',
    start: 4,
    end: 7,
    outdated: false,
    resolved_at: null,
    resolved_by: null,
  },
  move('in_review', 'changes_requested', '2026-11-27T03:15:00Z', 'editor', 2, 'Bổ sung nguồn số liệu'),
  revision(3, 'editing', '2026-11-27T04:00:00Z'),
  revision(4, 'transition', '2026-11-27T05:00:00Z'),
  move('changes_requested', 'submitted', '2026-11-27T05:00:00Z', 'reporter', 4, 'Đã bổ sung'),
  move('submitted', 'approved', '2026-11-27T06:00:00Z', 'editor', 4, '', 'Ảnh đại diện sẽ có sau'),
];

const CHANGES: FieldChange[] = [
  {
    field: 'body',
    before: 'Giá xăng tăng 30%.',
    after: 'Giá xăng giảm 30%, theo Bộ Công Thương.',
    parts: [
      { kind: 'same', text: 'Giá xăng ' },
      { kind: 'removed', text: 'tăng' },
      { kind: 'added', text: 'giảm' },
      { kind: 'same', text: ' 30%' },
      { kind: 'removed', text: '.' },
      { kind: 'added', text: ', theo Bộ Công Thương.' },
    ],
  },
  {
    field: 'photos[0].caption',
    before: 'Cây xăng',
    after: 'Cây xăng ở Hà Nội',
    parts: [
      { kind: 'same', text: 'Cây xăng' },
      { kind: 'added', text: ' ở Hà Nội' },
    ],
  },
  {
    field: 'slug_manual',
    before: 'false',
    after: 'true',
    parts: [
      { kind: 'removed', text: 'false' },
      { kind: 'added', text: 'true' },
    ],
  },
];

function setup(events = history()) {
  const backend = new FakeBackend([article({ id: 'a1', body: 'Giá xăng giảm 30%.' })]);
  const log: string[] = [];
  backend.overrides.set('article_history', () => structuredClone(events));
  backend.overrides.set('compare_revisions', () => structuredClone(CHANGES));
  const restored = article({ id: 'a1', body: 'Giá xăng tăng 30%.' });
  backend.overrides.set('restore_revision', (args) => {
    log.push('restore');
    events.push(revision(5, 'restore', '2026-11-27T07:00:00Z'));
    return { ...restored, headline: `restored ${String(args.number)}` };
  });
  const props = {
    articleId: 'a1',
    refreshKey: 0,
    flush: vi.fn(async () => {
      log.push('flush');
    }),
    onrestored: vi.fn<(article: Article) => void>(),
  };
  const result = render(HistoryPanel, { props });
  return { backend, log, props, ...result };
}

const items = () => screen.queryAllByTestId('history-item');
const select = (id: string) => screen.getByTestId(id) as HTMLSelectElement;

beforeEach(() => {
  localStorage.clear();
  i18n.reload();
});

afterEach(() => clearMocks());

describe('HistoryPanel', () => {
  it('shows the timeline newest first: moves with notes and overrides, revisions with their reason, comments', async () => {
    setup();
    await waitFor(() => expect(items()).toHaveLength(10));

    const kinds = items().map((li) => li.dataset.kind);
    expect(kinds).toEqual([
      'transition',
      'transition',
      'revision',
      'revision',
      'transition',
      'comment',
      'transition',
      'transition',
      'revision',
      'revision',
    ]);

    const approved = items()[0]!;
    expect(approved).toHaveTextContent('Đã gửi → Đã duyệt');
    expect(approved).toHaveTextContent('Trần Lan');
    expect(approved).toHaveTextContent('Biên tập viên');
    expect(approved).toHaveTextContent('27/11/2026 13:00');
    expect(within(approved).getByTestId('history-override')).toHaveTextContent(
      'Bỏ qua danh sách kiểm tra: Ảnh đại diện sẽ có sau',
    );
    expect(within(approved).queryByTestId('history-note')).toBeNull();

    const changes = items()[4]!;
    expect(changes).toHaveTextContent('Đang duyệt → Cần sửa');
    expect(within(changes).getByTestId('history-note')).toHaveTextContent('Ghi chú: Bổ sung nguồn số liệu');
    expect(within(changes).queryByTestId('history-override')).toBeNull();

    expect(items()[3]).toHaveTextContent('Phiên bản 3');
    expect(items()[3]).toHaveTextContent('Tự động khi soạn');
    expect(items()[9]).toHaveTextContent('Phiên bản 1');
    expect(items()[9]).toHaveTextContent('Nhập từ tệp');
    expect(items()[9]).toHaveTextContent('Nguyễn Minh');
    expect(items()[9]).toHaveTextContent('Phóng viên');

    expect(items()[5]).toHaveTextContent('Thiếu nguồn cho con số này.');
    expect(items()[5]).toHaveTextContent('30%');
  });

  it('compares the last two revisions by default, or any two picked, showing words added and removed', async () => {
    const { backend } = setup();
    await waitFor(() => expect(items()).toHaveLength(10));
    expect(select('revision-from').value).toBe('3');
    expect(select('revision-to').value).toBe('4');
    expect(select('revision-from').selectedOptions[0]).toHaveTextContent('Phiên bản 3 · 27/11/2026 11:00');

    await fireEvent.change(select('revision-from'), { target: { value: '1' } });
    await fireEvent.click(screen.getByTestId('revision-compare'));

    const view = await screen.findByTestId('diff-view');
    expect(backend.callsTo('compare_revisions')[0]!.args).toEqual({ id: 'a1', from: 1, to: 4 });
    expect(view).toHaveTextContent('Thay đổi từ phiên bản 1 đến 4');

    const body = view.querySelector<HTMLElement>('[data-field="body"]')!;
    expect(body).toHaveTextContent('Nội dung (Markdown)');
    expect([...body.querySelectorAll('ins')].map((el) => el.textContent)).toEqual(['giảm', ', theo Bộ Công Thương.']);
    expect([...body.querySelectorAll('del')].map((el) => el.textContent)).toEqual(['tăng', '.']);
    // The words read in order, and as text: nothing was parsed as markup.
    expect(body.querySelector('.parts')!.textContent).toBe('Giá xăng tănggiảm 30%., theo Bộ Công Thương.');

    const caption = view.querySelector<HTMLElement>('[data-field="photos[0].caption"]')!;
    expect(caption).toHaveTextContent('Ảnh 1 — Chú thích');
    expect(caption.querySelector('ins')).toHaveTextContent('ở Hà Nội');

    const flag = view.querySelector<HTMLElement>('[data-field="slug_manual"]')!;
    expect(flag).toHaveTextContent('Slug đặt tay');
    expect(flag.querySelector('del')).toHaveTextContent('Không');
    expect(flag.querySelector('ins')).toHaveTextContent('Có');
    expect(screen.getAllByTestId('diff-field')).toHaveLength(3);
  });

  it('shows article text that looks like markup as text', async () => {
    const { backend } = setup();
    backend.overrides.set('compare_revisions', () => [
      {
        field: 'headline',
        before: 'Tít',
        after: 'Tít <b>mới</b>',
        parts: [
          { kind: 'same', text: 'Tít' },
          { kind: 'added', text: ' <b>mới</b>' },
        ],
      },
    ]);
    await waitFor(() => expect(items()).toHaveLength(10));
    await fireEvent.click(screen.getByTestId('revision-compare'));
    const view = await screen.findByTestId('diff-view');
    expect(view.querySelector('b')).toBeNull();
    expect(view.querySelector('ins')!.textContent).toBe(' <b>mới</b>');
  });

  it('compares a resubmission with the previous submission', async () => {
    const { backend } = setup();
    await waitFor(() => expect(items()).toHaveLength(10));

    // Only the second submission has one before it.
    const buttons = screen.getAllByTestId('compare-submissions');
    expect(buttons).toHaveLength(1);
    const resubmitted = buttons[0]!.closest('li')!;
    expect(resubmitted).toHaveTextContent('Cần sửa → Đã gửi');
    expect(buttons[0]).toHaveTextContent('So với lần gửi trước');

    await fireEvent.click(buttons[0]!);
    await screen.findByTestId('diff-view');
    expect(backend.callsTo('compare_revisions')[0]!.args).toEqual({ id: 'a1', from: 2, to: 4 });
    expect(select('revision-from').value).toBe('2');
    expect(select('revision-to').value).toBe('4');
    expect(screen.getByTestId('diff-view')).toHaveTextContent('Thay đổi từ phiên bản 2 đến 4');
  });

  it('restores a revision only once confirmed, after flushing, and hands the article over', async () => {
    const { backend, log, props } = setup();
    await waitFor(() => expect(items()).toHaveLength(10));

    const first = items()[9]!;
    await fireEvent.click(within(first).getByTestId('revision-restore'));
    const ask = within(first).getByTestId('revision-restore-ask');
    expect(ask).toHaveTextContent('Khôi phục bài về phiên bản 1? Bản hiện tại vẫn được giữ trong lịch sử.');
    expect(backend.callsTo('restore_revision')).toHaveLength(0);

    await fireEvent.click(within(first).getByTestId('revision-restore-cancel'));
    expect(screen.queryByTestId('revision-restore-ask')).toBeNull();
    expect(backend.callsTo('restore_revision')).toHaveLength(0);

    await fireEvent.click(within(first).getByTestId('revision-restore'));
    await fireEvent.click(within(first).getByTestId('revision-restore-confirm'));

    await waitFor(() => expect(props.onrestored).toHaveBeenCalledTimes(1));
    expect(log).toEqual(['flush', 'restore']);
    expect(backend.callsTo('restore_revision')[0]!.args).toEqual({ id: 'a1', number: 1 });
    expect(props.onrestored.mock.calls[0]![0]).toMatchObject({ id: 'a1', headline: 'restored 1' });
    expect(screen.getByTestId('history-notice')).toHaveTextContent('Đã khôi phục phiên bản 1.');
    // The timeline is read again: the restore is the newest revision.
    await waitFor(() => expect(items()).toHaveLength(11));
    expect(items()[0]).toHaveTextContent('Phiên bản 5');
    expect(items()[0]).toHaveTextContent('Khôi phục');
    expect(select('revision-to').value).toBe('5');
  });

  it('says so when there is no history yet', async () => {
    setup([]);
    expect(await screen.findByText('Chưa có lịch sử.')).toBeInTheDocument();
    expect(screen.queryByTestId('revision-from')).toBeNull();
  });
});
