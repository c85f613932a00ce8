// The export dialog against the in-memory backend: the choices, the
// progress bar while it runs, Cancel, the final state and errors.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import { verbatimError } from '../../ipc';
import { article, deferred, NO_FILTER } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import ExportDialog from './ExportDialog.svelte';
import { ExchangeBackend } from './testing';

const ARTICLES = [
  article({ id: 'a1', headline: 'Giá xăng giảm lần thứ ba', slug: 'gia-xang' }),
  article({ id: 'a2', headline: 'Bão số 9 đổ bộ', slug: 'bao-so-9' }),
  article({ id: 'a3', headline: 'Lúa mùa bội thu', slug: 'lua-mua' }),
];

function open(backend: ExchangeBackend, props: Partial<Parameters<typeof ExportDialog>[1]> = {}) {
  const onclose = vi.fn();
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  render(ExportDialog, {
    props: {
      articleId: 'a1',
      headline: 'Giá xăng giảm lần thứ ba',
      filter: NO_FILTER,
      filterCount: 3,
      filtered: false,
      scope: 'article',
      onclose,
      ...props,
    },
  });
  return { user, backend, onclose };
}

const progressBar = () => screen.getByTestId('export-progress') as HTMLProgressElement;
const progressText = () => screen.getByTestId('export-progress-text').textContent;

/** Holds the export before each article until the test lets one through. */
function gated(backend: ExchangeBackend) {
  const gates: Array<() => void> = [];
  backend.beforeEach = () => {
    const gate = deferred<void>();
    gates.push(() => gate.resolve());
    return gate.promise;
  };
  return {
    async next() {
      await settle();
      gates.shift()?.();
      await settle();
    },
  };
}

freshEachTest();

describe('ExportDialog', () => {
  it('proposes the Documents folder, lists every format with its explanation, and scopes to the article', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    open(backend);
    await settle();
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Tài liệu/Byline');
    expect(screen.getByTestId('export-scope-article')).toBeChecked();
    expect(screen.getByText('Bài này: Giá xăng giảm lần thứ ba')).toBeInTheDocument();
    expect(screen.getByTestId('export-scope-filter-label')).toHaveTextContent('Cả thư viện: 3 bài');
    for (const hint of [
      'Trang web kèm thư mục ảnh',
      'Một tệp HTML',
      'Gói cho CMS (.zip)',
      'Gói gửi biên tập viên / phóng viên (kèm bình luận và lịch sử)',
      'IPTC ninjs (JSON)',
      'Markdown kèm ảnh',
    ]) {
      expect(screen.getByText(hint)).toBeInTheDocument();
    }
    // Nothing has run yet: no progress bar.
    expect(screen.queryByTestId('export-progress')).not.toBeInTheDocument();
  });

  it('shows the progress bar from the start, counts each article, and ends on the final count', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    // As the backend words them: the article's slug, then what was left out.
    backend.exportWarnings = [
      {
        key: 'exportWarningOf',
        args: { slug: 'gia-xang', warning: { key: 'exportRelatedLeftOut', args: { reference: 'tin-cu' } } },
      },
    ];
    const gate = gated(backend);
    const { user, onclose } = open(backend, { scope: 'filter', filtered: true });
    await settle();
    await user.click(screen.getByTestId('export-format-handoff'));
    // The desktop's folder chooser, opened by the backend, answers /tmp/xuat.
    backend.folderChooser.push('/tmp/xuat');
    await user.click(screen.getByTestId('export-folder-choose'));
    await settle();
    expect(backend.chooserTitles).toEqual(['Chọn thư mục lưu bài xuất']);
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/tmp/xuat');
    await user.click(screen.getByTestId('export-start'));

    // Running: the bar is there at once, empty, with the number to come.
    expect(progressBar().max).toBe(3);
    expect(progressBar().value).toBe(0);
    expect(progressText()).toBe('0/3');
    expect(screen.getByTestId('export-cancel')).toBeEnabled();
    expect(screen.getByTestId('export-folder-choose')).toBeDisabled();
    const call = backend.callsTo('export_articles').at(-1)!.args;
    expect(call).toMatchObject({ ids: [], filter: NO_FILTER, format: 'handoff' });
    expect(call).not.toHaveProperty('out');

    await gate.next();
    expect(progressBar().value).toBe(1);
    expect(progressText()).toBe('1/3 — Giá xăng giảm lần thứ ba');
    await gate.next();
    await gate.next();

    // Done: the bar stays full, with the folder and the warnings.
    expect(progressBar().value).toBe(3);
    expect(progressBar().max).toBe(3);
    expect(progressText()).toBe('3/3 — Lúa mùa bội thu');
    expect(screen.getByTestId('export-result')).toHaveTextContent('Đã xuất 3 bài vào /tmp/xuat');
    expect(screen.getAllByTestId('export-warning').map((li) => li.textContent)).toEqual([
      "gia-xang: bài liên quan 'tin-cu' không có trong thư viện; đã bỏ ra khỏi trang",
    ]);
    expect(screen.queryByTestId('export-cancel')).not.toBeInTheDocument();
    expect(screen.getByTestId('export-folder-choose')).toBeDisabled();
    await user.click(screen.getByTestId('export-close'));
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('Cancel asks the backend to stop; the dialog then says it stopped, with what was written', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    const gate = gated(backend);
    const { user } = open(backend, { scope: 'filter' });
    await settle();
    await user.click(screen.getByTestId('export-start'));
    await gate.next();
    expect(progressText()).toBe('1/3 — Giá xăng giảm lần thứ ba');

    await user.click(screen.getByTestId('export-cancel'));
    expect(backend.callsTo('cancel_export')).toHaveLength(1);
    expect(screen.getByTestId('export-cancel')).toHaveTextContent('Đang dừng…');
    await gate.next();

    const result = screen.getByTestId('export-result');
    expect(result.dataset.cancelled).toBe('true');
    expect(result).toHaveTextContent('Đã dừng');
    expect(result).toHaveTextContent('Đã xuất 1 bài vào /home/pv/Tài liệu/Byline');
    expect(progressBar().value).toBe(1);
    expect(progressBar().max).toBe(3);
  });

  it('shows why an export failed, in the dialog, and can be tried again', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    backend.overrides.set('export_articles', () => {
      throw verbatimError('internal', '/tmp/ro: Permission denied (os error 13)');
    });
    backend.folder = '/tmp/ro';
    const { user } = open(backend);
    await settle();
    await user.click(screen.getByTestId('export-start'));
    await settle();
    expect(screen.getByTestId('export-error')).toHaveTextContent(
      'Không xuất được: /tmp/ro: Permission denied (os error 13)',
    );
    expect(screen.getByTestId('export-start')).toBeEnabled();
    expect(backend.callsTo('export_articles').at(-1)?.args).toMatchObject({ ids: ['a1'], filter: null });
  });

  it('a cancelled folder chooser keeps the folder; the folder chosen is the one shown next time', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    const { user } = open(backend);
    await settle();
    backend.folderChooser.push(null);
    await user.click(screen.getByTestId('export-folder-choose'));
    await settle();
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Tài liệu/Byline');
    expect(screen.getByTestId('export-start')).toBeEnabled();

    backend.folderChooser.push('/home/pv/Bài gửi');
    await user.click(screen.getByTestId('export-folder-choose'));
    await settle();
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Bài gửi');
    cleanup();
    open(backend);
    await settle();
    // The backend remembers it for the session; the page keeps nothing.
    expect(screen.getByTestId('export-folder')).toHaveTextContent('/home/pv/Bài gửi');
  });

  it('without an open article, exports the filter; Escape closes it while nothing runs', async () => {
    const backend = new ExchangeBackend(ARTICLES);
    const { onclose } = open(backend, { articleId: null, headline: '', filterCount: 2, filtered: true });
    await settle();
    expect(screen.getByTestId('export-scope-article')).toBeDisabled();
    expect(screen.getByTestId('export-scope-filter')).toBeChecked();
    expect(screen.getByTestId('export-scope-filter-label')).toHaveTextContent('2 bài của bộ lọc hiện tại');
    await fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('speaks English on request', async () => {
    i18n.setLang('en');
    const backend = new ExchangeBackend(ARTICLES);
    open(backend, { scope: 'filter', filtered: true });
    await settle();
    expect(screen.getByRole('heading', { name: 'Export' })).toBeInTheDocument();
    expect(screen.getByTestId('export-scope-filter-label')).toHaveTextContent('The 3 articles of the current filter');
    expect(screen.getByText('A package for an editor or reporter (with comments and history)')).toBeInTheDocument();
    expect(screen.getByTestId('export-folder-choose')).toHaveTextContent('Choose folder…');
    backend.folderChooser.push(null);
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByTestId('export-folder-choose'));
    await settle();
    expect(backend.chooserTitles).toEqual(['Choose the folder to export into']);
  });
});
