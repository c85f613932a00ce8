// Debounced, strictly ordered autosave for one article.
//
// Each save sends a full snapshot of the fields, so only the newest snapshot
// matters: while the user types we keep replacing it, and a save is sent once
// typing pauses, or after `maxWait` of typing that never pauses (a reporter
// typing for minutes must not have minutes of text unsaved). At most one save is in flight at a time; the backend might
// otherwise apply two concurrent saves in the wrong order and leave the older
// text stored.

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface AutoSaverOptions<F, R> {
  save: (fields: F) => Promise<R>;
  /** Quiet period after the last edit before saving, in ms. */
  delay?: number;
  /** Longest an edit waits while edits keep coming, in ms. */
  maxWait?: number;
  onSaved?: (result: R) => void;
  onStateChange?: (state: SaveState, error?: unknown) => void;
}

export const DEFAULT_SAVE_DELAY = 700;
export const DEFAULT_MAX_WAIT = 5000;

export class AutoSaver<F, R = unknown> {
  readonly #save: (fields: F) => Promise<R>;
  readonly #delay: number;
  readonly #maxWait: number;
  readonly #onSaved?: (result: R) => void;
  readonly #onStateChange?: (state: SaveState, error?: unknown) => void;

  /** Newest snapshot not yet handed to `save`. */
  #pending: F | null = null;
  /** True when `#pending` is a snapshot whose save already failed. */
  #pendingFailed = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Started by the first edit not yet sent; forces a save when it fires. */
  #maxTimer: ReturnType<typeof setTimeout> | null = null;
  /** The max wait ran out while a save was in flight: send right after it. */
  #forced = false;
  #inFlight: Promise<void> | null = null;
  #state: SaveState = 'idle';

  constructor(options: AutoSaverOptions<F, R>) {
    this.#save = options.save;
    this.#delay = options.delay ?? DEFAULT_SAVE_DELAY;
    this.#maxWait = options.maxWait ?? DEFAULT_MAX_WAIT;
    this.#onSaved = options.onSaved;
    this.#onStateChange = options.onStateChange;
  }

  get state(): SaveState {
    return this.#state;
  }

  /** True while some edit has not been confirmed by the backend. */
  get hasUnsavedChanges(): boolean {
    return this.#pending !== null || this.#inFlight !== null;
  }

  /** Records the newest fields and (re)starts the quiet-period timer. */
  schedule(fields: F): void {
    this.#pending = fields;
    this.#pendingFailed = false;
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#startIfIdle();
    }, this.#delay);
    if (this.#maxTimer === null && !this.#forced) {
      this.#maxTimer = setTimeout(() => {
        this.#maxTimer = null;
        // Give up on the quiet period: send now, or right after the save in
        // flight, however many edits come meanwhile.
        this.#forced = true;
        this.#clearTimer();
        this.#startIfIdle();
      }, this.#maxWait);
    }
    this.#setState('saving');
  }

  /**
   * Saves whatever is pending now, without waiting for the quiet period, and
   * resolves once nothing is left in flight. A snapshot that fails is tried
   * at most once per flush so a persistent backend error cannot spin forever.
   * Never rejects: failures are reported through `onStateChange`.
   */
  async flush(): Promise<void> {
    this.#clearTimer();
    let attempted = false;
    for (;;) {
      if (this.#inFlight) {
        await this.#inFlight;
        continue;
      }
      if (this.#pending === null) return;
      if (this.#pendingFailed && attempted) return;
      attempted = true;
      this.#start();
    }
  }

  /** Stops the timer; anything pending is dropped. Call `flush` first to keep it. */
  dispose(): void {
    this.#clearTimer();
    this.#clearMaxTimer();
    this.#forced = false;
  }

  #startIfIdle(): void {
    if (this.#inFlight === null && this.#pending !== null) this.#start();
  }

  #start(): void {
    const fields = this.#pending as F;
    this.#pending = null;
    this.#forced = false;
    this.#clearMaxTimer();
    this.#pendingFailed = false;
    this.#setState('saving');
    this.#inFlight = this.#save(fields).then(
      (result) => {
        this.#inFlight = null;
        this.#onSaved?.(result);
        if (this.#pending === null) this.#setState('saved');
        this.#continue();
      },
      (error: unknown) => {
        this.#inFlight = null;
        // Keep the failed snapshot unless the user has typed something newer
        // (which supersedes it), so a later flush or edit still stores it.
        if (this.#pending === null) {
          this.#pending = fields;
          this.#pendingFailed = true;
        }
        this.#setState('error', error);
        this.#continue();
      },
    );
  }

  // Edits that arrived during the save and whose quiet period has already
  // elapsed (or whose max wait ran out) go out right away; ones still in
  // their quiet period wait for it.
  #continue(): void {
    if ((this.#timer === null || this.#forced) && this.#pending !== null && !this.#pendingFailed) {
      this.#clearTimer();
      this.#start();
    }
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  #clearMaxTimer(): void {
    if (this.#maxTimer !== null) {
      clearTimeout(this.#maxTimer);
      this.#maxTimer = null;
    }
  }

  #setState(state: SaveState, error?: unknown): void {
    this.#state = state;
    this.#onStateChange?.(state, error);
  }
}
