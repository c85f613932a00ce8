// The stores behind the window, made and wired together in one place: the
// open article's session and what follows it (changes made outside, its
// photos, the conflicts a package left, the pane beside it), the workflow
// and export/import. App.svelte lays out their panes; tests drive the same
// wiring without mounting it.
import type * as ipc from '../../ipc';
import { PendingConflicts } from '../exchange/conflicts.svelte';
import { Transfers, type ExchangeList } from '../exchange/transfers.svelte';
import { ArticlePhotos } from '../photos/photos.svelte';
import { LiveChecklist } from '../workflow/checklist.svelte';
import { Moves } from '../workflow/moves.svelte';
import { CurrentProfile } from '../workflow/profile.svelte';
import { Notice } from './notice.svelte';
import { OutsideChanges } from './outside-changes.svelte';
import { SaveStatus } from './save-status.svelte';
import { ArticleSession, type ArticleList } from './session.svelte';
import { SidePaneState } from './side-pane.svelte';

/** The backend's commands the stores use: `src/ipc` in the app. */
export type WorkspaceBackend = Pick<
  typeof ipc,
  | 'addPhoto'
  | 'addPhotoFiles'
  | 'checkArticle'
  | 'choosePackages'
  | 'choosePhotos'
  | 'createArticle'
  | 'getArticle'
  | 'getProfile'
  | 'importPackage'
  | 'importPackageFile'
  | 'pendingMerge'
  | 'previewArticle'
  | 'saveRevision'
  | 'setProfile'
  | 'updateArticle'
  | 'workflowRules'
>;

/** The parts of the window the stores reach, once they are mounted. */
export interface WorkspaceParts {
  /** The library's list. */
  list: () => (ArticleList & ExchangeList) | undefined;
  /** The open article's body, to put a photo's Markdown in at the cursor. */
  body: () => { insertParagraph(markdown: string): void } | undefined;
  /** Whether the library is read-only. */
  readOnly: () => boolean;
}

export function createWorkspace(backend: WorkspaceBackend, parts: WorkspaceParts) {
  const { getArticle } = backend;
  const { list } = parts;
  const status = new SaveStatus();
  const notice = new Notice();
  const session = new ArticleSession({ ...backend, status, list });
  const checklist = new LiveChecklist({
    check: ({ id, fields, publishing, language }) => backend.checkArticle(id, fields, publishing, language),
  });
  const pane: SidePaneState = new SidePaneState({
    blocking: () => checklist.blocking,
    conflicts: () => conflicts.count,
  });
  const conflicts = new PendingConflicts(session, { ...backend, notice, onnone: () => pane.leave('conflicts') });
  return {
    status,
    notice,
    session,
    checklist,
    pane,
    conflicts,
    outside: new OutsideChanges(session, { getArticle, notice, list }),
    photos: new ArticlePhotos(session, {
      ...backend,
      readOnly: parts.readOnly,
      insertIntoBody: (markdown) => parts.body()?.insertParagraph(markdown),
    }),
    profile: new CurrentProfile({ ...backend, onerror: (error) => status.fail(error) }),
    moves: new Moves(session, backend),
    transfers: new Transfers(session, { ...backend, notice, list, onconflicts: () => (pane.tab = 'conflicts') }),
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
