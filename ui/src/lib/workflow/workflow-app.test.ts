// The editorial workflow as a reporter or an editor meets it in the app:
// who is at the keyboard, the moves, the checklist that stops them, Ctrl+S
// and the live checklist beside the article. Everything below `invoke` is
// real; the backend is the in-memory one with the workflow commands.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import App from '../../App.svelte';
import { i18n } from '../../i18n/index.svelte';
import type { ArticleFields, ArticleStatus, Finding, Profile } from '../../ipc';
import { clearMocks } from '../../ipc/testing';
import { article } from '../../test/backend';
import { WorkflowBackend } from './testing';

const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function backendWith(status: ArticleStatus, profile: Profile | null): WorkflowBackend {
  const backend = new WorkflowBackend([
    article({
      id: 'a1',
      headline: 'Giá xăng giảm lần thứ ba',
      sapo: 'Từ 15h chiều nay, giá xăng giảm.',
      body: 'Đoạn một.',
      category: 'Kinh tế',
      status,
      updated_at: '2026-11-27T13:15:00Z',
    }),
    article({ id: 'a2', headline: 'Bão số 9 đổ bộ', updated_at: '2026-11-26T08:00:00Z' }),
  ]);
  backend.profile = profile;
  return backend;
}

const REPORTER: Profile = { name: 'Duy Huy', role: 'reporter' };
const EDITOR: Profile = { name: 'Thu Hà', role: 'editor' };

async function start(backend: WorkflowBackend) {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  render(App);
  await settle();
  return { user, backend };
}

const field = (id: string) => screen.getByTestId(`field-${id}`) as HTMLInputElement;
const moveButtons = () =>
  within(screen.getByTestId('workflow-bar'))
    .queryAllByRole('button')
    .map((button) => button.textContent?.trim());
const firstRow = () => screen.getAllByTestId('article-item')[0]!;

/** A sapo shorter than the newsroom's minimum blocks; a missing headline too. */
const checklistRules = (fields: ArticleFields, publishing: boolean, language: string): Finding[] => {
  const en = language === 'en';
  const findings: Finding[] = [];
  if (fields.keywords.length < 2) {
    findings.push({
      rule: 'few_keywords',
      severity: 'warning',
      field: 'keywords',
      message: en ? 'Fewer than 2 keywords.' : 'Ít hơn 2 từ khóa.',
    });
  }
  if (fields.headline.trim() === '') {
    findings.push({
      rule: 'headline_missing',
      severity: 'blocking',
      field: 'headline',
      message: en ? 'The headline is missing.' : 'Chưa có tiêu đề.',
    });
  }
  if (fields.photos.length === 0 && fields.body.includes('![')) {
    findings.push({
      rule: 'photo_reference_broken',
      severity: 'blocking',
      field: 'body',
      message: en ? 'The body shows a photo that is not in the article.' : 'Nội dung có ảnh chưa có trong bài.',
    });
  }
  if (publishing && fields.published_at === null) {
    findings.push({
      rule: 'publish_time_missing',
      severity: 'blocking',
      field: 'published_at',
      message: en ? 'The publish time is not set.' : 'Chưa đặt thời gian xuất bản.',
    });
  }
  return findings;
};

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  i18n.reload();
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe('who is at the keyboard', () => {
  it('a new library asks for a name and a role first, and will not go away without a name', async () => {
    const { user, backend } = await start(backendWith('draft', null));

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

  it('a library with a profile opens straight to work and shows who it is in the top bar', async () => {
    await start(backendWith('draft', REPORTER));
    expect(screen.queryByTestId('profile-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('profile-button')).toHaveTextContent('Duy Huy · Phóng viên');
  });

  it('the top bar and Settings both open the profile to change it; cancel keeps it', async () => {
    const { user, backend } = await start(backendWith('draft', REPORTER));

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

describe('workflow bar', () => {
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
  ] as const)('%s, %o: the buttons are %o', async (status, profile, buttons) => {
    await start(backendWith(status, profile));
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', status);
    expect(moveButtons()).toEqual(buttons);
    if (buttons.length === 0) {
      expect(screen.getByTestId('workflow-bar')).toHaveTextContent('Không có bước nào cho vai trò của bạn.');
    }
  });

  it('shows the status in words, in the chosen language', async () => {
    const { user } = await start(backendWith('in_review', EDITOR));
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('Đang duyệt');
    expect(screen.getByTestId('move-approved')).toHaveTextContent('Duyệt');
    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('In review');
    expect(moveButtons()).toEqual(['Approve', 'Request changes', 'Spike']);
  });

  it('submitting saves pending typing first, then moves; the status and the list row follow', async () => {
    const { user, backend } = await start(backendWith('draft', REPORTER));
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

  it('requesting changes cannot be confirmed without a note', async () => {
    const { user, backend } = await start(backendWith('in_review', EDITOR));
    await user.click(screen.getByTestId('move-changes_requested'));
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Ghi chú (bắt buộc)');
    expect(screen.getByTestId('move-confirm')).toBeDisabled();
    await user.click(screen.getByTestId('move-confirm'));
    // Enter in the form does not send it either.
    await user.type(screen.getByTestId('move-note'), '   ');
    await fireEvent.submit(screen.getByTestId('move-note').closest('form')!);
    await settle();
    expect(backend.callsTo('move_article')).toEqual([]);
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Bước này cần ghi chú');

    await user.type(screen.getByTestId('move-note'), 'Thiếu nguồn cho số liệu giá');
    expect(screen.getByTestId('move-confirm')).toBeEnabled();
    await user.click(screen.getByTestId('move-confirm'));
    await settle();

    expect(backend.callsTo('move_article').at(-1)?.args).toEqual({
      id: 'a1',
      to: 'changes_requested',
      note: 'Thiếu nguồn cho số liệu giá',
      overrideReason: null,
    });
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('Cần sửa');
  });

  it('an optional note may be left empty; closing the dialog moves nothing', async () => {
    const { user, backend } = await start(backendWith('submitted', EDITOR));
    await user.click(screen.getByTestId('move-spiked'));
    expect(screen.getByTestId('move-dialog')).toHaveTextContent('Ghi chú (không bắt buộc)');
    await user.click(screen.getByTestId('move-cancel'));
    expect(screen.queryByTestId('move-dialog')).not.toBeInTheDocument();
    expect(backend.callsTo('move_article')).toEqual([]);

    await user.click(screen.getByTestId('move-in_review'));
    await user.click(screen.getByTestId('move-confirm'));
    await settle();
    expect(backend.callsTo('move_article').at(-1)?.args).toMatchObject({ to: 'in_review', note: '' });
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', 'in_review');
  });

  it('a refusal other than the checklist is shown in the dialog', async () => {
    const backend = backendWith('draft', REPORTER);
    backend.overrides.set('move_article', () => {
      throw { code: 'invalid', message: 'Bài đã được người khác gửi duyệt' };
    });
    const { user } = await start(backend);
    await user.click(screen.getByTestId('move-submitted'));
    await user.click(screen.getByTestId('move-confirm'));
    await settle();
    expect(screen.getByTestId('move-error')).toHaveTextContent('Bài đã được người khác gửi duyệt');
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', 'draft');
  });
});

describe('a move the checklist stops', () => {
  it('a reporter sees the blocking findings, in the UI language, and must fix them', async () => {
    const backend = backendWith('draft', REPORTER);
    backend.articles[0]!.body = 'Ảnh: ![Cây xăng](media/cay-xang.jpg)';
    backend.check = checklistRules;
    const { user } = await start(backend);
    await user.click(screen.getByTestId('lang-switch'));
    await user.click(screen.getByTestId('move-submitted'));
    await user.click(screen.getByTestId('move-confirm'));
    await settle();

    const dialog = screen.getByTestId('move-dialog');
    expect(dialog).toHaveTextContent('The pre-publish checklist stops this move.');
    expect(dialog).toHaveTextContent('Fix the problems below, then try again.');
    // Only what blocks; the warning about keywords is not in the way.
    const findings = within(dialog).getAllByTestId('move-finding');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toHaveTextContent('Body (Markdown)');
    expect(findings[0]).toHaveTextContent('The body shows a photo that is not in the article.');
    expect(backend.callsTo('check_article').at(-1)?.args).toMatchObject({ id: 'a1', publishing: false, language: 'en' });
    expect(screen.queryByTestId('move-override-reason')).not.toBeInTheDocument();
    expect(screen.queryByTestId('move-override')).not.toBeInTheDocument();
    expect(backend.callsTo('move_article').every((call) => call.args.overrideReason === null)).toBe(true);
    expect(screen.getByTestId('workflow-status')).toHaveAttribute('data-status', 'draft');
  });

  it('an editor may move it anyway, giving a reason that is sent with the move', async () => {
    const backend = backendWith('approved', EDITOR);
    backend.check = checklistRules;
    const { user } = await start(backend);
    await user.click(screen.getByTestId('move-published'));
    await user.click(screen.getByTestId('move-confirm'));
    await settle();

    const dialog = screen.getByTestId('move-dialog');
    expect(dialog).toHaveTextContent('Chưa qua bước kiểm tra trước khi đăng.');
    expect(within(dialog).getByTestId('move-finding')).toHaveTextContent('Thời gian xuất bản');
    expect(within(dialog).getByTestId('move-finding')).toHaveTextContent('Chưa đặt thời gian xuất bản.');
    expect(backend.callsTo('check_article').at(-1)?.args).toMatchObject({ publishing: true, language: 'vi' });
    expect(screen.getByTestId('move-override')).toBeDisabled();
    await user.type(screen.getByTestId('move-override-reason'), 'Đăng theo lịch của tòa soạn');
    await user.click(screen.getByTestId('move-override'));
    await settle();

    expect(backend.callsTo('move_article').at(-1)?.args).toEqual({
      id: 'a1',
      to: 'published',
      note: '',
      overrideReason: 'Đăng theo lịch của tòa soạn',
    });
    expect(screen.queryByTestId('move-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('workflow-status')).toHaveTextContent('Đã xuất bản');
    expect(firstRow()).toHaveTextContent('Đã xuất bản');
  });
});

describe('Ctrl+S', () => {
  it('saves the article as a revision, with what was just typed, and says so', async () => {
    const { user, backend } = await start(backendWith('draft', REPORTER));
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

  it('Cmd+S works too, from anywhere, and the webview never gets its own "save page"', async () => {
    const { backend } = await start(backendWith('draft', REPORTER));
    const notCancelled = await fireEvent.keyDown(document.body, { key: 's', code: 'KeyS', metaKey: true });
    await settle();
    expect(notCancelled).toBe(false);
    expect(backend.callsTo('save_revision')).toHaveLength(1);
  });
});

describe('side pane', () => {
  it('has a preview tab, shown first, and a checklist tab', async () => {
    const { user } = await start(backendWith('draft', REPORTER));
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
    const backend = backendWith('draft', REPORTER);
    backend.articles[0]!.headline = '';
    backend.check = checklistRules;
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
    expect(items()[0]).toHaveTextContent('Phải sửa');
    expect(items()[0]).toHaveTextContent('Tiêu đề');
    expect(items()[0]).toHaveTextContent('Chưa có tiêu đề.');
    expect(items()[1]).toHaveTextContent('Cảnh báo');
    expect(items()[1]).toHaveTextContent('Từ khóa');
    expect(screen.getByTestId('checklist-summary')).toHaveTextContent(/^1 lỗi phải sửa\s*1 cảnh báo$/);

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

  it('an article with nothing to fix says so', async () => {
    const backend = backendWith('draft', REPORTER);
    const { user } = await start(backend);
    await user.click(screen.getByTestId('side-tab-checklist'));
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('Không có gì phải sửa.');
    expect(screen.queryAllByTestId('checklist-item')).toHaveLength(0);
  });

  it('an approved article is checked as it would be for publishing', async () => {
    const backend = backendWith('approved', EDITOR);
    backend.check = checklistRules;
    const { user } = await start(backend);
    expect(backend.callsTo('check_article').at(-1)?.args).toMatchObject({ publishing: true });
    await user.click(screen.getByTestId('side-tab-checklist'));
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('Thời gian xuất bản');
    expect(screen.getByTestId('checklist-panel')).toHaveTextContent('khi đánh dấu đã đăng');
  });
});
