import type { ArticleDto, ArticleFields, ArticleSummary } from '../ipc';
import { formatKeywords, parseKeywords } from './keywords';

/**
 * What the editor's inputs hold. Keywords stay as the raw text the user is
 * typing ("a, b, ") so the input is never rewritten under the cursor; they
 * become an array only when sent to the backend.
 */
export interface EditorDraft {
  headline: string;
  sapo: string;
  byline: string;
  keywords: string;
  category: string;
  body: string;
}

export type DraftField = keyof EditorDraft;

export function toDraft(article: ArticleDto): EditorDraft {
  return {
    headline: article.headline,
    sapo: article.sapo,
    byline: article.byline,
    keywords: formatKeywords(article.keywords),
    category: article.category,
    body: article.body,
  };
}

/** A plain snapshot (no reactive proxies) of exactly the fields the backend accepts. */
export function toFields(draft: EditorDraft): ArticleFields {
  return {
    headline: draft.headline,
    sapo: draft.sapo,
    body: draft.body,
    byline: draft.byline,
    keywords: parseKeywords(draft.keywords),
    category: draft.category,
  };
}

export function toSummary(article: ArticleDto): ArticleSummary {
  return {
    id: article.id,
    headline: article.headline,
    status: article.status,
    updated_at: article.updated_at,
  };
}
