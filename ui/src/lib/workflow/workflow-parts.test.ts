// The workflow's parts of the window, each mounted alone: the bar above the
// editor, the move dialog (with the checklist that may stop a move), the
// profile dialog and the live checklist's panel. Everything below `invoke`
// is real; the backend is the in-memory one with the workflow commands.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import type { Article, ArticleFields, ArticleStatus, Finding, Profile, Role } from '../../ipc';
import { article } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import ChecklistPanel from './ChecklistPanel.svelte';
import { sortFindings } from './workflow';
import MoveDialog from './MoveDialog.svelte';
import ProfileDialog from './ProfileDialog.svelte';
import { newsroomChecks, WORKFLOW_RULES, WorkflowBackend } from './testing';
import WorkflowBar from './WorkflowBar.svelte';

const REPORTER: Profile = { name: 'Duy Huy', role: 'reporter' };
const EDITOR: Profile = { name: 'Thu Hà', role: 'editor' };

const user = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

freshEachTest();

describe('workflow bar', () => {
  function bar(status: ArticleStatus, role: Role | null, busy = false) {
    const onmove = vi.fn();
    render(WorkflowBar, { props: { status, rules: [...WORKFLOW_RULES], role, busy, onmove } });
    return onmove;
  }
  const moveButtons = () =>
    within(screen.getByTestId('workflow-bar'))
      .queryAllByRole('button')
      .map((button) => button.textContent?.trim());

  it.each([
    ['draft', REPORTER, ['Gửi duyệt']],
    ['draft', EDITOR, ['Hủy bài']],
    ['submitted', REPORTER, ['Rút lại']],
    ['submitted', EDITOR, ['Nhận biên tập', 'Hủy bài']],
    ['in_review', REPORTER, []],
    ['in_review', EDITOR, ['Duyệt', 'Yêu cầu sửa', 'Hủy bài']],
    ['changes_requested', REPORTER, ['Gửi duyệt']],
    ['approved', EDITOR, ['Đánh dấu đã đăng', 'Hủy bài']],
    ['spiked', EDITOR, ['Khôi phục']],
    ['spiked', REPORTER, []],
  ] as const)('%s, %o: the buttons are %o', (status, profile, buttons) => {
    bar(status, profile.role);
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', status);
    expect(moveButtons()).toEqual(buttons);
    if (buttons.length === 0) {
      expect(screen.getByTestId('workflow-bar')).toHaveTextContent('Không có bước nào cho vai trò của bạn.');
    }
  });

  it.each([
    ['draft', 'Bản nháp'],
    ['submitted', 'Đã gửi'],
    ['changes_requested', 'Cần sửa'],
    ['approved', 'Đã duyệt'],
    ['published', 'Đã xuất bản'],
    ['spiked', 'Đã hủy'],
  ] as const)('names the status %s "%s"', (status, words) => {
    bar(status, 'editor');
    expect(screen.getByTestId('workflow-status')).toHaveTextContent(words);
  });

  it('shows the status in words, in the chosen language', async () => {
    bar('in_review', 'editor');
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('Đang duyệt');
    expect(screen.getByTestId('move-approved')).toHaveTextContent('Duyệt');
    i18n.setLang('en');
    await settle();
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('In review');
    expect(moveButtons()).toEqual(['Approve', 'Request changes', 'Spike']);
  });

  it('a button starts its move; none while a move is made, none before the role is known', async () => {
    const onmove = bar('draft', 'reporter');
    await user().click(screen.getByTestId('move-submitted'));
    expect(onmove).toHaveBeenCalledWith(expect.objectContaining({ from: 'draft', to: 'submitted' }));
    document.body.innerHTML = '';
    bar('draft', 'reporter', true);
    expect(screen.getByTestId('move-submitted')).toBeDisabled();
    document.body.innerHTML = '';
    bar('draft', null);
    expect(moveButtons()).toEqual([]);
  });
});

describe('move dialog', () => {
  function dialog(
    status: ArticleStatus,
    to: ArticleStatus,
    role: Role,
    prepare?: () => Promise<ArticleFields>,
    body = 'Đoạn một.',
  ) {
    const backend = new WorkflowBackend([
      article({
        id: 'a1',
        headline: 'Giá xăng giảm lần thứ ba',
        sapo: 'Từ 15h chiều nay, giá xăng giảm.',
        body,
        category: 'Kinh tế',
        status,
        updated_at: '2026-11-27T13:15:00Z',
      }),
    ]);
    backend.profile = role === 'editor' ? EDITOR : REPORTER;
    const rule = WORKFLOW_RULES.find((r) => r.from === status && r.to === to)!;
    const fields = { ...backend.articles[0]!, related: [] } as unknown as ArticleFields;
    const props = {
      articleId: 'a1',
      rule,
      role,
      prepare: vi.fn(prepare ?? (async () => fields)),
      onmoved: vi.fn<(article: Article) => void>(),
      onclose: vi.fn(),
    };
    render(MoveDialog, { props });
    return { backend, ...props };
  }

  it('names the move; confirming lands the edits first, then moves with the note', async () => {
    const { backend, prepare, onmoved } = dialog('draft', 'submitted', 'reporter');
    const shown = screen.getByTestId('move-dialog');
    expect(shown).toHaveTextContent('Gửi duyệt');
    expect(shown).toHaveTextContent('Bản nháp → Đã gửi');
    expect(screen.getByTestId('move-confirm')).toBeEnabled();
    const u = user();
    await u.type(screen.getByTestId('move-note'), 'Nhờ anh xem giúp');
    await u.click(screen.getByTestId('move-confirm'));
    await settle();

    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare.mock.invocationCallOrder[0]).toBeLessThan(onmoved.mock.invocationCallOrder[0]!);
    expect(backend.callsTo('move_article').map((call) => call.args)).toEqual([
      { id: 'a1', to: 'submitted', note: 'Nhờ anh xem giúp', overrideReason: null },
    ]);
    expect(onmoved).toHaveBeenCalledWith(expect.objectContaining({ id: 'a1', status: 'submitted' }));
  });

  it('edits that could not be saved stop the move, with the reason', async () => {
    const { backend, onmoved } = dialog('draft', 'submitted', 'reporter', () =>
      Promise.reject({ code: 'invalid', message: 'Bài còn thay đổi chưa lưu được' }),
    );
    await user().click(screen.getByTestId('move-confirm'));
    await settle();
    expect(screen.getByTestId('move-error')).toHaveTextContent('Bài còn thay đổi chưa lưu được');
    expect(backend.callsTo('move_article')).toEqual([]);
    expect(onmoved).not.toHaveBeenCalled();
  });

  it('requesting changes cannot be confirmed without a note', async () => {
    const { backend, onmoved } = dialog('in_review', 'changes_requested', 'editor');
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Ghi chú (bắt buộc)');
    expect(screen.getByTestId('move-confirm')).toBeDisabled();
    const u = user();
    await u.click(screen.getByTestId('move-confirm'));
    // Enter in the form does not send it either.
    await u.type(screen.getByTestId('move-note'), '   ');
    await fireEvent.submit(screen.getByTestId('move-note').closest('form')!);
    await settle();
    expect(backend.callsTo('move_article')).toEqual([]);
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Bước này cần ghi chú');

    await u.type(screen.getByTestId('move-note'), 'Thiếu nguồn cho số liệu giá');
    expect(screen.getByTestId('move-confirm')).toBeEnabled();
    await u.click(screen.getByTestId('move-confirm'));
    await settle();
    expect(backend.callsTo('move_article').at(-1)?.args).toEqual({
      id: 'a1',
      to: 'changes_requested',
      note: 'Thiếu nguồn cho số liệu giá',
      overrideReason: null,
    });
    expect(onmoved).toHaveBeenCalledWith(expect.objectContaining({ status: 'changes_requested' }));
  });

  it('an optional note may be left empty; cancel moves nothing', async () => {
    const { backend, onclose } = dialog('submitted', 'spiked', 'editor');
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Ghi chú (không bắt buộc)');
    await user().click(screen.getByTestId('move-cancel'));
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(backend.callsTo('move_article')).toEqual([]);

    document.body.innerHTML = '';
    const second = dialog('submitted', 'in_review', 'editor');
    await user().click(screen.getByTestId('move-confirm'));
    await settle();
    expect(second.backend.callsTo('move_article').at(-1)?.args).toMatchObject({ to: 'in_review', note: '' });
    expect(second.onmoved).toHaveBeenCalledWith(expect.objectContaining({ status: 'in_review' }));
  });

  it('a refusal other than the checklist is shown in the dialog', async () => {
    const { backend, onmoved } = dialog('draft', 'submitted', 'reporter');
    backend.overrides.set('move_article', () => {
      throw { code: 'invalid', message: 'Bài đã được người khác gửi duyệt' };
    });
    await user().click(screen.getByTestId('move-confirm'));
    await settle();
    expect(screen.getByTestId('move-error')).toHaveTextContent('Bài đã được người khác gửi duyệt');
    expect(onmoved).not.toHaveBeenCalled();
  });

  it('stopped by the checklist: a reporter sees the blocking findings, in the UI language, and must fix them', async () => {
    i18n.setLang('en');
    const { backend, onmoved } = dialog('draft', 'submitted', 'reporter', undefined, 'Ảnh: ![Cây xăng](media/cay-xang.jpg)');
    backend.check = newsroomChecks;
    await user().click(screen.getByTestId('move-confirm'));
    await settle();

    const shown = screen.getByTestId('move-dialog');
    expect(shown).toHaveTextContent('The pre-publish checklist stops this move.');
    expect(shown).toHaveTextContent('Fix the problems below, then try again.');
    // Only what blocks; the warning about keywords is not in the way.
    const findings = within(shown).getAllByTestId('move-finding');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toHaveTextContent('Body (Markdown)');
    expect(findings[0]).toHaveTextContent('The body shows a photo that is not in the article.');
    expect(backend.callsTo('check_article').at(-1)?.args).toMatchObject({ id: 'a1', publishing: false, language: 'en' });
    expect(screen.queryByTestId('move-override-reason')).not.toBeInTheDocument();
    expect(screen.queryByTestId('move-override')).not.toBeInTheDocument();
    expect(backend.callsTo('move_article').every((call) => call.args.overrideReason === null)).toBe(true);
    expect(onmoved).not.toHaveBeenCalled();
  });

  it('stopped by the checklist: an editor may move it anyway, giving a reason that is sent with the move', async () => {
    const { backend, onmoved } = dialog('approved', 'published', 'editor');
    backend.check = newsroomChecks;
    const u = user();
    await u.click(screen.getByTestId('move-confirm'));
    await settle();

    const shown = screen.getByTestId('move-dialog');
    expect(shown).toHaveTextContent('Chưa qua bước kiểm tra trước khi đăng.');
    expect(within(shown).getByTestId('move-finding')).toHaveTextContent('Thời gian xuất bản');
    expect(within(shown).getByTestId('move-finding')).toHaveTextContent('Chưa đặt thời gian xuất bản.');
    expect(backend.callsTo('check_article').at(-1)?.args).toMatchObject({ publishing: true, language: 'vi' });
    expect(screen.getByTestId('move-override')).toBeDisabled();
    await u.type(screen.getByTestId('move-override-reason'), 'Đăng theo lịch của tòa soạn');
    await u.click(screen.getByTestId('move-override'));
    await settle();

    expect(backend.callsTo('move_article').at(-1)?.args).toEqual({
      id: 'a1',
      to: 'published',
      note: '',
      overrideReason: 'Đăng theo lịch của tòa soạn',
    });
    expect(onmoved).toHaveBeenCalledWith(expect.objectContaining({ status: 'published' }));
  });
});

describe('profile dialog', () => {
  function profileDialog(profile: Profile | null, required: boolean, onsave = vi.fn(async () => {})) {
    const onclose = vi.fn();
    render(ProfileDialog, { props: { profile, required, onsave, onclose } });
    return { onsave, onclose };
  }

  it('on a new library asks for a name and a role, and will not go away without a name', async () => {
    const { onsave, onclose } = profileDialog(null, true);
    const shown = screen.getByTestId('profile-dialog');
    expect(shown).toHaveTextContent('Bạn là ai?');
    expect(within(shown).getByText('Phóng viên')).toBeInTheDocument();
    expect(within(shown).getByText('Biên tập viên')).toBeInTheDocument();
    expect(screen.getByTestId('profile-role-reporter')).toBeChecked();
    expect(screen.getByTestId('profile-save')).toBeDisabled();
    expect(within(shown).queryByRole('button', { name: 'Hủy' })).not.toBeInTheDocument();
    // Neither Escape nor a name of spaces lets it go.
    const u = user();
    await u.keyboard('{Escape}');
    await u.type(screen.getByTestId('profile-name'), '   ');
    expect(screen.getByTestId('profile-save')).toBeDisabled();
    expect(onclose).not.toHaveBeenCalled();

    await u.clear(screen.getByTestId('profile-name'));
    await u.type(screen.getByTestId('profile-name'), `  ${'Nguyễn Thu Hà'.normalize('NFD')} `);
    await u.click(screen.getByTestId('profile-role-editor'));
    await u.click(screen.getByTestId('profile-save'));
    await settle();
    expect(onsave).toHaveBeenCalledWith({ name: 'Nguyễn Thu Hà', role: 'editor' });
  });

  it('changing it starts from the profile held; Escape and cancel close it; a refusal is shown', async () => {
    const onsave = vi.fn(() => Promise.reject({ code: 'invalid', message: 'name: too long' }));
    const { onclose } = profileDialog(REPORTER, false, onsave);
    expect(screen.getByTestId('profile-name')).toHaveValue('Duy Huy');
    expect(screen.getByTestId('profile-role-reporter')).toBeChecked();
    const u = user();
    await u.click(screen.getByTestId('profile-save'));
    await settle();
    expect(screen.getByTestId('profile-error')).toHaveTextContent('name: too long');
    await u.keyboard('{Escape}');
    await u.click(screen.getByTestId('profile-cancel'));
    expect(onclose).toHaveBeenCalledTimes(2);
  });
});

describe('checklist panel', () => {
  const panel = (findings: Finding[], publishing = false, extra: Partial<{ checking: boolean; error: string }> = {}) =>
    render(ChecklistPanel, { props: { findings: sortFindings(findings), checking: false, error: '', publishing, ...extra } });
  const fields = (overrides: Partial<ArticleFields>) =>
    ({ headline: '', body: '', keywords: [], photos: [], published_at: null, ...overrides }) as ArticleFields;
  const items = () => screen.queryAllByTestId('checklist-item');

  it('lists the blocking findings first, with their severity and field, and counts them', () => {
    panel(newsroomChecks(fields({}), false, 'vi'));
    expect(items().map((item) => [item.dataset.severity, item.dataset.rule])).toEqual([
      ['blocking', 'headline_missing'],
      ['warning', 'few_keywords'],
    ]);
    expect(items()[0]).toHaveTextContent('Phải sửa');
    expect(items()[0]).toHaveTextContent('Tiêu đề');
    expect(items()[0]).toHaveTextContent('Chưa có tiêu đề.');
    expect(items()[1]).toHaveTextContent('Cảnh báo');
    expect(items()[1]).toHaveTextContent('Từ khóa');
    expect(screen.getByTestId('checklist-summary')).toHaveTextContent(/^1 lỗi phải sửa\s*1 cảnh báo$/);
  });

  it('an article with nothing to fix says so', () => {
    panel([]);
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('Không có gì phải sửa.');
    expect(items()).toHaveLength(0);
  });

  it('says which checks it made: those of publishing, or those of submitting', () => {
    panel(newsroomChecks(fields({ headline: 'Tin', keywords: ['a', 'b'] }), true, 'vi'), true);
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('Thời gian xuất bản');
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('khi đánh dấu đã đăng');
    document.body.innerHTML = '';
    panel([], false);
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('khi gửi duyệt');
  });

  it('a failed check shows the reason, not "nothing to fix"', () => {
    panel([], false, { error: 'CSDL bị khóa' });
    expect(screen.getByTestId('checklist-error')).toHaveTextContent('Lỗi: CSDL bị khóa');
    expect(screen.queryByTestId('checklist-clear')).not.toBeInTheDocument();
  });
});
