import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { deferred } from '../test/backend';
import { en } from '../i18n/en';
import { vi as viStrings } from '../i18n/vi';
import { AutoSaver, externalEdit, failsForNow, saveErrorText, type SaveState } from './autosave';

interface Harness {
  saver: AutoSaver<string, string>;
  sent: string[];
  states: SaveState[];
  saved: string[];
  errors: unknown[];
  /** Settles the oldest save still in flight. */
  pending: ReturnType<typeof deferred<string>>[];
}

function harness(): Harness {
  const h: Harness = { sent: [], states: [], saved: [], errors: [], pending: [] } as unknown as Harness;
  h.saver = new AutoSaver<string, string>({
    delay: 400,
    save: (fields) => {
      h.sent.push(fields);
      const d = deferred<string>();
      h.pending.push(d);
      return d.promise;
    },
    onSaved: (result) => h.saved.push(result),
    onStateChange: (state, error) => {
      h.states.push(state);
      if (state === 'error') h.errors.push(error);
    },
  });
  return h;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AutoSaver', () => {
  it('defaults: saves 700 ms after the last edit', async () => {
    const sent: string[] = [];
    const saver = new AutoSaver<string, string>({ save: async (fields) => (sent.push(fields), fields) });
    saver.schedule('a');
    await vi.advanceTimersByTimeAsync(699);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a']);
  });

  it('saves at least every 5 s while edits never pause', async () => {
    const sent: string[] = [];
    const saver = new AutoSaver<string, string>({ save: async (fields) => (sent.push(fields), fields) });
    // An edit every 500 ms for 12 s: the 700 ms quiet period never comes.
    for (let i = 1; i <= 24; i++) {
      saver.schedule(`v${i}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    // First edit at t=0 → forced save at t=5000 (v10 is the newest then),
    // next edit at 5000 → forced save at 10000 (v20).
    expect(sent).toEqual(['v10', 'v20']);
    await vi.advanceTimersByTimeAsync(700);
    expect(sent).toEqual(['v10', 'v20', 'v24']);
  });

  it('a forced save waits for the save in flight, then goes out at once', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toEqual(['v1']);
    // v1 hangs; edits keep coming for more than 5 s.
    for (let i = 2; i <= 30; i++) {
      h.saver.schedule(`v${i}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(h.sent).toEqual(['v1']);
    h.pending[0]!.resolve('ok:v1');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1', 'v30']);
  });

  it('waits for a quiet period and sends only the newest snapshot', async () => {
    const h = harness();
    h.saver.schedule('B');
    await vi.advanceTimersByTimeAsync(100);
    h.saver.schedule('Bá');
    await vi.advanceTimersByTimeAsync(100);
    h.saver.schedule('Báo');
    await vi.advanceTimersByTimeAsync(399);
    expect(h.sent).toEqual([]);
    expect(h.saver.state).toBe('saving');

    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toEqual(['Báo']);

    h.pending[0]!.resolve('ok:Báo');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saved).toEqual(['ok:Báo']);
    expect(h.saver.state).toBe('saved');
    expect(h.saver.hasUnsavedChanges).toBe(false);
  });

  it('never has two saves in flight and keeps them in order', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toEqual(['v1']);

    // Edits while v1 is still being written.
    h.saver.schedule('v2');
    h.saver.schedule('v3');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent).toEqual(['v1']);
    expect(h.saver.hasUnsavedChanges).toBe(true);

    h.pending[0]!.resolve('ok:v1');
    await vi.advanceTimersByTimeAsync(0);
    // The queued newest snapshot goes out right after, v2 is skipped.
    expect(h.sent).toEqual(['v1', 'v3']);
    expect(h.saver.state).toBe('saving');

    h.pending[1]!.resolve('ok:v3');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saved).toEqual(['ok:v1', 'ok:v3']);
    expect(h.saver.state).toBe('saved');
  });

  it('lets an edit made during a save finish its own quiet period', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.saver.schedule('v2');
    h.pending[0]!.resolve('ok:v1');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1']);
    // "Đã lưu" must not show while v2 is still unsaved.
    expect(h.saver.state).toBe('saving');

    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toEqual(['v1', 'v2']);
  });

  it('flush sends at once, after any save in flight, and resolves when done', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.saver.schedule('v2');

    let flushed = false;
    const flush = h.saver.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1']);

    h.pending[0]!.resolve('ok:v1');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1', 'v2']);
    expect(flushed).toBe(false);

    h.pending[1]!.resolve('ok:v2');
    await flush;
    expect(flushed).toBe(true);
    // The debounce timer was cancelled: nothing is sent a second time.
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent).toEqual(['v1', 'v2']);
  });

  it('flush with nothing pending resolves immediately', async () => {
    const h = harness();
    await h.saver.flush();
    expect(h.sent).toEqual([]);
    expect(h.states).toEqual([]);
  });

  it('reports a failure and keeps the snapshot for the next attempt', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    const failure = { code: 'invalid', message: 'Tiêu đề quá dài' };
    h.pending[0]!.reject(failure);
    await vi.advanceTimersByTimeAsync(0);

    expect(h.saver.state).toBe('error');
    expect(h.errors).toEqual([failure]);
    expect(h.saver.hasUnsavedChanges).toBe(true);
    // No automatic retry loop against a backend that keeps refusing.
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.sent).toEqual(['v1']);

    // A flush (article switch, window closing) tries once more, then gives up.
    const flush = h.saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1', 'v1']);
    h.pending[1]!.reject(failure);
    await flush;
    expect(h.sent).toEqual(['v1', 'v1']);
  });

  it('a newer edit replaces a failed snapshot', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.pending[0]!.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);

    h.saver.schedule('v2');
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toEqual(['v1', 'v2']);
    h.pending[1]!.resolve('ok:v2');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saver.state).toBe('saved');
    expect(h.saver.hasUnsavedChanges).toBe(false);
  });
});

describe('a full disk', () => {
  const diskFull = { code: 'disk_full', message: '/l.sqlite: the disk is full; the change was not saved' };

  /** An autosave wired as the app wires it, with what the indicator shows. */
  function app() {
    const sent: string[] = [];
    const pending: ReturnType<typeof deferred<string>>[] = [];
    const shown: { state: SaveState; text: string }[] = [];
    const saver = new AutoSaver<string, string>({
      delay: 400,
      retryDelay: 3000,
      shouldRetry: failsForNow,
      save: (fields) => {
        sent.push(fields);
        const d = deferred<string>();
        pending.push(d);
        return d.promise;
      },
      onStateChange: (state, error) =>
        shown.push({ state, text: state === 'error' ? saveErrorText(error, viStrings) : state }),
    });
    const last = () => shown[shown.length - 1];
    return { saver, sent, pending, shown, last };
  }

  it('keeps the text, says "Chưa lưu: đĩa đầy" and tries again until a save goes through', async () => {
    const h = app();
    h.saver.schedule('Bài viết dài');
    await vi.advanceTimersByTimeAsync(400);
    h.pending[0]!.reject(diskFull);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last()).toEqual({ state: 'error', text: 'Chưa lưu: đĩa đầy' });
    expect(h.saver.hasUnsavedChanges).toBe(true);

    // Tried again by itself, with the same text, and still full.
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.sent).toEqual(['Bài viết dài', 'Bài viết dài']);
    expect(h.last()?.text).toBe('Chưa lưu: đĩa đầy');
    h.pending[1]!.reject(diskFull);
    await vi.advanceTimersByTimeAsync(0);

    // Typing on while the disk is full: the newest text is what is tried,
    // and the indicator keeps saying nothing is saved.
    h.saver.schedule('Bài viết dài hơn');
    expect(h.last()?.text).toBe('Chưa lưu: đĩa đầy');
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toEqual(['Bài viết dài', 'Bài viết dài', 'Bài viết dài hơn']);
    expect(h.last()?.text).toBe('Chưa lưu: đĩa đầy');
    h.pending[2]!.reject(diskFull);
    await vi.advanceTimersByTimeAsync(0);

    // Room again: the next try stores the newest text, and the message goes.
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.sent).toEqual(['Bài viết dài', 'Bài viết dài', 'Bài viết dài hơn', 'Bài viết dài hơn']);
    h.pending[3]!.resolve('ok');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last()).toEqual({ state: 'saved', text: 'saved' });
    expect(h.saver.hasUnsavedChanges).toBe(false);
    // Saved: nothing more is tried.
    await vi.advanceTimersByTimeAsync(10000);
    expect(h.sent).toHaveLength(4);
  });

  it('a save that succeeds with newer edits waiting clears the message too', async () => {
    const h = app();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.pending[0]!.reject(diskFull);
    await vi.advanceTimersByTimeAsync(3000);
    // The retry is in flight when the person types again.
    h.saver.schedule('v2');
    h.pending[1]!.resolve('ok:v1');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last()?.state).toBe('saving');
    await vi.advanceTimersByTimeAsync(400);
    h.pending[2]!.resolve('ok:v2');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['v1', 'v1', 'v2']);
    expect(h.last()?.state).toBe('saved');
  });

  it('a read-only library is told in words and not tried again by itself', async () => {
    const h = app();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.pending[0]!.reject({ code: 'read_only', message: 'read-only' });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last()).toEqual({ state: 'error', text: 'Chưa lưu: thư viện chỉ đọc' });
    await vi.advanceTimersByTimeAsync(30000);
    expect(h.sent).toEqual(['v1']);
  });

  it('the wording of each failure, in both languages', () => {
    expect(saveErrorText(diskFull, viStrings)).toBe('Chưa lưu: đĩa đầy');
    expect(saveErrorText(diskFull, en)).toBe('Not saved: disk full');
    expect(saveErrorText({ code: 'read_only', message: 'x' }, en)).toBe('Not saved: the library is read-only');
    expect(saveErrorText({ code: 'invalid', message: 'Tiêu đề quá dài' }, viStrings)).toBe(
      'Chưa lưu: Tiêu đề quá dài',
    );
  });
});

describe('AutoSaver.settled and discard', () => {
  it('settled waits for the save in flight and sends nothing pending', async () => {
    const h = harness();
    h.saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(400);
    h.saver.schedule('v2');
    let done = false;
    const settled = h.saver.settled().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    h.pending[0]!.resolve('ok:v1');
    await settled;
    expect(h.sent).toEqual(['v1']);
    expect(h.saver.hasUnsavedChanges).toBe(true);
  });

  it('discard drops the edits not sent', async () => {
    const h = harness();
    h.saver.schedule('v1');
    h.saver.discard();
    await vi.advanceTimersByTimeAsync(10000);
    expect(h.sent).toEqual([]);
    expect(h.saver.hasUnsavedChanges).toBe(false);
  });
});

describe('externalEdit', () => {
  const known = new Set(['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
  it('a version this window loaded or saved is no news', () => {
    expect(externalEdit('2026-01-01T00:00:02Z', known, false)).toBe('unchanged');
    expect(externalEdit('2026-01-01T00:00:02Z', known, true)).toBe('unchanged');
  });
  it('another version replaces the editor only when nothing typed here waits', () => {
    expect(externalEdit('2026-01-01T00:00:03Z', known, false)).toBe('reload');
    expect(externalEdit('2026-01-01T00:00:03Z', known, true)).toBe('keep');
  });
});
