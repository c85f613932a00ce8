// Test-only doorway to Tauri's IPC mocks, kept under src/ipc so that this
// directory stays the only place importing @tauri-apps/*. Never imported by
// the app itself, so it is not part of the bundle.
export { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
