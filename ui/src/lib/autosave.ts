// Debounced, strictly ordered autosave for one article.
//
// Each save sends a full snapshot of the fields, so only the newest snapshot
// matters: while the user types we keep replacing it, and a save is sent once
// typing pauses, or after `maxWait` of typing that never pauses (a reporter
// typing for minutes must not have minutes of text unsaved). At most one save is in flight at a time; the backend might
// otherwise apply two concurrent saves in the wrong order and leave the older
// text stored.
//
// A save that fails keeps its snapshot for the next attempt. A failure that
// can pass by itself (`shouldRetry`: a full disk gets room again) is tried
// again every `retryDelay` until a save goes through, and the error stays
// reported until then; any other waits for the next edit or flush, since
// sending the same refused text again cannot help.

import type { Strings } from '../i18n/vi';
import { errorText } from '../i18n/words';
import { toIpcError, type IpcError } from '../ipc';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface AutoSaverOptions<F, R> {
  save: (fields: F) => Promise<R>;
  /** Quiet period after the last edit before saving, in ms. */
  delay?: number;
  /** Longest an edit waits while edits keep coming, in ms. */
  maxWait?: number;
  onSaved?: (result: R) => void;
  onStateChange?: (state: SaveState, error?: unknown) => void;
  /** Whether a failure may pass by itself, so the save is tried again. */
  shouldRetry?: (error: unknown) => boolean;
  /** Wait between two tries of a save `shouldRetry` accepted, in ms. */
  retryDelay?: number;
}

export const DEFAULT_SAVE_DELAY = 700;
export const DEFAULT_MAX_WAIT = 5000;
export const DEFAULT_RETRY_DELAY = 3000;

export class AutoSaver<F, R = unknown> {
  readonly #save: (fields: F) => Promise<R>;
  readonly #delay: number;
  readonly #maxWait: number;
  readonly #onSaved?: (result: R) => void;
  readonly #onStateChange?: (state: SaveState, error?: unknown) => void;
  readonly #shouldRetry: (error: unknown) => boolean;
  readonly #retryDelay: number;

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
  /** The last save failed in a way that may pass: the error stays shown until one succeeds. */
  #retrying = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: AutoSaverOptions<F, R>) {
    this.#save = options.save;
    this.#delay = options.delay ?? DEFAULT_SAVE_DELAY;
    this.#maxWait = options.maxWait ?? DEFAULT_MAX_WAIT;
    this.#onSaved = options.onSaved;
    this.#onStateChange = options.onStateChange;
    this.#shouldRetry = options.shouldRetry ?? (() => false);
    this.#retryDelay = options.retryDelay ?? DEFAULT_RETRY_DELAY;
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
    // While a full disk refuses every save, "saving" would hide that nothing is.
    if (!this.#retrying) this.#setState('saving');
  }

  /** Resolves once no save is in flight; sends nothing that is pending. */
  async settled(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
  }

  /**
   * Drops the edits not sent yet (the person chose another version of the
   * article). A save already in flight still lands.
   */
  discard(): void {
    this.#pending = null;
    this.#pendingFailed = false;
    this.#retrying = false;
    this.dispose();
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
    this.#clearRetryTimer();
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
    this.#clearRetryTimer();
    if (!this.#retrying) this.#setState('saving');
    this.#inFlight = this.#save(fields).then(
      (result) => {
        this.#inFlight = null;
        this.#onSaved?.(result);
        if (this.#pending === null) this.#setState('saved');
        else if (this.#retrying) this.#setState('saving');
        this.#retrying = false;
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
        this.#retrying = this.#shouldRetry(error);
        this.#setState('error', error);
        if (this.#retrying) {
          this.#retryTimer = setTimeout(() => {
            this.#retryTimer = null;
            this.#startIfIdle();
          }, this.#retryDelay);
        }
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

  #clearRetryTimer(): void {
    if (this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
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

/** A failure that may pass by itself: the disk was full. */
export function failsForNow(error: unknown): boolean {
  return (error as Partial<IpcError> | null)?.code === 'disk_full';
}

/**
 * What the save indicator says about a failed save: a full disk and a
 * read-only library in words of their own (the person can act on those),
 * any other failure with the backend's words, all in the UI's language.
 */
export function saveErrorText(error: unknown, t: Strings): string {
  const { code } = toIpcError(error);
  if (code === 'disk_full') return t.notSavedDiskFull;
  if (code === 'read_only') return t.notSavedReadOnly;
  return t.notSaved.replace('{message}', errorText(error, t));
}

/** What becomes of the open article when someone else changed the library. */
export type ExternalEdit = 'unchanged' | 'reload' | 'keep';

/**
 * Decides for the open article after a change made outside the app, from the
 * library's version of it: `stamp` is its `updated_at`, `known` the stamps of
 * the versions this window loaded or saved, `unsaved` whether edits typed
 * here wait to be saved.
 *
 * - `unchanged`: the library holds a version this window knows.
 * - `reload`: changed outside, and nothing typed here is waiting: show the
 *   library's version (nothing is lost).
 * - `keep`: changed outside while edits typed here wait: never overwrite
 *   them. The next save stores them over the other version (the last save
 *   wins, as always); the person is told, and may take the other version
 *   instead.
 */
export function externalEdit(stamp: string, known: ReadonlySet<string>, unsaved: boolean): ExternalEdit {
  if (known.has(stamp)) return 'unchanged';
  return unsaved ? 'keep' : 'reload';
}
