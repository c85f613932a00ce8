// The article open in the editor: which one, its fields as typed, its
// preview, and getting what is typed saved. Switching articles, closing the
// window and the workflow's writes all go through here, so that no edit is
// lost on the way: each article has its own saver, which outlives the
// switch to another, and everything pending is flushed before the window
// closes.
import {
  toIpcError,
  type Article,
  type ArticleFields,
  type ArticleStatus,
  type ArticleSummary,
} from '../../ipc';
import { AutoSaver, failsForNow } from '../autosave';
import { mergeResolved, toDraft, toFields, toSummary, type DraftField, type EditorDraft } from '../draft';
import { latest } from '../latest';
import { PreviewScheduler } from '../preview';
import type { ChecklistRequest } from '../workflow/checklist.svelte';
import { checksPublishing } from '../workflow/workflow';
import type { SaveStatus } from './save-status.svelte';
import { i18n } from '../../i18n/index.svelte';
import { errorText } from '../../i18n/words';

/** The backend, as the session uses it. */
export interface SessionBackend {
  getArticle: (id: string) => Promise<Article>;
  createArticle: () => Promise<Article>;
  updateArticle: (id: string, fields: ArticleFields) => Promise<Article>;
  previewArticle: (id: string, fields: ArticleFields) => Promise<string>;
  saveRevision: (id: string, fields: ArticleFields) => Promise<Article>;
}

/** The library's list beside the editor, as the session needs it. */
export interface ArticleList {
  /** An article was saved: its row shows it. */
  saved(row: ArticleSummary): void;
  /** Reads the list again from the top; resolves to its first row. */
  refresh(): Promise<ArticleSummary | undefined>;
  /** An article was added to the library: the list is read again with it. */
  created(): Promise<void>;
}

/** What follows the open article: its photos, the conflicts waiting on it… */
export interface SessionFollower {
  /** An article was put in the editor: opened, created, or shown again as it is now. */
  opened?(article: Article): void;
  /** The editor was emptied, before another article is asked for. */
  closed?(): void;
}

export interface ArticleSessionOptions extends SessionBackend {
  status: SaveStatus;
  /** The list, once it is there (it mounts after the session exists). */
  list?: () => ArticleList | undefined;
}

type Saver = AutoSaver<ArticleFields, Article>;

export class ArticleSession {
  /** Row highlighted in the list; set on click, before the article arrives. */
  selectedId = $state<string | null>(null);
  /** Article whose fields are in the editor; edits are saved against this id. */
  openId = $state<string | null>(null);
  /** The open article's language (BCP 47). */
  language = $state('vi');
  draft = $state<EditorDraft | null>(null);
  /** The slug the backend last returned for the open article. */
  savedSlug = $state('');
  /** The backend's refusal of the slug typed here, shown next to the field. */
  slugError = $state('');
  /** An article asked for has not arrived yet. */
  loading = $state(false);
  /** A new article is being created. */
  creating = $state(false);
  /** The open article's workflow status, as the backend last returned it. */
  articleStatus = $state<ArticleStatus>('draft');
  previewHtml = $state('');
  /** Bumped when the editor must be rebuilt from `draft` (its fields keep their text from mount). */
  rebuilds = $state(0);
  /**
   * Bumped after every write other than an autosave (a move, a revision,
   * a restore): panels that show the article's history reload on it.
   */
  historyVersion = $state(0);

  readonly status: SaveStatus;
  readonly #backend: SessionBackend;
  readonly #list: () => ArticleList | undefined;
  readonly #followers: SessionFollower[] = [];
  // One saver per article: a pending save for article A must survive the
  // switch to B, and saves of the same article must stay in order.
  readonly #savers = new Map<string, Saver>();
  // The article asked for last wins: a slow answer for an earlier click
  // cannot replace what the person picked last.
  readonly #loads = latest();
  readonly #preview: PreviewScheduler<{ id: string; fields: ArticleFields }>;
  /**
   * `updated_at` of every version of the open article this window loaded or
   * saved: a version of the library's that is not among them was written
   * by someone else.
   */
  #known = new Set<string>();
  /** The window was kept open once because of a refused save. */
  #warnedUnsaved = false;

  constructor(options: ArticleSessionOptions) {
    this.#backend = options;
    this.status = options.status;
    this.#list = options.list ?? (() => undefined);
    this.#preview = new PreviewScheduler({
      render: ({ id, fields }) => this.#backend.previewArticle(id, fields),
      onResult: (html) => (this.previewHtml = html),
      onError: (error) => this.status.fail(error),
    });
  }

  /** `follower` is told of each article opened and of the editor emptied. */
  follow(follower: SessionFollower): void {
    this.#followers.push(follower);
  }

  /** The versions of the open article this window loaded or saved. */
  get knownStamps(): ReadonlySet<string> {
    return this.#known;
  }

  /** A version of the open article this window has now seen. */
  remember(stamp: string): void {
    this.#known.add(stamp);
  }

  /** Opens article `id` (a click in the list), saving what was typed in the one before. */
  async open(id: string): Promise<void> {
    if (id === this.openId) return;
    const current = this.#loads.begin();
    this.#close();
    this.selectedId = id;
    this.loading = true;
    try {
      // If this article still has a save on its way (the person came straight
      // back to it), read it only after that save has landed.
      await this.#savers.get(id)?.flush();
      const article = await this.#backend.getArticle(id);
      if (!current()) return;
      this.#show(article);
    } catch (error) {
      if (!current()) return;
      const failure = toIpcError(error);
      this.status.fail(failure);
      if (failure.code === 'not_found') {
        // Someone else deleted it, or the list is stale: start from what the
        // backend has now.
        this.selectedId = null;
        const first = await this.#list()?.refresh();
        if (!current()) return;
        if (first && first.id !== id) void this.open(first.id);
      }
    } finally {
      if (current()) this.loading = false;
    }
  }

  /** Creates a new article and opens it; resolves to it, or null when refused. */
  async create(): Promise<Article | null> {
    this.creating = true;
    try {
      const article = await this.#backend.createArticle();
      this.#loads.cancel();
      this.#close();
      this.loading = false;
      this.#show(article);
      void this.#list()?.created();
      return article;
    } catch (error) {
      this.status.fail(error);
      return null;
    } finally {
      this.creating = false;
    }
  }

  /** A field was changed in the editor: kept, saved once typing pauses, previewed. */
  edit<K extends DraftField>(field: K, value: EditorDraft[K]): void {
    if (!this.draft || !this.openId) return;
    this.draft[field] = value;
    const fields = toFields(this.draft);
    this.saverFor(this.openId).schedule(fields);
    this.#preview.schedule({ id: this.openId, fields });
  }

  /**
   * Shows `article` as the backend has it now (a restored revision, a
   * merge, a version changed outside), rebuilding the editor, whose fields
   * hold their text from mount.
   */
  restore(article: Article): void {
    this.#show(article);
    this.#list()?.saved(toSummary(article));
    this.rebuilds++;
    this.historyVersion++;
  }

  /** An article came back from a workflow write (a move). */
  written(article: Article): void {
    this.#saved(article);
    this.historyVersion++;
  }

  /**
   * What the live checklist checks of the open article, its messages worded
   * in `language`; null when none is open. Its status decides whether the
   * checks made before publishing are included.
   */
  checkRequest(language: string): ChecklistRequest | null {
    if (!this.openId || !this.draft) return null;
    return {
      id: this.openId,
      fields: toFields(this.draft),
      publishing: checksPublishing(this.articleStatus),
      language,
    };
  }

  /** Saves the open article's pending edits; resolves once they are saved (or refused). */
  async flushOpen(): Promise<void> {
    if (this.openId) await this.#savers.get(this.openId)?.flush();
  }

  /** Saves every article's pending edits. */
  flushAll(): Promise<unknown> {
    return Promise.all([...this.#savers.values()].map((saver) => saver.flush()));
  }

  /**
   * Lands the open article's pending edits and resolves to its fields as
   * saved, or to null when they could not be saved (a step of the workflow
   * would check text the library does not hold).
   */
  async savedFields(): Promise<ArticleFields | null> {
    const id = this.openId;
    const saver = id ? this.#savers.get(id) : undefined;
    await saver?.flush();
    if (!this.draft || id !== this.openId || saver?.hasUnsavedChanges) return null;
    return toFields(this.draft);
  }

  /** Ctrl+S: lands pending edits, then saves the article as a revision. */
  async saveRevision(): Promise<void> {
    const id = this.openId;
    if (!id || !this.draft) return;
    await this.#savers.get(id)?.flush();
    if (id !== this.openId || !this.draft) return;
    this.status.progress('saving');
    try {
      const article = await this.#backend.saveRevision(id, toFields(this.draft));
      this.written(article);
      if (id === this.openId) this.status.progress('saved', true);
    } catch (error) {
      this.status.fail(error, 'save');
    }
  }

  /**
   * The window is asked to close: resolves to whether it may. It closes
   * once every pending save has reached the backend. If the backend refused
   * one, the window stays open once, with the reason shown; closing again
   * closes for good.
   */
  async closeRequested(): Promise<boolean> {
    // Closing blurs the focused field, and a blur schedules one more save:
    // flush until nothing is pending, a few rounds at most.
    let unsaved = true;
    for (let round = 0; round < 3 && unsaved; round++) {
      await this.flushAll();
      unsaved = [...this.#savers.values()].some((saver) => saver.hasUnsavedChanges);
    }
    if (!unsaved || this.#warnedUnsaved) return true;
    this.#warnedUnsaved = true;
    this.status.closeKeptOpen();
    return false;
  }

  /** The saver of article `id`, if it has had edits. */
  saverOf(id: string): Saver | undefined {
    return this.#savers.get(id);
  }

  /** The saver of article `id`, made on its first edit. */
  saverFor(id: string): Saver {
    let saver = this.#savers.get(id);
    if (!saver) {
      saver = new AutoSaver<ArticleFields, Article>({
        save: (fields) =>
          this.#backend.updateArticle(id, fields).catch((error: unknown) => {
            // The backend validates a hand-made slug; when it refuses a save
            // that carries a new one, its message belongs next to the field.
            const failure = toIpcError(error);
            if (failure.code === 'invalid' && id === this.openId && fields.slug !== null && fields.slug !== this.savedSlug) {
              this.slugError = errorText(failure, i18n.t);
            }
            throw failure;
          }),
        onSaved: (article) => this.#saved(article),
        // A full disk may get room again: keep trying, the text stays.
        shouldRetry: failsForNow,
        onStateChange: (state, error) => {
          // Errors always surface; progress of a background flush for an
          // article no longer open would only confuse the indicator.
          if (state === 'error') this.status.fail(error, 'save');
          else if (id === this.openId) this.status.progress(state);
        },
      });
      this.#savers.set(id, saver);
    }
    return saver;
  }

  /** Stops the preview and starts saving everything pending (the window is going). */
  dispose(): void {
    this.#preview.cancel();
    void this.flushAll();
  }

  /**
   * The backend's copy after a save. What the person is typing is never
   * replaced by it: only the list row, the status, the slug shown and the
   * resolution of related references are taken.
   */
  #saved(article: Article): void {
    this.#list()?.saved(toSummary(article));
    if (article.id !== this.openId || !this.draft) return;
    this.#known.add(article.updated_at);
    this.articleStatus = article.status;
    this.savedSlug = article.slug;
    this.slugError = '';
    this.draft.related = mergeResolved(this.draft.related, article.related);
  }

  #show(article: Article): void {
    this.openId = article.id;
    this.language = article.language || 'vi';
    this.articleStatus = article.status;
    this.status.revision = false;
    this.selectedId = article.id;
    this.draft = toDraft(article);
    this.savedSlug = article.slug;
    this.slugError = '';
    this.previewHtml = '';
    void this.#preview.now({ id: article.id, fields: toFields(this.draft) });
    this.#known = new Set([article.updated_at]);
    for (const follower of this.#followers) follower.opened?.(article);
  }

  #close(): void {
    this.#preview.cancel();
    if (this.openId) void this.#savers.get(this.openId)?.flush();
    this.openId = null;
    this.draft = null;
    this.previewHtml = '';
    for (const follower of this.#followers) follower.closed?.();
  }
}
