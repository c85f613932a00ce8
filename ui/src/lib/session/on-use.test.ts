// The parts loaded on first use: each read once, and read again after a
// failed load (a chunk the webview could not read this time).
import { describe, expect, it, vi } from 'vitest';

import ExportDialog from '../exchange/ExportDialog.svelte';
import HistoryPanel from '../review/HistoryPanel.svelte';
import { loadOnUse, onUse } from './on-use';

describe('loading on first use', () => {
  it('loads once and hands out the same component after', async () => {
    const load = vi.fn(async () => ({ default: 'component' }));
    const part = onUse(load);
    expect(load).not.toHaveBeenCalled();
    expect(await part()).toBe('component');
    expect(await part()).toBe('component');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed load is tried again on the next use', async () => {
    const load = vi
      .fn<() => Promise<{ default: string }>>()
      .mockRejectedValueOnce(new Error('chunk not read'))
      .mockResolvedValueOnce({ default: 'component' });
    const part = onUse(load);
    await expect(part()).rejects.toThrow('chunk not read');
    expect(await part()).toBe('component');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('the app’s parts are the components themselves', async () => {
    expect(await loadOnUse.exportDialog()).toBe(ExportDialog);
    expect(await loadOnUse.historyPanel()).toBe(HistoryPanel);
  });
});
