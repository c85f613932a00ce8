// Search as you type: one request per pause in typing, and a response never
// replaces the results of a request made after it.

export interface LatestSearchOptions<F, R> {
  search: (query: string, filter: F) => Promise<R>;
  onresult: (result: R, query: string) => void;
  onerror?: (error: unknown) => void;
  /** Pause in typing before a request goes out, in ms. */
  delay?: number;
}

export class LatestSearch<F, R> {
  readonly #options: LatestSearchOptions<F, R>;
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Number of the last request sent, and of the last one shown. */
  #sent = 0;
  #shown = 0;

  constructor(options: LatestSearchOptions<F, R>) {
    this.#options = options;
    this.#delay = options.delay ?? 150;
  }

  /** Searches once typing has paused; an empty query cancels everything. */
  schedule(query: string, filter: F): void {
    this.#clearTimer();
    if (query.trim() === '') {
      this.cancel();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.now(query, filter);
    }, this.#delay);
  }

  /** Searches right away (the filters changed under an existing query). */
  async now(query: string, filter: F): Promise<void> {
    this.#clearTimer();
    if (query.trim() === '') {
      this.cancel();
      return;
    }
    const mine = ++this.#sent;
    try {
      const result = await this.#options.search(query.trim(), filter);
      // An older request answering late is dropped; a newer one that
      // answers first may be shown while the older is still out.
      if (mine <= this.#shown) return;
      this.#shown = mine;
      this.#options.onresult(result, query);
    } catch (error) {
      if (mine > this.#shown) this.#options.onerror?.(error);
    }
  }

  /** Forgets pending and in-flight requests. */
  cancel(): void {
    this.#clearTimer();
    this.#shown = ++this.#sent;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
