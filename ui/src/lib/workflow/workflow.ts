// What the workflow bar, the move dialog and the checklist show, decided
// from the backend's rules and findings. The backend decides what may
// happen; these only choose which of its answers to show, and how.
import { statusLabels, type Strings } from '../../i18n/index.svelte';
import type { ArticleStatus, Finding, Role, WorkflowRule } from '../../ipc';
import { interpolate } from '../format';

/** The order of the buttons: moves forward first, spiking last. */
const ORDER: readonly ArticleStatus[] = [
  'submitted',
  'in_review',
  'approved',
  'published',
  'changes_requested',
  'draft',
  'spiked',
];

/** The moves `role` may make from `from`, in the order the bar shows them. */
export function movesFor(rules: readonly WorkflowRule[], from: ArticleStatus, role: Role): WorkflowRule[] {
  return rules
    .filter((rule) => rule.from === from && rule.role === role)
    .sort((a, b) => ORDER.indexOf(a.to) - ORDER.indexOf(b.to));
}

/** The verb on a move's button: "Gửi duyệt", "Rút lại", "Khôi phục"… */
export function moveLabel(t: Strings, from: ArticleStatus, to: ArticleStatus): string {
  switch (to) {
    case 'submitted':
      return t.moveSubmit;
    case 'in_review':
      return t.moveStartReview;
    case 'changes_requested':
      return t.moveRequestChanges;
    case 'approved':
      return t.moveApprove;
    case 'published':
      return t.movePublish;
    case 'spiked':
      return t.moveSpike;
    case 'draft':
      if (from === 'submitted') return t.moveWithdraw;
      if (from === 'spiked') return t.moveRestore;
      return interpolate(t.moveTo, { status: statusLabels(t).draft });
  }
}

/** How a move's button looks: the way forward stands out, spiking warns. */
export function moveKind(from: ArticleStatus, to: ArticleStatus): 'forward' | 'back' | 'spike' {
  if (to === 'spiked') return 'spike';
  if (to === 'draft') return from === 'spiked' ? 'forward' : 'back';
  if (to === 'changes_requested') return 'back';
  return 'forward';
}

export function roleLabel(t: Strings, role: Role): string {
  return role === 'editor' ? t.roleEditor : t.roleReporter;
}

/**
 * Whether the live checklist includes the checks made before publishing:
 * once the article is approved, publishing is the next checked move.
 */
export function checksPublishing(status: ArticleStatus): boolean {
  return status === 'approved' || status === 'published';
}

/** Blocking findings first, each group in the backend's order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [
    ...findings.filter((finding) => finding.severity === 'blocking'),
    ...findings.filter((finding) => finding.severity !== 'blocking'),
  ];
}

export function countBlocking(findings: readonly Finding[]): number {
  return findings.filter((finding) => finding.severity === 'blocking').length;
}

/**
 * The field a finding is about, as the editor labels it: `headline` →
 * "Tiêu đề", `photos[1].caption` → "Ảnh 2 · Chú thích". Positions in the
 * backend's field paths count from 0; people count from 1.
 */
export function fieldLabel(t: Strings, field: string): string {
  const match = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(field);
  if (!match) return field;
  const [, base, index, part] = match;
  const n = index === undefined ? null : Number(index) + 1;
  const numbered = (template: string, plain: string) => (n === null ? plain : interpolate(template, { n }));
  switch (base) {
    case 'headline':
      return t.fieldHeadline;
    case 'sapo':
      return t.fieldSapo;
    case 'body':
      return t.fieldBody;
    case 'byline':
      return t.fieldByline;
    case 'category':
      return t.fieldCategory;
    case 'published_at':
      return t.fieldPublishedAt;
    case 'editor_note':
      return t.fieldEditorNote;
    case 'slug':
      return t.fieldSlug;
    case 'keywords':
      return numbered(t.checklistFieldKeyword, t.fieldKeywords);
    case 'authors':
      return numbered(t.checklistFieldAuthor, t.authorsTitle);
    case 'related':
      return numbered(t.checklistFieldRelated, t.relatedTitle);
    case 'photos': {
      const photo = numbered(t.checklistFieldPhoto, t.photosTitle);
      const partLabel =
        part === 'caption' ? t.photoCaption : part === 'credit' ? t.photoCredit : part === 'alt' ? t.checklistFieldAlt : '';
      return partLabel ? `${photo} · ${partLabel}` : photo;
    }
    default:
      return field;
  }
}
