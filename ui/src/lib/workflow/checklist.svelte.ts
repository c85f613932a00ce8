// The live pre-publish checklist of the open article. Like the preview, it
// runs a short while after the last edit, and answers may overlap: an answer
// older than the newest request is dropped, so the list never steps back to
// findings about text that has since changed.
import { toIpcError, type ArticleFields, type FindingDto } from '../../ipc';
import { latest } from '../latest';
import { countBlocking, sortFindings } from './workflow';

export interface ChecklistRequest {
  id: string;
  fields: ArticleFields;
  /** Include the checks made before marking the article published. */
  publishing: boolean;
  /** The UI language, in which the backend words its messages. */
  language: string;
}

export interface LiveChecklistOptions {
  check: (request: ChecklistRequest) => Promise<FindingDto[]>;
  /** Quiet period after the last change before checking, in ms. */
  delay?: number;
}

export const DEFAULT_CHECKLIST_DELAY = 300;

export class LiveChecklist {
  /** Blocking findings first. */
  findings = $state<FindingDto[]>([]);
  /** Whether the findings shown answer the newest request. */
  checking = $state(false);
  /** The backend's message when the last check failed. */
  error = $state('');
  /** Whether the findings belong to the request of `publishing: true`. */
  publishing = $state(false);
  readonly blocking = $derived(countBlocking(this.findings));

  readonly #check: LiveChecklistOptions['check'];
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #checks = latest();

  constructor(options: LiveChecklistOptions) {
    this.#check = options.check;
    this.#delay = options.delay ?? DEFAULT_CHECKLIST_DELAY;
  }

  /** Checks once changes have paused for the delay. */
  schedule(request: ChecklistRequest): void {
    this.#clearTimer();
    this.checking = true;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.now(request);
    }, this.#delay);
  }

  /** Checks right away, e.g. when an article has just been opened. */
  async now(request: ChecklistRequest): Promise<void> {
    this.#clearTimer();
    const current = this.#checks.begin();
    this.checking = true;
    try {
      const findings = await this.#check(request);
      if (!current()) return;
      this.findings = sortFindings(findings);
      this.publishing = request.publishing;
      this.error = '';
    } catch (error) {
      if (!current()) return;
      this.error = toIpcError(error).message;
    } finally {
      if (current()) this.checking = false;
    }
  }

  /** Forgets the findings and any check pending or in flight (article closed). */
  clear(): void {
    this.#clearTimer();
    this.#checks.cancel();
    this.findings = [];
    this.checking = false;
    this.error = '';
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
