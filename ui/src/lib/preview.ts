// Debounced live preview. Unlike saving, previews may overlap: rendering is
// side-effect free, so instead of queueing we simply drop any response that
// is older than the newest request, which keeps the pane from flickering back
// to stale text when responses arrive out of order.
import { latest } from './latest';

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
  readonly #renders = latest();

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
    try {
      await this.#renders.run(
        () => this.#options.render(args),
        (html) => this.#options.onResult(html),
      );
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  /** Forgets the pending request and ignores any in flight (article switched). */
  cancel(): void {
    this.#clearTimer();
    this.#renders.cancel();
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
