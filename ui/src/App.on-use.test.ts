// The parts of the window loaded on first use (lib/session/on-use.ts), met
// as at the app's start: not loaded yet. Nothing half-drawn shows while
// they load, and then they are there. (The other App tests load them
// ahead, as the app has them after the first time.)
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';

import App from './App.svelte';
import { WorkflowBackend } from './lib/workflow/testing';
import { freshEachTest, settle } from './test/fresh';
import { newsroomSample } from './test/sample';

const loaded = (check: () => void) => vi.waitFor(check, { timeout: 15000, interval: 20 });

freshEachTest();

it('the export dialog and the history panel are loaded the first time they are opened', { timeout: 30000 }, async () => {
  new WorkflowBackend(newsroomSample());
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  render(App);
  await settle();

  await user.click(screen.getByTestId('export-open'));
  await loaded(() => expect(screen.getByTestId('export-dialog')).toBeInTheDocument());
  expect(within(screen.getByTestId('export-dialog')).getByTestId('export-scope-article')).toBeChecked();
  await user.click(screen.getByTestId('export-dismiss'));
  expect(screen.queryByTestId('export-dialog')).not.toBeInTheDocument();

  await user.click(screen.getByTestId('side-tab-history'));
  expect(screen.getByTestId('side-tab-history')).toHaveAttribute('aria-selected', 'true');
  await loaded(() => expect(screen.getByTestId('history-panel')).toBeInTheDocument());
});
