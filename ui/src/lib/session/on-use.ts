// The parts of the window nobody needs at first paint: the history panel
// with its diff, the conflict panel and the dialogs. Each is its own chunk,
// loaded the first time it is shown (and kept), so starting the app reads
// and holds less.

/** Loads a component once, on first call; a failed load is tried again on the next. */
export function onUse<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().then(
      (module) => module.default,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}

export const loadOnUse = {
  historyPanel: onUse(() => import('../review/HistoryPanel.svelte')),
  conflictPanel: onUse(() => import('../exchange/ConflictPanel.svelte')),
  exportDialog: onUse(() => import('../exchange/ExportDialog.svelte')),
  moveDialog: onUse(() => import('../workflow/MoveDialog.svelte')),
  profileDialog: onUse(() => import('../workflow/ProfileDialog.svelte')),
  settingsDialog: onUse(() => import('../SettingsDialog.svelte')),
};
