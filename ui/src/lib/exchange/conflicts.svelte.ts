// The conflicts a received package left on the open article, waiting for
// a person's pick field by field. Read when the article is opened; after
// the last pick the article is the merge, and the editor shows it.
import type { Article, PendingMerge } from '../../ipc';
import { latest } from '../latest';
import type { Notice } from '../session/notice.svelte';
import type { ArticleSession } from '../session/session.svelte';
import { i18n } from '../../i18n/index.svelte';
import { errorText } from '../../i18n/words';

export interface PendingConflictsOptions {
  pendingMerge: (id: string) => Promise<PendingMerge | null>;
  getArticle: (id: string) => Promise<Article>;
  notice: Notice;
  /** No conflict waits any more (settled, or none on the article opened). */
  onnone?: () => void;
}

export class PendingConflicts {
  /** What waits on the open article; null when nothing does. */
  pending = $state<PendingMerge | null>(null);
  /** The backend's message when what waits could not be read. */
  error = $state('');
  readonly count = $derived(this.pending?.conflicts.length ?? 0);

  readonly #session: ArticleSession;
  readonly #options: PendingConflictsOptions;
  readonly #reads = latest();

  constructor(session: ArticleSession, options: PendingConflictsOptions) {
    this.#session = session;
    this.#options = options;
    session.follow({
      opened: (article) => void this.#load(article.id),
      closed: () => {
        this.#reads.cancel();
        this.pending = null;
        this.error = '';
        this.#options.onnone?.();
      },
    });
  }

  /** A pick was made in the conflict panel; after the last, the article is the merge. */
  async resolved(remaining: string[]): Promise<void> {
    const session = this.#session;
    const id = session.openId;
    if (!id || !this.pending) return;
    if (remaining.length > 0) {
      this.pending = { ...this.pending, conflicts: this.pending.conflicts.filter((c) => remaining.includes(c.field)) };
      return;
    }
    this.pending = null;
    this.#options.onnone?.();
    try {
      const article = await this.#options.getArticle(id);
      if (id !== session.openId) return;
      // The editor's fields hold their text from mount: rebuild it, as after a restore.
      session.restore(article);
      this.#options.notice.show({ kind: 'merged' });
    } catch (error) {
      session.status.fail(error);
    }
  }

  async #load(id: string): Promise<void> {
    this.pending = null;
    this.error = '';
    const current = this.#reads.begin();
    try {
      const found = await this.#options.pendingMerge(id);
      if (!current() || id !== this.#session.openId) return;
      this.pending = found && found.conflicts.length > 0 ? found : null;
      if (!this.pending) this.#options.onnone?.();
    } catch (error) {
      if (current() && id === this.#session.openId) this.error = errorText(error, i18n.t);
    }
  }
}
