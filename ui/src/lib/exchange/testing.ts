// Test-only: the export and import commands for the in-memory backend of the
// UI tests, answered like the Rust commands do (progress through the
// channel, cancel between two articles, conflicts settled one field at a
// time). Never imported by the app itself, so it is not part of the bundle.
import type {
  Article,
  ExportReport,
  ImportedPackage,
  IpcMessage,
  LibraryFilter,
  MergeSide,
  PendingMerge,
} from '../../ipc';
import { verbatimError } from '../../ipc';
import { sendToChannel } from '../../ipc/testing';
import { article, matches } from '../../test/backend';
import { WorkflowBackend } from '../workflow/testing';

/** What importing a file does: a package's article and outcome, or a refusal. */
export type FakePackage =
  | { article: Partial<Article> & { id: string }; outcome: ImportedPackage['outcome']; fields?: string[] }
  | { error: string };

export class ExchangeBackend extends WorkflowBackend {
  /** Where exports go (`export_folder`): the default until a folder is chosen. */
  folder = '/home/pv/Tài liệu/Byline';
  /** What the folder chooser answers next, in turn: a folder, or null for Cancel. */
  readonly folderChooser: Array<string | null> = [];
  /**
   * Awaited before each article is written: a test holds the export between
   * two articles with it. None: the export runs straight through.
   */
  beforeEach: (() => Promise<void>) | null = null;
  /** Warnings the next export reports. */
  exportWarnings: IpcMessage[] = [];
  /** Set by `cancel_export`, read between two articles, cleared by each export. */
  cancelled = false;
  /** What importing each file does, by file name. */
  readonly packages = new Map<string, FakePackage>();
  /** Conflicts waiting per article id. */
  readonly pending = new Map<string, PendingMerge>();
  /** The article each merge makes once its last conflict is settled, per id. */
  readonly merged = new Map<string, Partial<Article>>();

  constructor(...args: ConstructorParameters<typeof WorkflowBackend>) {
    super(...args);
    this.overrides.set('export_folder', () => this.folder);
    this.overrides.set('choose_export_folder', (a) => {
      this.chooserTitles.push(String(a.title));
      const picked = this.folderChooser.shift() ?? null;
      if (picked !== null) this.folder = picked;
      return picked;
    });
    this.overrides.set('cancel_export', () => {
      this.cancelled = true;
      return null;
    });
    this.overrides.set('export_articles', (a) => this.#export(a));
    this.overrides.set('import_package', (a) => {
      const headers = a.headers as Record<string, string>;
      return this.#import(decodeURIComponent(headers['x-file-name'] ?? ''));
    });
    this.overrides.set('import_package_file', (a) => this.#import(this.chosenName(a.chosen, a.index)));
    this.overrides.set('pending_merge', (a) => structuredClone(this.pending.get(String(a.id)) ?? null));
    this.overrides.set('resolve_conflict', (a) => this.#resolve(String(a.id), String(a.field), a.take as MergeSide));
  }

  async #export(args: Record<string, unknown>): Promise<ExportReport> {
    const filter = args.filter as LibraryFilter | null;
    const ids = filter ? this.articles.filter((a) => matches(a, filter)).map((a) => a.id) : (args.ids as string[]);
    if (ids.length === 0) throw verbatimError('invalid', 'export: no articles to export');
    this.cancelled = false;
    const report: ExportReport = { written: [], warnings: [], cancelled: false };
    for (const [index, id] of ids.entries()) {
      if (this.beforeEach) await this.beforeEach();
      if (this.cancelled) return { ...report, cancelled: true };
      const found = this.articles.find((a) => a.id === id);
      if (!found) throw verbatimError('not_found', `no article with id or slug '${id}'`);
      report.written.push(`${this.folder}/${found.slug}.zip`);
      sendToChannel(args.onProgress, { done: index + 1, total: ids.length, headline: found.headline });
    }
    return { ...report, warnings: [...this.exportWarnings] };
  }

  #import(name: string): ImportedPackage {
    const known = this.packages.get(name);
    if (!known) throw verbatimError('invalid', `${name}: not a readable zip file`);
    if ('error' in known) throw verbatimError('invalid', known.error);
    const existing = this.articles.find((a) => a.id === known.article.id);
    if (!existing) this.articles.unshift(article(structuredClone(known.article)));
    else if (known.outcome === 'fast_forward' || known.outcome === 'merged') Object.assign(existing, known.article);
    return { id: known.article.id, outcome: known.outcome, fields: [...(known.fields ?? [])] };
  }

  #resolve(id: string, field: string, take: MergeSide): string[] {
    const waiting = this.pending.get(id);
    if (!waiting) throw verbatimError('invalid', `field: article ${id} has no conflicts to settle`);
    if (!waiting.conflicts.some((c) => c.field === field)) {
      throw verbatimError('invalid', `field: '${field}' is not in conflict`);
    }
    waiting.conflicts = waiting.conflicts.filter((c) => c.field !== field);
    if (take === 'incoming') waiting.take_incoming.push(field);
    if (waiting.conflicts.length > 0) return waiting.conflicts.map((c) => c.field);
    this.pending.delete(id);
    const target = this.articles.find((a) => a.id === id);
    if (target) Object.assign(target, this.merged.get(id) ?? {});
    return [];
  }
}

/** What a package left on article a1 of the tests: its headline and body in conflict, its sapo taken. */
export const CONFLICT: PendingMerge = {
  source: '/home/pv/Tải về/gia-xang.zip',
  at: '2026-11-28T02:00:00Z',
  incoming_revision: 4,
  conflicts: [
    {
      field: 'headline',
      local: 'Giá xăng giảm lần thứ ba',
      incoming: 'Giá xăng lại giảm',
      parts: [
        { kind: 'same', text: 'Giá xăng ' },
        { kind: 'removed', text: 'giảm lần thứ ba' },
        { kind: 'added', text: 'lại giảm' },
      ],
    },
    {
      field: 'body',
      local: 'Đoạn một.',
      incoming: 'Đoạn một, có sửa.',
      parts: [
        { kind: 'same', text: 'Đoạn ' },
        { kind: 'removed', text: 'một.' },
        { kind: 'added', text: 'một, có sửa.' },
      ],
    },
  ],
  take_incoming: ['sapo'],
};
