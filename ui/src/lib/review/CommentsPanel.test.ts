// The comments panel against the fake backend: what a reviewer sees and
// what reaches the backend, through the real src/ipc functions.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { Comment, CommentSpan } from '../../ipc';
import { clearMocks } from '../../ipc/testing';
import { article, FakeBackend } from '../../test/backend';
import CommentsPanel from './CommentsPanel.svelte';
import type { PendingSpan } from './review';

const BODY = 'Sáng nay, giá xăng tăng. Chiều nay, giá dầu giảm.';

function comment(overrides: Partial<Comment> & { id: string }): Comment {
  return {
    at: '2026-11-27T13:15:00Z',
    actor: 'Trần Lan',
    role: 'editor',
    body: '',
    target: null,
    quote: null,
    start: null,
    end: null,
    outdated: false,
    resolved_at: null,
    resolved_by: null,
    ...overrides,
  };
}

const existing = (): Comment[] => [
  comment({ id: 'c1', body: 'Bài cần thêm nguồn.' }),
  comment({
    id: 'c2',
    at: '2026-11-27T13:20:00Z',
    body: 'Giá cụ thể là bao nhiêu?',
    target: { kind: 'body' },
    quote: 'giá xăng',
    start: 10,
    end: 18,
  }),
  comment({
    id: 'c3',
    at: '2026-11-27T13:25:00Z',
    body: 'Chữ này sai chính tả.',
    target: { kind: 'body' },
    quote: 'tăg mạnh',
    outdated: true,
  }),
  comment({
    id: 'c4',
    at: '2026-11-27T13:30:00Z',
    actor: 'Nguyễn Minh',
    role: 'reporter',
    body: 'Đã sửa tít.',
    resolved_at: '2026-11-27T14:00:00Z',
    resolved_by: 'Trần Lan',
  }),
];

/** A fake backend whose comment commands keep a list, like the store does. */
function backendWith(comments: Comment[], body = BODY) {
  const backend = new FakeBackend([article({ id: 'a1', body })]);
  const log: string[] = [];
  backend.overrides.set('list_comments', () => structuredClone(comments));
  backend.overrides.set('add_comment', (args) => {
    log.push('add_comment');
    const span = args.span as CommentSpan | null;
    const saved = backend.articles[0]!.body;
    const added = comment({
      id: `c${comments.length + 1}`,
      at: '2026-11-27T15:00:00Z',
      actor: 'Nguyễn Minh',
      role: 'reporter',
      body: String(args.body).trim(),
      target: span?.target ?? null,
      quote: span ? saved.slice(span.start, span.end) : null,
      start: span?.start ?? null,
      end: span?.end ?? null,
    });
    comments.push(added);
    return structuredClone(added);
  });
  backend.overrides.set('resolve_comment', (args) => {
    const found = comments.find((c) => c.id === args.commentId)!;
    Object.assign(found, args.resolved ? { resolved_at: '2026-11-27T15:05:00Z', resolved_by: 'Trần Lan' } : { resolved_at: null, resolved_by: null });
    return structuredClone(found);
  });
  return { backend, log, comments };
}

function props(log: string[], overrides: Partial<{ pendingSpan: PendingSpan | null }> = {}) {
  return {
    articleId: 'a1',
    refreshKey: 0,
    pendingSpan: null,
    onspanconsumed: vi.fn(),
    flush: vi.fn(async () => {
      log.push('flush');
    }),
    onjump: vi.fn(),
    oncount: vi.fn(),
    ...overrides,
  };
}

const items = () => screen.queryAllByTestId('comment-item');
const item = (text: string) => items().find((li) => li.textContent?.includes(text))!;

beforeEach(() => {
  localStorage.clear();
  i18n.reload();
});

afterEach(() => clearMocks());

describe('CommentsPanel', () => {
  it('lists open comments newest first, with who, role and local time; all shows the resolved ones dimmed', async () => {
    const { log } = backendWith(existing());
    const p = props(log);
    render(CommentsPanel, { props: p });

    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items()[0]).toHaveTextContent('Chữ này sai chính tả.');
    expect(items()[2]).toHaveTextContent('Bài cần thêm nguồn.');
    const general = item('Bài cần thêm nguồn.');
    expect(general).toHaveTextContent('Trần Lan');
    expect(general).toHaveTextContent('Biên tập viên');
    expect(general).toHaveTextContent('27/11/2026 20:15');
    expect(within(general).queryByTestId('comment-jump')).toBeNull();
    expect(p.oncount).toHaveBeenLastCalledWith(3);
    expect(screen.getByLabelText('Chưa giải quyết (3)')).toBeChecked();

    await fireEvent.click(screen.getByLabelText('Tất cả (4)'));
    expect(items()).toHaveLength(4);
    const resolved = item('Đã sửa tít.');
    expect(resolved).toHaveAttribute('data-resolved', 'true');
    expect(resolved).toHaveTextContent('Phóng viên');
    expect(resolved).toHaveTextContent('Đã giải quyết: Trần Lan, 27/11/2026 21:00');
    expect(within(resolved).getByTestId('comment-reopen')).toBeInTheDocument();
    expect(within(resolved).queryByTestId('comment-resolve')).toBeNull();
  });

  it('shows an anchored quote that selects its text, and an outdated one struck out with a label', async () => {
    const { log } = backendWith(existing());
    const p = props(log);
    render(CommentsPanel, { props: p });
    await waitFor(() => expect(items()).toHaveLength(3));

    const anchored = item('Giá cụ thể');
    expect(anchored).toHaveAttribute('data-outdated', 'false');
    const jump = within(anchored).getByTestId('comment-jump');
    expect(jump).toHaveTextContent('giá xăng');
    await fireEvent.click(jump);
    expect(p.onjump).toHaveBeenCalledWith(expect.objectContaining({ id: 'c2', start: 10, end: 18 }));

    const outdated = item('sai chính tả');
    expect(outdated).toHaveAttribute('data-outdated', 'true');
    expect(within(outdated).getByTestId('comment-outdated')).toHaveTextContent('Đã lỗi thời');
    expect(within(outdated).queryByTestId('comment-jump')).toBeNull();
    const struck = outdated.querySelector('s');
    expect(struck).toHaveTextContent('tăg mạnh');
  });

  it('adds a comment on the whole article after flushing the autosave', async () => {
    const { backend, log } = backendWith(existing());
    const p = props(log);
    const user = userEvent.setup();
    render(CommentsPanel, { props: p });
    await waitFor(() => expect(items()).toHaveLength(3));

    expect(screen.getByTestId('comment-submit')).toBeDisabled();
    await user.type(screen.getByTestId('comment-input'), '  Tít dài quá, rút gọn nhé.  ');
    await user.click(screen.getByTestId('comment-submit'));

    await waitFor(() => expect(items()).toHaveLength(4));
    expect(log).toEqual(['flush', 'add_comment']);
    expect(backend.callsTo('add_comment')[0]!.args).toEqual({ id: 'a1', body: 'Tít dài quá, rút gọn nhé.', span: null });
    expect(items()[0]).toHaveTextContent('Tít dài quá, rút gọn nhé.');
    expect(screen.getByTestId('comment-input')).toHaveValue('');
    expect(p.oncount).toHaveBeenLastCalledWith(4);
    expect(p.onspanconsumed).not.toHaveBeenCalled();
  });

  it('posts with Ctrl+Enter', async () => {
    const { backend, log } = backendWith([]);
    const user = userEvent.setup();
    render(CommentsPanel, { props: props(log) });
    await screen.findByText('Chưa có bình luận.');

    await user.type(screen.getByTestId('comment-input'), 'Ổn rồi.{Control>}{Enter}{/Control}');
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(backend.callsTo('add_comment')).toHaveLength(1);
  });

  it('adds a comment on the selected text: the quote is shown, the span sent after the flush', async () => {
    const { backend, log } = backendWith([]);
    const pendingSpan: PendingSpan = { target: { kind: 'body' }, start: 10, end: 18, quote: 'giá xăng' };
    const p = props(log, { pendingSpan });
    const user = userEvent.setup();
    render(CommentsPanel, { props: p });

    expect(screen.getByTestId('comment-quote')).toHaveTextContent('giá xăng');
    expect(screen.getByText('Bình luận về đoạn trong nội dung:')).toBeInTheDocument();
    // The box takes the typing at once.
    await waitFor(() => expect(screen.getByTestId('comment-input')).toHaveFocus());
    await user.keyboard('Nguồn số liệu?');
    await user.click(screen.getByTestId('comment-submit'));

    await waitFor(() => expect(items()).toHaveLength(1));
    expect(log).toEqual(['flush', 'add_comment']);
    expect(backend.callsTo('add_comment')[0]!.args).toEqual({
      id: 'a1',
      body: 'Nguồn số liệu?',
      span: { target: { kind: 'body' }, start: 10, end: 18 },
    });
    expect(p.onspanconsumed).toHaveBeenCalledTimes(1);
    expect(within(items()[0]!).getByTestId('comment-jump')).toHaveTextContent('giá xăng');
  });

  it('follows the quote when the saved text moved it, and refuses one that is gone', async () => {
    // The reporter typed at the start of the body after choosing the text.
    const { backend, log } = backendWith([], `Tin nhanh. ${BODY}`);
    const pendingSpan: PendingSpan = { target: { kind: 'body' }, start: 10, end: 18, quote: 'giá xăng' };
    const p = props(log, { pendingSpan });
    const user = userEvent.setup();
    const { rerender } = render(CommentsPanel, { props: p });

    await user.type(screen.getByTestId('comment-input'), 'Nguồn?');
    await user.click(screen.getByTestId('comment-submit'));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(backend.callsTo('add_comment')[0]!.args.span).toEqual({ target: { kind: 'body' }, start: 21, end: 29 });

    await rerender({ pendingSpan: { target: { kind: 'body' }, start: 0, end: 8, quote: 'giá vàng' } });
    await user.type(screen.getByTestId('comment-input'), 'Còn đây?');
    await user.click(screen.getByTestId('comment-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Đoạn đã chọn không còn trong bản đã lưu');
    expect(backend.callsTo('add_comment')).toHaveLength(1);
    expect(screen.getByTestId('comment-input')).toHaveValue('Còn đây?');
  });

  it('comments on a caption by its photo file', async () => {
    const backend = new FakeBackend([
      article({
        id: 'a1',
        photos: [
          {
            sha256: 'f'.repeat(64),
            file: 'media/ga-metro.jpg',
            caption: 'Nhà ga Bến Thành sáng nay.',
            credit: '',
            alt: '',
            featured: true,
            width: 1600,
            height: 900,
            mime: 'image/jpeg',
          },
        ],
      }),
    ]);
    backend.overrides.set('list_comments', () => []);
    backend.overrides.set('add_comment', (args) => comment({ id: 'n1', body: String(args.body) }));
    const target = { kind: 'caption' as const, file: 'media/ga-metro.jpg' };
    const user = userEvent.setup();
    render(CommentsPanel, {
      props: props([], { pendingSpan: { target, start: 7, end: 16, quote: 'Bến Thành' } }),
    });

    expect(screen.getByText('Bình luận về đoạn trong chú thích ảnh media/ga-metro.jpg:')).toBeInTheDocument();
    await user.type(screen.getByTestId('comment-input'), 'Ga Bến Thành hay ga Sài Gòn?');
    await user.click(screen.getByTestId('comment-submit'));
    await waitFor(() => expect(backend.callsTo('add_comment')).toHaveLength(1));
    expect(backend.callsTo('add_comment')[0]!.args.span).toEqual({ target, start: 7, end: 16 });
  });

  it('cancelling the quote leaves a comment on the whole article', async () => {
    const { log } = backendWith([]);
    const p = props(log, { pendingSpan: { target: { kind: 'body' }, start: 10, end: 18, quote: 'giá xăng' } });
    render(CommentsPanel, { props: p });
    await fireEvent.click(screen.getByTestId('comment-quote-cancel'));
    expect(p.onspanconsumed).toHaveBeenCalledTimes(1);
  });

  it('resolves and reopens', async () => {
    const { backend, log } = backendWith(existing());
    const p = props(log);
    render(CommentsPanel, { props: p });
    await waitFor(() => expect(items()).toHaveLength(3));

    await fireEvent.click(within(item('Bài cần thêm nguồn.')).getByTestId('comment-resolve'));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(backend.callsTo('resolve_comment')[0]!.args).toEqual({ commentId: 'c1', resolved: true });
    expect(p.oncount).toHaveBeenLastCalledWith(2);

    await fireEvent.click(screen.getByTestId('comments-filter-all'));
    const resolved = item('Bài cần thêm nguồn.');
    expect(resolved).toHaveAttribute('data-resolved', 'true');
    expect(resolved).toHaveTextContent('Đã giải quyết: Trần Lan, 27/11/2026 22:05');

    await fireEvent.click(within(resolved).getByTestId('comment-reopen'));
    await waitFor(() => expect(item('Bài cần thêm nguồn.')).toHaveAttribute('data-resolved', 'false'));
    expect(backend.callsTo('resolve_comment')[1]!.args).toEqual({ commentId: 'c1', resolved: false });
    expect(p.oncount).toHaveBeenLastCalledWith(3);
  });

  it('reloads when refreshKey changes, and speaks English on request', async () => {
    const list = existing();
    const { backend, log } = backendWith(list);
    const { rerender } = render(CommentsPanel, { props: props(log) });
    await waitFor(() => expect(items()).toHaveLength(3));

    list.push(comment({ id: 'c9', body: 'Một góp ý mới từ người khác.' }));
    await rerender({ refreshKey: 1 });
    await waitFor(() => expect(items()).toHaveLength(4));
    expect(backend.callsTo('list_comments')).toHaveLength(2);

    i18n.setLang('en');
    await waitFor(() => expect(screen.getByLabelText('Open (4)')).toBeChecked());
    expect(item('Bài cần thêm nguồn.')).toHaveTextContent('Editor');
    expect(item('Bài cần thêm nguồn.')).toHaveTextContent('27 Nov 2026, 20:15');
    expect(within(item('sai chính tả')).getByTestId('comment-outdated')).toHaveTextContent('Outdated');
  });
});
