// The workflow's moves of the open article: the table of who may move an
// article where, and the move whose dialog is open. A move checks the
// article as the library holds it, so the edits typed here land first.
import { i18n } from '../../i18n/index.svelte';
import { verbatimError, type Article, type ArticleFields, type WorkflowRule } from '../../ipc';
import type { ArticleSession } from '../session/session.svelte';

export interface MovesOptions {
  workflowRules: () => Promise<WorkflowRule[]>;
}

export class Moves {
  /** Every move the workflow allows (the backend's table). */
  rules = $state<WorkflowRule[]>([]);
  /** The move whose dialog is open. */
  current = $state<WorkflowRule | null>(null);

  readonly #session: ArticleSession;
  readonly #workflowRules: MovesOptions['workflowRules'];

  constructor(session: ArticleSession, options: MovesOptions) {
    this.#session = session;
    this.#workflowRules = options.workflowRules;
    session.follow({ closed: () => (this.current = null) });
  }

  async load(): Promise<void> {
    try {
      this.rules = await this.#workflowRules();
    } catch (error) {
      this.#session.status.fail(error);
    }
  }

  /** Opens the dialog of `rule`. */
  start(rule: WorkflowRule): void {
    // The dialog waits for this save before moving; starting it now saves time.
    void this.#session.flushOpen();
    this.current = rule;
  }

  /** Lands the open article's pending edits before a move checks it; rejects if they were not saved. */
  async prepare(): Promise<ArticleFields> {
    const fields = await this.#session.savedFields();
    if (!fields) throw verbatimError('invalid', i18n.t.moveUnsaved);
    return fields;
  }

  /** The move was made: the article as it is now. */
  moved(article: Article): void {
    this.current = null;
    this.#session.written(article);
  }

  cancel(): void {
    this.current = null;
  }
}
