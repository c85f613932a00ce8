// Export and import's parts, alone: the words of an import's outcome, the
// files picked or dropped told apart, and the conflict panel, where a
// package's conflicts are settled field by field.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import { freshEachTest, settle } from '../../test/fresh';
import ConflictPanel from './ConflictPanel.svelte';
import { outcomeText, sideParts, splitPackages } from './exchange';
import { CONFLICT, ExchangeBackend } from './testing';

freshEachTest();

describe('words and files', () => {
  it('names each outcome of an import in words', () => {
    const t = i18n.t;
    const said = (outcome: 'created' | 'unchanged' | 'fast_forward' | 'merged' | 'conflict', fields: string[] = []) =>
      outcomeText({ id: 'x', outcome, fields }, t);
    expect(said('created')).toBe('Đã tạo bài mới');
    expect(said('fast_forward')).toBe('Đã cập nhật (fast-forward)');
    expect(said('merged', ['headline', 'sapo'])).toBe('Đã hợp nhất: tiêu đề, sapo');
    expect(said('conflict', ['headline', 'body'])).toBe('Có xung đột: tiêu đề, thân bài — chọn từng trường');
    expect(said('unchanged')).toBe('Không có gì mới: thư viện đã có bản này');
    i18n.setLang('en');
    expect(outcomeText({ id: 'x', outcome: 'merged', fields: ['headline', 'published_at'] }, i18n.t)).toBe(
      'Merged: headline, publication time',
    );
  });

  it('keeps the words of one side of a change, joining what runs together', () => {
    const parts = CONFLICT.conflicts[0]!.parts;
    expect(sideParts(parts, 'local')).toEqual([
      { kind: 'same', text: 'Giá xăng ' },
      { kind: 'removed', text: 'giảm lần thứ ba' },
    ]);
    expect(
      sideParts(
        [
          { kind: 'same', text: 'a ' },
          { kind: 'added', text: 'b ' },
          { kind: 'same', text: 'c' },
        ],
        'local',
      ),
    ).toEqual([{ kind: 'same', text: 'a c' }]);
  });

  it('tells packages (.zip, any case) from the rest, keeping the order', () => {
    const names = ['a.jpg', 'goi.ZIP', 'b.png', 'x.zip.jpg', 'c.zip'];
    expect(splitPackages(names, (name) => name)).toEqual({
      packages: ['goi.ZIP', 'c.zip'],
      others: ['a.jpg', 'b.png', 'x.zip.jpg'],
    });
  });
});

describe('conflict panel', () => {
  function panel() {
    const backend = new ExchangeBackend([]);
    backend.pending.set('a1', structuredClone(CONFLICT));
    const flush = vi.fn(async () => {});
    const onresolved = vi.fn();
    render(ConflictPanel, { props: { articleId: 'a1', pending: structuredClone(CONFLICT), flush, onresolved } });
    return { backend, flush, onresolved, user: userEvent.setup({ advanceTimers: vi.advanceTimersByTime }) };
  }

  it('shows both versions of each field side by side, the words that differ marked', () => {
    panel();
    const shown = screen.getByTestId('conflict-panel');
    expect(shown).toHaveTextContent('Gói gia-xang.zip');
    expect(shown).toHaveTextContent('Sau khi chọn xong, bài cũng lấy từ gói: sapo.');

    const headline = within(shown).getAllByTestId('conflict-field')[0]!;
    expect(headline.dataset.field).toBe('headline');
    expect(within(headline).getByTestId('conflict-local')).toHaveTextContent('Giá xăng giảm lần thứ ba');
    expect(within(headline).getByTestId('conflict-incoming')).toHaveTextContent('Giá xăng lại giảm');
    // The words that differ are marked on each side, as text.
    expect(within(headline).getByTestId('conflict-local').querySelector('del')).toHaveTextContent('giảm lần thứ ba');
    expect(within(headline).getByTestId('conflict-incoming').querySelector('ins')).toHaveTextContent('lại giảm');
    const body = within(shown).getAllByTestId('conflict-field')[1]!;
    expect(within(body).getByRole('heading')).toHaveTextContent('Thân bài');
    expect(within(body).getByTestId('conflict-incoming')).toHaveTextContent('Đoạn một, có sửa.');
  });

  it('each pick lands the edits, settles its field and hands over what still waits', async () => {
    const { backend, flush, onresolved, user } = panel();
    const [headline, body] = screen.getAllByTestId('conflict-field');
    await user.click(within(headline!).getByTestId('conflict-take-incoming'));
    await settle();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(backend.callsTo('resolve_conflict').at(-1)?.args).toEqual({ id: 'a1', field: 'headline', take: 'incoming' });
    expect(onresolved).toHaveBeenLastCalledWith(['body']);

    await user.click(within(body!).getByTestId('conflict-keep-local'));
    await settle();
    expect(backend.callsTo('resolve_conflict').at(-1)?.args).toEqual({ id: 'a1', field: 'body', take: 'local' });
    expect(onresolved).toHaveBeenLastCalledWith([]);
  });

  it('a refused pick is shown in the panel', async () => {
    const { backend, onresolved, user } = panel();
    backend.overrides.set('resolve_conflict', () => {
      throw { code: 'invalid', message: "field: 'headline' is not in conflict" };
    });
    await user.click(screen.getAllByTestId('conflict-keep-local')[0]!);
    await settle();
    expect(screen.getByTestId('conflict-error')).toHaveTextContent("field: 'headline' is not in conflict");
    expect(onresolved).not.toHaveBeenCalled();
  });
});
