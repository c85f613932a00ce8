import { describe, expect, it, vi } from 'vitest';

import type { ArticleSummary, LibraryPage } from '../../ipc';
import { Pager } from './pager';

const row = (index: number): ArticleSummary => ({
  id: `r${index}`,
  headline: `Bài số ${index + 1}`,
  status: 'draft',
  slug: `bai-${index}`,
  category: '',
  byline: '',
  created_at: '2026-11-27T13:00:00Z',
  updated_at: '2026-11-27T13:00:00Z',
  published_at: null,
});

/** A keyset backend over `total` rows; the cursor names the last row returned. */
function backend(total: number) {
  const calls: Array<{ cursor: string | null; limit: number; next: string | null }> = [];
  const fetch = vi.fn(async (cursor: string | null, limit: number): Promise<LibraryPage> => {
    const start = cursor === null ? 0 : Number(cursor.slice('after:'.length)) + 1;
    const end = Math.min(total, start + Math.min(limit, 1000));
    const page = {
      rows: Array.from({ length: end - start }, (_, i) => row(start + i)),
      next: end < total ? `after:${end - 1}` : null,
    };
    calls.push({ cursor, limit, next: page.next });
    return page;
  });
  return { fetch, calls };
}

const flush = async () => {
  for (let i = 0; i < 500; i++) await Promise.resolve();
};

/** Every page was asked for with the cursor the page before it returned. */
function expectChained(calls: Array<{ cursor: string | null; next: string | null }>) {
  calls.forEach((call, index) => expect(call.cursor).toBe(index === 0 ? null : calls[index - 1]!.next));
}

describe('Pager', () => {
  it('fetches pages of 100 in order, each with the previous page’s cursor', async () => {
    const { fetch, calls } = backend(1000);
    const pager = new Pager({ fetch, onchange: () => {} });
    pager.want(0, 20);
    await flush();
    expect(calls).toHaveLength(1);
    for (const to of [120, 150, 260]) {
      pager.want(to - 20, to);
      await flush();
    }
    expect(calls.map((call) => call.limit)).toEqual([100, 100, 100]);
    expectChained(calls);
    expect(pager.rowAt(260)?.headline).toBe('Bài số 261');
    expect(pager.rowAt(300)).toBeUndefined();
  });

  it('never has two pages of the chain in flight', async () => {
    const { fetch: serve } = backend(1000);
    const held: Array<() => void> = [];
    const fetch = vi.fn(
      (cursor: string | null, limit: number) =>
        new Promise<LibraryPage>((resolve) => held.push(() => resolve(serve(cursor, limit)))),
    );
    const pager = new Pager({ fetch, onchange: () => {} });
    pager.want(0, 20);
    pager.want(0, 150);
    pager.want(0, 250);
    expect(fetch).toHaveBeenCalledTimes(1);
    held.shift()!();
    await flush();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![0]).toBe('after:99');
  });

  it('walks far ahead with bigger pages, still in order, and holds a bounded number of rows', async () => {
    const { fetch, calls } = backend(100_000);
    const pager = new Pager({ fetch, onchange: () => {}, keep: 2000 });
    pager.want(0, 20);
    await flush();
    pager.want(90_000, 90_020);
    for (let i = 0; i < 200 && pager.walking; i++) await flush();
    expect(pager.rowAt(90_010)?.id).toBe('r90010');
    expectChained(calls);
    expect(Math.max(...calls.map((call) => call.limit))).toBeLessThanOrEqual(1000);
    expect(calls.length).toBeLessThan(120);
    // Rows far from the window were let go.
    expect(pager.held).toBeLessThanOrEqual(2 * 2000 + 1000 + 21);
    expect(pager.rowAt(10)).toBeUndefined();
  });

  it('reads dropped rows again with the cursor that first fetched them, never by position', async () => {
    const { fetch, calls } = backend(100_000);
    const pager = new Pager({ fetch, onchange: () => {}, keep: 500 });
    pager.want(0, 20);
    await flush();
    pager.want(5000, 5020);
    for (let i = 0; i < 50 && pager.walking; i++) await flush();
    const second = calls.findIndex((call) => call.cursor === 'after:99');
    expect(second).toBeGreaterThan(0);
    const before = calls.length;

    pager.want(150, 170);
    expect(pager.rowAt(160)).toBeUndefined();
    await flush();
    // The page holding rows 100–199 again, by its own cursor and size.
    expect(calls.slice(before)).toEqual([{ cursor: 'after:99', limit: calls[second]!.limit, next: calls[second]!.next }]);
    expect(pager.rowAt(160)?.id).toBe('r160');
  });

  it('stops at the end of the list', async () => {
    const { fetch, calls } = backend(130);
    const pager = new Pager({ fetch, onchange: () => {} });
    pager.want(0, 500);
    await flush();
    expect(pager.done).toBe(true);
    expect(pager.loaded).toBe(130);
    const asked = calls.length;
    pager.want(100, 600);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(asked);
    expect(calls.at(-1)?.next).toBeNull();
  });

  it('drops the pages of a list that was reset', async () => {
    let resolveFirst!: (page: LibraryPage) => void;
    const fetch = vi
      .fn<(cursor: string | null, limit: number) => Promise<LibraryPage>>()
      .mockImplementationOnce(() => new Promise((resolve) => (resolveFirst = resolve)))
      .mockImplementation(async () => ({ rows: [row(7)], next: null }));
    const pager = new Pager({ fetch, onchange: () => {} });
    pager.want(0, 20);
    pager.reset();
    pager.want(0, 20);
    await flush();
    resolveFirst({ rows: [row(0), row(1)], next: 'after:1' });
    await flush();
    expect(pager.rowAt(0)?.id).toBe('r7');
    expect(pager.loaded).toBe(1);
  });

  it('a reload keeps the old rows on show until the new first page is in', async () => {
    const { fetch } = backend(1000);
    const pager = new Pager({ fetch, onchange: () => {} });
    pager.want(0, 20);
    await flush();
    let resolve!: (page: LibraryPage) => void;
    fetch.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    const reloaded = pager.reload(100);
    expect(pager.rowAt(0)?.id).toBe('r0');
    resolve({ rows: [{ ...row(5), id: 'new' }], next: null });
    expect((await reloaded)[0]?.id).toBe('new');
    expect(pager.rowAt(0)?.id).toBe('new');
    expect(pager.rowAt(1)).toBeUndefined();
  });
});
