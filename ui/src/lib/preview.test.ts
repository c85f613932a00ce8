import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { deferred } from '../test/backend';
import { PreviewScheduler } from './preview';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PreviewScheduler', () => {
  it('renders once, 60 ms after the last change (well within 100 ms), with the newest input', async () => {
    const render = vi.fn(async (text: string) => `<p>${text}</p>`);
    const shown: string[] = [];
    const scheduler = new PreviewScheduler<string>({ render, onResult: (html) => shown.push(html) });

    scheduler.schedule('a');
    await vi.advanceTimersByTimeAsync(50);
    scheduler.schedule('ab');
    await vi.advanceTimersByTimeAsync(59);
    expect(render).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1);
    expect(render).toHaveBeenCalledTimes(1);
    expect(render).toHaveBeenCalledWith('ab');
    expect(shown).toEqual(['<p>ab</p>']);
  });

  it('drops a response that arrives after a newer one', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const responses = [slow, fast];
    const shown: string[] = [];
    const scheduler = new PreviewScheduler<string>({
      render: () => responses.shift()!.promise,
      onResult: (html) => shown.push(html),
    });

    void scheduler.now('old');
    void scheduler.now('new');
    fast.resolve('new');
    await vi.advanceTimersByTimeAsync(0);
    slow.resolve('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['new']);
  });

  it('cancel forgets both the timer and a render in flight', async () => {
    const inFlight = deferred<string>();
    const render = vi.fn(() => inFlight.promise);
    const shown: string[] = [];
    const scheduler = new PreviewScheduler<string>({ render, onResult: (html) => shown.push(html) });

    void scheduler.now('x');
    scheduler.schedule('y');
    scheduler.cancel();
    inFlight.resolve('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(render).toHaveBeenCalledTimes(1);
    expect(shown).toEqual([]);
  });

  it('reports errors of the newest request', async () => {
    const errors: unknown[] = [];
    const scheduler = new PreviewScheduler<string>({
      render: () => Promise.reject({ code: 'internal', message: 'renderer crashed' }),
      onResult: () => {},
      onError: (error) => errors.push(error),
    });
    await scheduler.now('x');
    expect(errors).toEqual([{ code: 'internal', message: 'renderer crashed' }]);
  });
});
