import { describe, expect, it } from 'vitest';

import { deferred } from '../test/backend';
import { latest } from './latest';

describe('latest', () => {
  it('an older answer arriving after a newer one is dropped', async () => {
    const l = latest();
    const seen: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = l.run(() => first.promise, (v) => seen.push(v));
    const b = l.run(() => second.promise, (v) => seen.push(v));
    second.resolve('new');
    first.resolve('old');
    expect(await b).toBe(true);
    expect(await a).toBe(false);
    expect(seen).toEqual(['new']);
  });

  it('cancel drops the answer in flight', async () => {
    const l = latest();
    const seen: string[] = [];
    const d = deferred<string>();
    const run = l.run(() => d.promise, (v) => seen.push(v));
    l.cancel();
    d.resolve('late');
    expect(await run).toBe(false);
    expect(seen).toEqual([]);
  });

  it('the current round’s failure reaches the caller; a stale one does not', async () => {
    const l = latest();
    const stale = deferred<string>();
    const staleRun = l.run(() => stale.promise, () => {});
    const fresh = l.run(() => Promise.reject(new Error('down')), () => {});
    stale.reject(new Error('old failure'));
    await expect(fresh).rejects.toThrow('down');
    expect(await staleRun).toBe(false);
  });

  it('begin gives a check that turns false when a newer round starts', () => {
    const l = latest();
    const one = l.begin();
    expect(one()).toBe(true);
    const two = l.begin();
    expect(one()).toBe(false);
    expect(two()).toBe(true);
  });
});
