import type {
  AddedPhoto,
  Article,
  ArticleFields,
  ArticleSummary,
  Author,
  PhotoPlacement,
  RelatedArticle,
  Related,
} from '../ipc';

/**
 * What the editor holds for the open article: the writer's fields, plus what
 * the UI needs to show alongside them (photo sizes, resolved related
 * articles). `slug` is null while the slug follows the headline.
 */
export interface EditorDraft {
  headline: string;
  sapo: string;
  body: string;
  byline: string;
  authors: Author[];
  keywords: string[];
  category: string;
  published_at: string | null;
  slug: string | null;
  editor_note: string;
  photos: PhotoPlacement[];
  related: Related[];
}

export type DraftField = keyof EditorDraft;

/** Deep, plain copy: the DTO must not share arrays with the reactive draft. */
export function toDraft(article: Article): EditorDraft {
  return {
    headline: article.headline,
    sapo: article.sapo,
    body: article.body,
    byline: article.byline,
    authors: article.authors.map((author) => ({ ...author })),
    keywords: [...article.keywords],
    category: article.category,
    published_at: article.published_at,
    slug: article.slug_manual ? article.slug : null,
    editor_note: article.editor_note,
    photos: article.photos.map((photo) => ({ ...photo })),
    related: article.related.map((related) => ({
      reference: related.reference,
      resolved: related.resolved ? { ...related.resolved } : null,
    })),
  };
}

/** A plain snapshot (no reactive proxies) of exactly the fields the backend accepts. */
export function toFields(draft: EditorDraft): ArticleFields {
  return {
    headline: draft.headline,
    sapo: draft.sapo,
    body: draft.body,
    byline: draft.byline,
    authors: draft.authors.map(({ name, role }) => ({ name, role })),
    keywords: [...draft.keywords],
    category: draft.category,
    published_at: draft.published_at,
    slug: draft.slug,
    editor_note: draft.editor_note,
    photos: draft.photos.map(({ sha256, file, caption, credit, alt, featured }) => ({
      sha256,
      file,
      caption,
      credit,
      alt,
      featured,
    })),
    related: draft.related.map((related) => related.reference),
  };
}

export function toSummary(article: Article): ArticleSummary {
  return {
    id: article.id,
    headline: article.headline,
    status: article.status,
    slug: article.slug,
    category: article.category,
    byline: article.byline,
    created_at: article.created_at,
    updated_at: article.updated_at,
    published_at: article.published_at,
  };
}

/** A new placement for a photo the backend has just stored. */
export function placementFor(photo: AddedPhoto): PhotoPlacement {
  return {
    sha256: photo.sha256,
    file: photo.file,
    caption: photo.caption ?? '',
    credit: photo.creator ?? '',
    alt: '',
    featured: false,
    width: photo.width,
    height: photo.height,
    mime: photo.mime,
  };
}

/**
 * Takes the backend's resolution of related references into what the user
 * has now, by reference, without touching the order they may have changed
 * since the save went out.
 */
export function mergeResolved(current: readonly Related[], saved: readonly Related[]): Related[] {
  const byReference = new Map<string, RelatedArticle | null>();
  for (const related of saved) byReference.set(related.reference, related.resolved);
  return current.map((related) =>
    byReference.has(related.reference)
      ? { reference: related.reference, resolved: byReference.get(related.reference) ?? null }
      : related,
  );
}

/** The Markdown that shows a placed photo, for inserting into the body. */
export function photoMarkdown(alt: string, file: string): string {
  const safeAlt = alt.replace(/([\\[\]])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
  const target = /[\s()<>]/.test(file) ? `<${file.replace(/[<>]/g, encodeURIComponent)}>` : file;
  return `![${safeAlt}](${target})`;
}
