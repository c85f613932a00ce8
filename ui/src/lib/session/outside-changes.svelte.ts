// Someone else wrote to the library (the `byline` command, another
// program): the list is read again, and the open article too. Changed
// outside with nothing typed here waiting, it is shown as it is now; with
// edits waiting, those are kept (never overwritten) and the person is told,
// and may take the other version instead.
import type { Article } from '../../ipc';
import { externalEdit } from '../autosave';
import { toFields } from '../draft';
import { latest } from '../latest';
import type { Notice } from './notice.svelte';
import type { ArticleList, ArticleSession } from './session.svelte';

export interface OutsideChangesOptions {
  getArticle: (id: string) => Promise<Article>;
  notice: Notice;
  list?: () => ArticleList | undefined;
}

export class OutsideChanges {
  /** The open article as changed outside while edits typed here waited. */
  article = $state<Article | null>(null);

  readonly #session: ArticleSession;
  readonly #getArticle: OutsideChangesOptions['getArticle'];
  readonly #notice: Notice;
  readonly #list: () => ArticleList | undefined;
  readonly #reads = latest();

  constructor(session: ArticleSession, options: OutsideChangesOptions) {
    this.#session = session;
    this.#getArticle = options.getArticle;
    this.#notice = options.notice;
    this.#list = options.list ?? (() => undefined);
    // Whatever was changed outside belongs to the article it was read for.
    session.follow({ opened: () => this.#forget(), closed: () => this.#forget() });
  }

  /** The library was changed by someone else. */
  async libraryChanged(): Promise<void> {
    void this.#list()?.refresh();
    const session = this.#session;
    const id = session.openId;
    if (!id || !session.draft) return;
    const current = this.#reads.begin();
    const saver = session.saverOf(id);
    let found: Article | null = null;
    // A save of ours that lands while the article is read leaves it unclear
    // whose version was read: read again (a few times at most).
    for (let round = 0; round < 3 && found === null; round++) {
      await saver?.settled();
      const known = session.knownStamps.size;
      try {
        const read = await this.#getArticle(id);
        await saver?.settled();
        if (session.knownStamps.size === known || round === 2) found = read;
      } catch (error) {
        if (current() && id === session.openId) session.status.fail(error);
        return;
      }
    }
    if (!current() || id !== session.openId || !session.draft || found === null) return;
    const action = externalEdit(found.updated_at, session.knownStamps, saver?.hasUnsavedChanges ?? false);
    if (action === 'unchanged') return;
    session.remember(found.updated_at);
    if (action === 'reload') {
      session.restore(found);
      this.#notice.show({ kind: 'reloaded' });
    } else {
      this.article = found;
      // A move made outside stays whatever is saved here (saves never carry the status).
      session.articleStatus = found.status;
    }
  }

  /** Keeps the text typed here: saved over the version changed outside. */
  keepMine(): void {
    this.article = null;
    const { openId, draft } = this.#session;
    if (openId && draft) this.#session.saverFor(openId).schedule(toFields(draft));
  }

  /** Drops what was typed here and takes the version changed outside. */
  async takeTheirs(): Promise<void> {
    const session = this.#session;
    const theirs = this.article;
    const id = session.openId;
    if (!theirs || !id || theirs.id !== id) return;
    this.article = null;
    const saver = session.saverFor(id);
    saver.discard();
    // A save already on its way lands over the other version: put it back.
    await saver.settled();
    if (id !== session.openId) return;
    try {
      const current = await this.#getArticle(id);
      if (id !== session.openId) return;
      session.restore(theirs);
      if (current.updated_at !== theirs.updated_at && session.draft) saver.schedule(toFields(session.draft));
    } catch (error) {
      session.status.fail(error);
    }
  }

  #forget(): void {
    this.article = null;
  }
}
