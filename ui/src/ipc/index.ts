// The single doorway between the UI and the Rust backend. Components import
// these typed functions instead of `invoke`, so command names and argument
// shapes live in one place and tests can mock the backend with `mockIPC`
// while still exercising this code. The names passed to `call` are held
// against the Rust commands by a test (src-tauri/src/commands/mod.rs): one
// missing or left over here fails `cargo test`.
import { Channel, invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';

import type { AddedPhoto } from './bindings/AddedPhoto';
import type { Article } from './bindings/Article';
import type { ArticleFields } from './bindings/ArticleFields';
import type { ArticleStatus } from './bindings/ArticleStatus';
import type { ArticleSummary } from './bindings/ArticleSummary';
import type { Author } from './bindings/Author';
import type { AuthorRole } from './bindings/AuthorRole';
import type { ChosenFiles } from './bindings/ChosenFiles';
import type { DateField } from './bindings/DateField';
import type { FacetCount } from './bindings/FacetCount';
import type { IpcArg } from './bindings/IpcArg';
import type { IpcError } from './bindings/IpcError';
import type { IpcErrorCode } from './bindings/IpcErrorCode';
import type { IpcMessage } from './bindings/IpcMessage';
import type { LibraryCounts } from './bindings/LibraryCounts';
import type { LibraryFilter } from './bindings/LibraryFilter';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibrarySort } from './bindings/LibrarySort';
import type { PhotoInput } from './bindings/PhotoInput';
import type { PhotoPlacement } from './bindings/PhotoPlacement';
import type { RelatedArticle } from './bindings/RelatedArticle';
import type { Related } from './bindings/Related';
import type { SearchHit } from './bindings/SearchHit';
import type { Settings } from './bindings/Settings';
import type { TextPart } from './bindings/TextPart';
import type { Comment } from './bindings/Comment';
import type { CommentSpan } from './bindings/CommentSpan';
import type { CommentTarget } from './bindings/CommentTarget';
import type { DiffKind } from './bindings/DiffKind';
import type { DiffPart } from './bindings/DiffPart';
import type { FieldChange } from './bindings/FieldChange';
import type { Finding } from './bindings/Finding';
import type { FindingSeverity } from './bindings/FindingSeverity';
import type { HistoryEvent } from './bindings/HistoryEvent';
import type { Profile } from './bindings/Profile';
import type { Revision } from './bindings/Revision';
import type { Role } from './bindings/Role';
import type { Transition } from './bindings/Transition';
import type { WorkflowRule } from './bindings/WorkflowRule';
import type { ExportFormat } from './bindings/ExportFormat';
import type { ExportProgress } from './bindings/ExportProgress';
import type { ExportReport } from './bindings/ExportReport';
import type { FieldConflict } from './bindings/FieldConflict';
import type { ImportedPackage } from './bindings/ImportedPackage';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { MergeSide } from './bindings/MergeSide';
import type { PendingMerge } from './bindings/PendingMerge';
import type { LibraryChanged } from './bindings/LibraryChanged';
import type { LibraryInfo } from './bindings/LibraryInfo';

export type {
  AddedPhoto,
  Article,
  ArticleFields,
  ArticleStatus,
  ArticleSummary,
  Author,
  AuthorRole,
  ChosenFiles,
  DateField,
  FacetCount,
  IpcArg,
  IpcError,
  IpcErrorCode,
  IpcMessage,
  LibraryCounts,
  LibraryFilter,
  LibraryPage,
  LibrarySort,
  PhotoInput,
  PhotoPlacement,
  RelatedArticle,
  Related,
  SearchHit,
  Settings,
  TextPart,
  Comment,
  CommentSpan,
  CommentTarget,
  DiffKind,
  DiffPart,
  FieldChange,
  Finding,
  FindingSeverity,
  HistoryEvent,
  Profile,
  Revision,
  Role,
  Transition,
  WorkflowRule,
  ExportFormat,
  ExportProgress,
  ExportReport,
  FieldConflict,
  ImportedPackage,
  ImportOutcome,
  MergeSide,
  PendingMerge,
  LibraryChanged,
  LibraryInfo,
};

/** Every role, in the order the role picker lists them. */
export const AUTHOR_ROLES: readonly AuthorRole[] = ['reporter', 'photographer', 'editor', 'translator'];

// A record, so a code added in Rust (and so to `IpcErrorCode`) fails the
// type check here until it is listed.
const ERROR_CODE_SET: Record<IpcErrorCode, true> = {
  not_found: true,
  invalid: true,
  checklist_blocked: true,
  disk_full: true,
  read_only: true,
  internal: true,
};
const ERROR_CODES = Object.keys(ERROR_CODE_SET) as readonly IpcErrorCode[];

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(code) &&
    typeof message === 'string'
  );
}

function isIpcMessage(value: object): value is IpcMessage {
  const { key, args } = value as Record<string, unknown>;
  return typeof key === 'string' && typeof args === 'object' && args !== null;
}

/** An error whose words are its message as it is, in every language. */
export function verbatimError(code: IpcErrorCode, message: string): IpcError {
  return { code, message, key: 'verbatim', args: { text: message } };
}

/**
 * Commands reject with the backend's `{ code, message, key, args }`; anything
 * else (a missing command, a serialisation failure, a JS bug) is folded into
 * `internal` so callers only ever handle one error shape. Show one with
 * `errorText` (i18n/words.ts), in the UI's language.
 */
export function toIpcError(error: unknown): IpcError {
  if (!isIpcError(error)) return verbatimError('internal', String(error));
  const { code, message } = error;
  return isIpcMessage(error) ? { code, message, key: error.key, args: error.args } : verbatimError(code, message);
}

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** The most rows `listPage` returns at once (the backend clamps to it). */
export const MAX_PAGE = 1000;

/**
 * One keyset page of the library: up to `limit` rows after `cursor`, which is
 * the previous page's `next` (null for the first page). `next` is null once
 * the list has ended.
 */
export function listPage(
  filter: LibraryFilter,
  sort: LibrarySort,
  cursor: string | null,
  limit: number,
): Promise<LibraryPage> {
  return call('list_page', { filter, sort, cursor, limit });
}

/** The total and the counts beside the status and category filters. */
export function libraryCounts(filter: LibraryFilter): Promise<LibraryCounts> {
  return call('library_counts', { filter });
}

/** Full-text search, best first; an empty query finds nothing. */
export function searchLibrary(query: string, filter: LibraryFilter, limit: number): Promise<SearchHit[]> {
  return call('search_library', { query, filter, limit });
}

/** People in bylines and authors, for the author filter. */
export function suggestPeople(query: string): Promise<string[]> {
  return call('suggest_people', { query });
}

export function getArticle(id: string): Promise<Article> {
  return call('get_article', { id });
}

export function createArticle(): Promise<Article> {
  return call('create_article');
}

export function updateArticle(id: string, fields: ArticleFields): Promise<Article> {
  return call('update_article', { id, fields });
}

export function previewArticle(id: string, fields: ArticleFields): Promise<string> {
  return call('preview_article', { id, fields });
}

/**
 * Opens the desktop's file chooser for photos (JPEG, PNG, WebP), titled
 * `title`; resolves to the files picked, kept by the backend under a number
 * (null when the person cancelled). The UI never sees or sends a path.
 */
export function choosePhotos(title: string): Promise<ChosenFiles | null> {
  return call('choose_photos', { title });
}

/** Adds the files at `indexes` of files picked or dropped (`chosen.id`). */
export function addPhotoFiles(chosen: number, indexes: number[]): Promise<AddedPhoto[]> {
  return call('add_photo_files', { chosen, indexes });
}

/**
 * A photo pasted from the clipboard. Sends the file's bytes as the raw request body (no JSON, no base64); the
 * name travels percent-encoded in a header because headers are ASCII-only.
 */
export async function addPhoto(file: File): Promise<AddedPhoto> {
  const bytes = new Uint8Array(await readBytes(file));
  return call('add_photo', bytes, { headers: { 'x-file-name': encodeURIComponent(file.name) } });
}

// `Blob.arrayBuffer` is missing from some test DOMs; FileReader is everywhere.
function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

export function suggestKeywords(query: string): Promise<string[]> {
  return call('suggest_keywords', { query });
}

export function searchArticles(query: string, excludeId: string | null): Promise<RelatedArticle[]> {
  return call('search_articles', { query, excludeId });
}

export function getSettings(): Promise<Settings> {
  return call('get_settings');
}

export function updateSettings(settings: Settings): Promise<Settings> {
  return call('update_settings', { settings });
}

/**
 * URL of a stored photo, served by the app's `byline:` protocol. WebView2
 * (Windows) cannot load custom schemes directly, so Tauri maps them to
 * `http://<scheme>.localhost` there.
 */
export function photoUrl(sha256: string, width?: number): string {
  const base = isWindows() ? 'http://byline.localhost' : 'byline://localhost';
  return `${base}/photo/${encodeURIComponent(sha256)}${width ? `?w=${width}` : ''}`;
}

function isWindows(): boolean {
  return typeof navigator !== 'undefined' && /windows/i.test(navigator.userAgent);
}

/**
 * Runs `handler` when the user closes the window and closes it only once the
 * returned promise has settled, so pending saves reach the backend first.
 * A handler that resolves to `false` keeps the window open.
 */
export async function onCloseRequested(handler: () => Promise<void | boolean>): Promise<() => void> {
  return quietly(
    await getCurrentWindow().onCloseRequested(async (event) => {
      if ((await handler()) === false) event.preventDefault();
    }),
  );
}

/**
 * Files dropped from the desktop onto the window: the backend keeps their
 * paths and tells their number and names, for `addPhotoFiles` and
 * `importPackageFile`.
 */
export async function onDragDrop(handler: (dropped: ChosenFiles) => void): Promise<() => void> {
  return quietly(await listen<ChosenFiles>('files-dropped', (event) => handler(event.payload)));
}

// Tauri's unlisten functions are async and reject once the window is gone;
// stopping to listen is best effort, never an error for the caller.
function quietly(unlisten: () => unknown): () => void {
  return () => {
    try {
      void Promise.resolve(unlisten()).catch(() => {});
    } catch {
      // already gone
    }
  };
}

// Workflow ------------------------------------------------------------------

/** Who is at the keyboard on this library; null until they have said so. */
export function getProfile(): Promise<Profile | null> {
  return call('get_profile');
}

export function setProfile(profile: Profile): Promise<Profile> {
  return call('set_profile', { profile });
}

/** Every move the workflow allows, and who may make it. */
export function workflowRules(): Promise<WorkflowRule[]> {
  return call('workflow_rules');
}

/**
 * Moves the article as the profile. Rejects with `checklist_blocked` when the
 * pre-publish checklist stops it; an editor may pass `overrideReason`.
 */
export function moveArticle(
  id: string,
  to: ArticleStatus,
  note: string,
  overrideReason: string | null = null,
): Promise<Article> {
  return call('move_article', { id, to, note, overrideReason });
}

/** The checklist of the article with the editor's (unsaved) fields. */
export function checkArticle(
  id: string,
  fields: ArticleFields,
  publishing: boolean,
  language: string,
): Promise<Finding[]> {
  return call('check_article', { id, fields, publishing, language });
}

/** Ctrl+S: saves and makes a revision now. */
export function saveRevision(id: string, fields: ArticleFields): Promise<Article> {
  return call('save_revision', { id, fields });
}

/** Revisions, moves and comments, oldest first. */
export function articleHistory(id: string): Promise<HistoryEvent[]> {
  return call('article_history', { id });
}

export function listRevisions(id: string): Promise<Revision[]> {
  return call('list_revisions', { id });
}

export function compareRevisions(id: string, from: number, to: number): Promise<FieldChange[]> {
  return call('compare_revisions', { id, from, to });
}

/** Makes the article as it was at revision `number` (a new revision). */
export function restoreRevision(id: string, number: number): Promise<Article> {
  return call('restore_revision', { id, number });
}

export function listComments(id: string): Promise<Comment[]> {
  return call('list_comments', { id });
}

/** On the whole article (`span` null), or on a span of the saved body or a caption. */
export function addComment(id: string, body: string, span: CommentSpan | null): Promise<Comment> {
  return call('add_comment', { id, body, span });
}

export function resolveComment(commentId: string, resolved: boolean): Promise<Comment> {
  return call('resolve_comment', { commentId, resolved });
}

// Export and import ------------------------------------------------------------

/** What an export writes: the articles named, or every article of a filter. */
export type ExportScope = { ids: string[] } | { filter: LibraryFilter };

/**
 * Writes the articles into the export folder (`exportFolder`) in `format`; `onProgress` hears
 * after each article (through a Tauri channel, while the command runs).
 * `cancelExport` stops it between two articles: the report then says
 * `cancelled`, and what was written stays.
 */
export function exportArticles(
  scope: ExportScope,
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportReport> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  const ids = 'ids' in scope ? scope.ids : [];
  const filter = 'filter' in scope ? scope.filter : null;
  return call('export_articles', { ids, filter, format, onProgress: channel });
}

export function cancelExport(): Promise<void> {
  return call('cancel_export');
}

/**
 * Where exports go: the folder last chosen with `chooseExportFolder`, else
 * `Byline` in the user's Documents folder (else their home folder).
 */
export function exportFolder(): Promise<string> {
  return call('export_folder');
}

/**
 * Opens the desktop's folder chooser, titled `title`; the folder picked
 * becomes the export folder. Resolves to it, for display, or to null when
 * the person cancelled.
 */
export function chooseExportFolder(title: string): Promise<string | null> {
  return call('choose_export_folder', { title });
}

/** Opens the desktop's file chooser for packages (.zip), like `choosePhotos`. */
export function choosePackages(title: string): Promise<ChosenFiles | null> {
  return call('choose_packages', { title });
}

/** A package the page itself holds (an HTML drop): its bytes as the raw body, like `addPhoto`. */
export async function importPackage(file: File): Promise<ImportedPackage> {
  const bytes = new Uint8Array(await readBytes(file));
  return call('import_package', bytes, { headers: { 'x-file-name': encodeURIComponent(file.name) } });
}

/** Imports the file at `index` of files picked or dropped (`chosen.id`). */
export function importPackageFile(chosen: number, index: number): Promise<ImportedPackage> {
  return call('import_package_file', { chosen, index });
}

/** The conflicts an imported package left on the article; null when none wait. */
export function pendingMerge(id: string): Promise<PendingMerge | null> {
  return call('pending_merge', { id });
}

/** Settles one field; resolves to the fields still waiting (empty: merged). */
export function resolveConflict(id: string, field: string, take: MergeSide): Promise<string[]> {
  return call('resolve_conflict', { id, field, take });
}

// The library shared with others ----------------------------------------------

/** Where the library is, and whether it could only be opened read-only. */
export function libraryInfo(): Promise<LibraryInfo> {
  return call('library_info');
}

/**
 * Someone else (the `byline` command, another program) wrote to the
 * library; the backend looks about once a second. The app's own saves are
 * never announced.
 */
export async function onLibraryChanged(handler: (change: LibraryChanged) => void): Promise<() => void> {
  return quietly(await listen<LibraryChanged>('library-changed', (event) => handler(event.payload)));
}
