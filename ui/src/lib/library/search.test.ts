import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { deferred } from '../../test/backend';
import { LatestSearch } from './search';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LatestSearch', () => {
  it('asks once typing pauses for 150 ms, with the last text', async () => {
    const search = vi.fn(async (query: string) => [query]);
    const shown: string[][] = [];
    const searcher = new LatestSearch<null, string[]>({ search, onresult: (r) => shown.push(r) });
    searcher.schedule('q', null);
    await vi.advanceTimersByTimeAsync(100);
    searcher.schedule('qu', null);
    await vi.advanceTimersByTimeAsync(149);
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('qu', null);
    expect(shown).toEqual([['qu']]);
  });

  it('never lets an older answer replace a newer one', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const search = (query: string) => {
      const answer = deferred<string>();
      answers.set(query, answer);
      return answer.promise;
    };
    const shown: string[] = [];
    const searcher = new LatestSearch<null, string>({ search, onresult: (r) => shown.push(r) });
    void searcher.now('quan', null);
    void searcher.now('quan triet', null);
    answers.get('quan triet')!.resolve('new');
    await vi.advanceTimersByTimeAsync(0);
    answers.get('quan')!.resolve('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['new']);
  });

  it('forgets answers still out once the query is emptied', async () => {
    const answer = deferred<string>();
    const shown: string[] = [];
    const searcher = new LatestSearch<null, string>({ search: () => answer.promise, onresult: (r) => shown.push(r) });
    void searcher.now('bao', null);
    searcher.schedule('', null);
    answer.resolve('late');
    await vi.advanceTimersByTimeAsync(200);
    expect(shown).toEqual([]);
  });
});
