// Test-only: the workflow commands for the in-memory backend of the UI
// tests, answered like the Rust commands do. Never imported by the app
// itself, so it is not part of the bundle.
import type {
  ArticleFields,
  ArticleStatus,
  Finding,
  Profile,
  Role,
  WorkflowRule,
} from '../../ipc';
import { verbatimError } from '../../ipc';
import { FakeBackend } from '../../test/backend';
import { toDraft, toFields } from '../draft';

const STATES: readonly ArticleStatus[] = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'spiked',
];

/** `workflow::who_may`: who may move an article from `from` to `to`. */
function whoMay(from: ArticleStatus, to: ArticleStatus): Role | null {
  if (from === to) return null;
  if ((['draft', 'changes_requested'].includes(from) && to === 'submitted') || (from === 'submitted' && to === 'draft')) {
    return 'reporter';
  }
  const editor: [ArticleStatus, ArticleStatus][] = [
    ['submitted', 'in_review'],
    ['in_review', 'changes_requested'],
    ['in_review', 'approved'],
    ['approved', 'published'],
    ['spiked', 'draft'],
  ];
  if (to === 'spiked' || editor.some(([f, t]) => f === from && t === to)) return 'editor';
  return null;
}

/** What `workflow_rules` answers. */
export const WORKFLOW_RULES: readonly WorkflowRule[] = STATES.flatMap((from) =>
  STATES.flatMap((to): WorkflowRule[] => {
    const role = whoMay(from, to);
    if (!role) return [];
    return [
      {
        from,
        to,
        role,
        note_required: from === 'in_review' && to === 'changes_requested',
        checked: to === 'submitted' || to === 'approved' || to === 'published',
      },
    ];
  }),
);

export type CheckFn = (fields: ArticleFields, publishing: boolean, language: string) => Finding[];

/**
 * A newsroom's checklist for the tests: fewer than two keywords warns; a
 * missing headline, a photo shown in the body but not placed, and (when
 * publishing) no publish time block. Worded in the language asked for.
 */
export const newsroomChecks: CheckFn = (fields, publishing, language) => {
  const en = language === 'en';
  const findings: Finding[] = [];
  if (fields.keywords.length < 2) {
    findings.push({
      rule: 'few_keywords',
      severity: 'warning',
      field: 'keywords',
      message: en ? 'Fewer than 2 keywords.' : 'Ít hơn 2 từ khóa.',
    });
  }
  if (fields.headline.trim() === '') {
    findings.push({
      rule: 'headline_missing',
      severity: 'blocking',
      field: 'headline',
      message: en ? 'The headline is missing.' : 'Chưa có tiêu đề.',
    });
  }
  if (fields.photos.length === 0 && fields.body.includes('![')) {
    findings.push({
      rule: 'photo_reference_broken',
      severity: 'blocking',
      field: 'body',
      message: en ? 'The body shows a photo that is not in the article.' : 'Nội dung có ảnh chưa có trong bài.',
    });
  }
  if (publishing && fields.published_at === null) {
    findings.push({
      rule: 'publish_time_missing',
      severity: 'blocking',
      field: 'published_at',
      message: en ? 'The publish time is not set.' : 'Chưa đặt thời gian xuất bản.',
    });
  }
  return findings;
};

/**
 * The fake backend with a profile, the workflow's rules and moves, the
 * checklist (whatever `check` answers; it also stops checked moves) and
 * Ctrl+S revisions.
 */
export class WorkflowBackend extends FakeBackend {
  profile: Profile | null = { name: 'Duy Huy', role: 'reporter' };
  check: CheckFn = () => [];
  /** Revisions made with Ctrl+S, per article id. */
  readonly revisions = new Map<string, ArticleFields[]>();

  constructor(...args: ConstructorParameters<typeof FakeBackend>) {
    super(...args);
    this.overrides.set('get_profile', () => structuredClone(this.profile));
    this.overrides.set('set_profile', (a) => {
      this.profile = structuredClone(a.profile as Profile);
      return structuredClone(this.profile);
    });
    this.overrides.set('workflow_rules', () => structuredClone(WORKFLOW_RULES));
    this.overrides.set('check_article', (a) => {
      this.#article(a.id);
      return this.check(a.fields as ArticleFields, a.publishing as boolean, a.language as string);
    });
    this.overrides.set('move_article', (a) => this.#move(a));
    this.overrides.set('save_revision', (a) => {
      const target = this.#article(a.id);
      const fields = structuredClone(a.fields as ArticleFields);
      const { headline, sapo, body, byline, authors, keywords, category, published_at, editor_note } = fields;
      Object.assign(target, { headline, sapo, body, byline, authors, keywords, category, published_at, editor_note });
      this.revisions.set(target.id, [...(this.revisions.get(target.id) ?? []), fields]);
      return structuredClone(target);
    });
  }

  #article(id: unknown) {
    const found = this.articles.find((a) => a.id === id);
    if (!found) throw verbatimError('not_found', `Không tìm thấy bài viết ${String(id)}`);
    return found;
  }

  #move(args: Record<string, unknown>) {
    const target = this.#article(args.id);
    const to = args.to as ArticleStatus;
    const note = String(args.note ?? '').trim();
    const overriding = typeof args.overrideReason === 'string' ? args.overrideReason.trim() : '';
    if (!this.profile) throw verbatimError('invalid', 'profile: say who you are first');
    const rule = WORKFLOW_RULES.find((r) => r.from === target.status && r.to === to);
    if (!rule || rule.role !== this.profile.role) {
      throw verbatimError('invalid', `status: ${this.profile.role} may not move ${target.status} to ${to}`);
    }
    if (rule.note_required && note === '') throw verbatimError('invalid', 'note: required');
    if (rule.checked) {
      const blocking = this.check(toFields(toDraft(target)), to === 'published', 'vi').filter(
        (finding) => finding.severity === 'blocking',
      );
      if (blocking.length > 0 && overriding === '') {
        throw verbatimError('checklist_blocked', `checklist: ${blocking.length} blocking`);
      }
      if (blocking.length > 0 && this.profile.role !== 'editor') {
        throw verbatimError('invalid', 'override: only an editor may override');
      }
    }
    target.status = to;
    target.updated_at = new Date(Date.parse(target.updated_at) + 60_000).toISOString();
    return structuredClone(target);
  }
}
