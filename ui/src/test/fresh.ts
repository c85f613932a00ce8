// Test-only: what every UI test that drives the stores or the window starts
// from, and leaves behind.
import { afterEach, beforeEach, vi } from 'vitest';

import { i18n } from '../i18n/index.svelte';
import { clearMocks } from '../ipc/testing';

/**
 * Each test of the calling file starts with fake time, in Vietnamese (no
 * language remembered), and leaves no backend mocked and real time back.
 */
export function freshEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    i18n.reload();
  });
  afterEach(() => {
    clearMocks();
    vi.useRealTimers();
  });
}

/** Lets pending IPC promises and Svelte updates run, advancing fake time. */
export const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
