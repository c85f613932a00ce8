// Pure helpers of the review panels (comments, history, comparison), kept
// out of the components so they can be tested on their own.
import type { Strings } from '../../i18n/index.svelte';
import type { CommentTarget, DiffPart, HistoryEvent, Role } from '../../ipc';
import { interpolate } from '../format';

export function roleLabel(role: Role, t: Strings): string {
  return role === 'editor' ? t.roleEditor : t.roleReporter;
}

/** What made a revision, in words; an unknown reason is shown as it is. */
export function revisionReasonLabel(reason: string, t: Strings): string {
  const labels: Record<string, string> = {
    save: t.revisionReasonSave,
    transition: t.revisionReasonTransition,
    import: t.revisionReasonImport,
    editing: t.revisionReasonEditing,
    restore: t.revisionReasonRestore,
    received: t.revisionReasonReceived,
    merge: t.revisionReasonMerge,
  };
  return labels[reason] ?? reason;
}

export function targetLabel(target: CommentTarget, t: Strings): string {
  return target.kind === 'caption' ? interpolate(t.commentTargetCaption, { file: target.file }) : t.commentTargetBody;
}

/** At most `max` characters (code points, so no emoji is cut in half), with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('').trimEnd()}…`;
}

/**
 * Where `quote` is in `text`, as UTF-16 offsets: at `start` when it is still
 * there, otherwise the occurrence nearest to `start`; null when it is gone.
 * The selection was measured in the editor before the autosave was flushed,
 * so typing in between can have moved it.
 */
export function locateQuote(text: string, quote: string, start: number): { start: number; end: number } | null {
  if (quote === '') return null;
  for (const wanted of new Set([quote, quote.normalize('NFC')])) {
    if (text.slice(start, start + wanted.length) === wanted) return { start, end: start + wanted.length };
    let best: number | null = null;
    for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
      if (best === null || Math.abs(at - start) < Math.abs(best - start)) best = at;
    }
    if (best !== null) return { start: best, end: best + wanted.length };
  }
  return null;
}

/** How a changed field is shown: word by word, or its two values side by side. */
export type FieldShape = 'text' | 'flag' | 'time' | 'hash';

export function fieldShape(field: string): FieldShape {
  if (field === 'slug_manual' || /^photos\[\d+\]\.featured$/.test(field)) return 'flag';
  if (field === 'published_at') return 'time';
  if (/^photos\[\d+\]\.sha256$/.test(field)) return 'hash';
  return 'text';
}

/** The label of a field named as `compareRevisions` names it (`photos[1].caption` → "Photo 2 — Caption"). */
export function fieldLabel(field: string, t: Strings): string {
  const plain: Record<string, string> = {
    headline: t.fieldHeadline,
    sapo: t.fieldSapo,
    body: t.fieldBody,
    byline: t.fieldByline,
    authors: t.authorsTitle,
    keywords: t.fieldKeywords,
    category: t.fieldCategory,
    slug: t.fieldSlug,
    slug_manual: t.diffSlugManual,
    published_at: t.fieldPublishedAt,
    photos: t.diffPhotos,
    related: t.relatedTitle,
    editor_note: t.fieldEditorNote,
  };
  if (Object.hasOwn(plain, field)) return plain[field]!;
  const photo = /^photos\[(\d+)\]\.(\w+)$/.exec(field);
  if (photo) {
    const parts: Record<string, string> = {
      sha256: t.diffPhotoFile,
      caption: t.photoCaption,
      credit: t.photoCredit,
      alt: t.photoAlt,
      featured: t.photoFeatured,
    };
    const part = photo[2]!;
    return interpolate(t.diffPhotoField, {
      n: Number(photo[1]) + 1,
      field: Object.hasOwn(parts, part) ? parts[part]! : part,
    });
  }
  return field;
}

/** A run of unchanged text left out of a condensed diff. */
export interface DiffGap {
  kind: 'gap';
}

/**
 * The parts with long unchanged runs cut down to `context` characters on
 * each side of a change, so a one-word edit in a long body reads at a
 * glance. Parts that are not cut are returned as they are.
 */
export function condenseParts(parts: readonly DiffPart[], context = 120): Array<DiffPart | DiffGap> {
  const out: Array<DiffPart | DiffGap> = [];
  parts.forEach((part, index) => {
    const chars = [...part.text];
    const keepBefore = index > 0 ? context : 0; // after a change: its following context
    const keepAfter = index < parts.length - 1 ? context : 0; // before a change
    if (part.kind !== 'same' || chars.length <= keepBefore + keepAfter + 20) {
      out.push(part);
      return;
    }
    if (keepBefore > 0) out.push({ kind: 'same', text: chars.slice(0, keepBefore).join('') });
    out.push({ kind: 'gap' });
    if (keepAfter > 0) out.push({ kind: 'same', text: chars.slice(chars.length - keepAfter).join('') });
  });
  return out;
}

/**
 * For a move to "submitted", the revisions of the submission before it and
 * of this one, to compare what changed between two submissions; null for
 * the first submission or a move without a revision.
 */
export function previousSubmission(events: readonly HistoryEvent[], index: number): { from: number; to: number } | null {
  const event = events[index];
  if (!event || event.kind !== 'transition' || event.to !== 'submitted' || event.revision === null) return null;
  for (let i = index - 1; i >= 0; i--) {
    const earlier = events[i]!;
    if (earlier.kind === 'transition' && earlier.to === 'submitted' && earlier.revision !== null) {
      return { from: earlier.revision, to: event.revision };
    }
  }
  return null;
}

/** Text the user asked to comment on, as the editor hands it over. */
export interface PendingSpan {
  target: CommentTarget;
  /** UTF-16 offsets into the target's text as the editor shows it (the saved text once flushed). */
  start: number;
  end: number;
  quote: string;
}
