// The single doorway between the UI and the Rust backend. Components import
// these typed functions instead of `invoke`, so command names and argument
// shapes live in one place and tests can mock the backend with `mockIPC`
// while still exercising this code.
import { invoke } from '@tauri-apps/api/core';

import type { ArticleDto } from './bindings/ArticleDto';
import type { ArticleFields } from './bindings/ArticleFields';
import type { ArticleStatus } from './bindings/ArticleStatus';
import type { ArticleSummary } from './bindings/ArticleSummary';
import type { IpcError } from './bindings/IpcError';
import type { IpcErrorCode } from './bindings/IpcErrorCode';

export type { ArticleDto, ArticleFields, ArticleStatus, ArticleSummary, IpcError, IpcErrorCode };

const ERROR_CODES: readonly IpcErrorCode[] = ['not_found', 'invalid', 'internal'];

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(code) &&
    typeof message === 'string'
  );
}

/**
 * Commands reject with the backend's `{ code, message }`; anything else (a
 * missing command, a serialisation failure, a JS bug) is folded into
 * `internal` so callers only ever handle one error shape.
 */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: String(error) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export function listArticles(): Promise<ArticleSummary[]> {
  return call('list_articles');
}

export function getArticle(id: string): Promise<ArticleDto> {
  return call('get_article', { id });
}

export function createArticle(): Promise<ArticleDto> {
  return call('create_article');
}

export function updateArticle(id: string, fields: ArticleFields): Promise<ArticleDto> {
  return call('update_article', { id, fields });
}

export function previewArticle(id: string, fields: ArticleFields): Promise<string> {
  return call('preview_article', { id, fields });
}
