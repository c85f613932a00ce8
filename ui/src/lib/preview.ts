// Debounced live preview. Unlike saving, previews may overlap: rendering is
// side-effect free, so instead of queueing we simply drop any response that
// is older than the newest request, which keeps the pane from flickering back
// to stale text when responses arrive out of order.

export interface PreviewSchedulerOptions<A> {
  render: (args: A) => Promise<string>;
  onResult: (html: string) => void;
  onError?: (error: unknown) => void;
  /** Quiet period after the last edit before rendering, in ms. */
  delay?: number;
}

export const DEFAULT_PREVIEW_DELAY = 60;

export class PreviewScheduler<A> {
  readonly #options: PreviewSchedulerOptions<A>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  constructor(options: PreviewSchedulerOptions<A>) {
    this.#options = options;
  }

  schedule(args: A): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.now(args);
    }, this.#options.delay ?? DEFAULT_PREVIEW_DELAY);
  }

  /** Renders immediately, e.g. right after an article is opened. */
  async now(args: A): Promise<void> {
    this.#clearTimer();
    const generation = ++this.#generation;
    try {
      const html = await this.#options.render(args);
      if (generation === this.#generation) this.#options.onResult(html);
    } catch (error) {
      if (generation === this.#generation) this.#options.onError?.(error);
    }
  }

  /** Forgets the pending request and ignores any in flight (article switched). */
  cancel(): void {
    this.#clearTimer();
    this.#generation++;
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
