// Test-only: the window's stores (lib/session/workspace.ts) over the
// in-memory backend, through the real `src/ipc` functions, with stand-ins
// for the parts of the window they reach (the library's list, the body).
import { vi } from 'vitest';

import * as ipc from '../ipc';
import type { ArticleSummary } from '../ipc';
import { createWorkspace, type WorkspaceParts } from '../lib/session/workspace';
import { NO_FILTER, summaryOf, type FakeBackend } from './backend';

/** The library's list beside the editor, as the stores see it. */
export class FakeList {
  /** Rows the list was told were saved, in order. */
  readonly savedRows: ArticleSummary[] = [];
  refreshes = 0;
  creations = 0;
  readonly #backend: FakeBackend;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
  }

  saved(row: ArticleSummary): void {
    this.savedRows.push(row);
  }

  /** Read again: its first row is the article changed last. */
  async refresh(): Promise<ArticleSummary | undefined> {
    this.refreshes++;
    const newest = [...this.#backend.articles].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
    return newest && summaryOf(newest);
  }

  async created(): Promise<void> {
    this.creations++;
  }

  exportScope() {
    return { filter: NO_FILTER, count: this.#backend.articles.length, filtered: false };
  }
}

/** The body of the open article: what was put in it at the cursor. */
export class FakeBody {
  readonly inserted: string[] = [];

  insertParagraph(markdown: string): void {
    this.inserted.push(markdown);
  }
}

/** The stores over `backend`; `parts` replaces the stand-ins. */
export function workspaceOver(backend: FakeBackend, parts: Partial<WorkspaceParts> = {}) {
  const list = new FakeList(backend);
  const body = new FakeBody();
  const workspace = createWorkspace(ipc, { list: () => list, body: () => body, readOnly: () => false, ...parts });
  return { ...workspace, workspace, list, body };
}

/** The stores over `backend` with article `id` open, its first answers in. */
export async function openedIn<B extends FakeBackend>(backend: B, id = 'a1', parts: Partial<WorkspaceParts> = {}) {
  const stores = workspaceOver(backend, parts);
  await stores.session.open(id);
  await vi.advanceTimersByTimeAsync(0);
  return { backend, ...stores };
}
