// Test-only doorway to Tauri's IPC mocks, kept under src/ipc so that this
// directory stays the only place importing @tauri-apps/*. Never imported by
// the app itself, so it is not part of the bundle.
import type { InvokeArgs, InvokeOptions } from '@tauri-apps/api/core';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';

export { clearMocks, mockIPC };

export type MockHandler = (cmd: string, payload: InvokeArgs | undefined, options: InvokeOptions | undefined) => unknown;

interface TauriInternals {
  invoke: (cmd: string, args?: InvokeArgs, options?: InvokeOptions) => Promise<unknown>;
}

/**
 * Installs a fake backend for a window labelled `main`, like the app's.
 * Unlike plain `mockIPC`, the handler also sees the invoke options (the raw
 * binary commands carry their metadata in headers), and Tauri events work:
 * `listen` registers for real and `emitEvent` reaches those listeners.
 */
export function mockBackend(handler: MockHandler): void {
  mockWindows('main');
  let lastOptions: InvokeOptions | undefined;
  mockIPC((cmd, payload) => handler(cmd, payload, lastOptions), { shouldMockEvents: true });
  const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    lastOptions = options;
    // The mock calls the handler synchronously inside, so `lastOptions`
    // belongs to this very call when the handler reads it.
    return mocked(cmd, args, options);
  };
}

/** Emits a Tauri event (e.g. `tauri://close-requested`) to the app's listeners. */
export function emitEvent(event: string, payload?: unknown): Promise<void> {
  return emit(event, payload);
}

interface CallbackInternals {
  runCallback: (id: number, data: unknown) => void;
}

/** How many messages each channel has been sent, for their order. */
const channelIndexes = new Map<number, number>();

/**
 * Sends `message` down a `Channel` the UI passed to a mocked command (the
 * handler gets the Channel object itself), in order, as the backend's
 * `Channel::send` does.
 */
export function sendToChannel(channel: unknown, message: unknown): void {
  const id = (channel as { id: number }).id;
  const index = channelIndexes.get(id) ?? 0;
  channelIndexes.set(id, index + 1);
  const internals = (window as unknown as { __TAURI_INTERNALS__: CallbackInternals }).__TAURI_INTERNALS__;
  internals.runCallback(id, { message, index });
}
