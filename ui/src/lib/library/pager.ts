// The rows of the library list, fetched with the backend's keyset cursor.
//
// The list is a chain: page k can only be asked for with the cursor that
// page k - 1 returned, so pages arrive strictly in order (the backend has no
// OFFSET, on purpose). A reader who drags the scrollbar far ahead is served
// by walking the chain with larger pages until the rows they look at have
// arrived; meanwhile those rows are placeholders.
//
// Memory stays bounded at any scale: rows far from what is on screen are
// dropped, but the cursor that fetched them is kept, so scrolling back reads
// them again by cursor (never by position).
import type { ArticleSummary, LibraryPage } from '../../ipc';
import { latest } from '../latest';

export interface PagerOptions {
  /** One page after `cursor` (null: the first page). */
  fetch: (cursor: string | null, limit: number) => Promise<LibraryPage>;
  /** Rows arrived, were dropped or were reset: redraw what is visible. */
  onchange: () => void;
  onerror?: (error: unknown) => void;
  /** Rows per page while the reader scrolls. */
  pageSize?: number;
  /** Rows per page while catching up with a reader far ahead (≤ the backend's 1000). */
  catchUpSize?: number;
  /** Rows kept on each side of the wanted range; the rest are dropped. */
  keep?: number;
}

interface Chunk {
  /** Index of its first row in the list. */
  start: number;
  /** The cursor it was fetched with, to fetch it again once dropped. */
  cursor: string | null;
  size: number;
  next: string | null;
  /** Null once dropped. */
  rows: ArticleSummary[] | null;
  refetching: boolean;
}

/** After a failure, the walk waits this long before trying again. */
const RETRY_MS = 1000;

export class Pager {
  readonly pageSize: number;
  readonly catchUpSize: number;
  readonly keep: number;
  readonly #options: PagerOptions;
  #chunks: Chunk[] = [];
  #loaded = 0;
  #done = false;
  /** A reset or reload starts a new chain: pages of an older one are dropped. */
  readonly #chains = latest();
  #chain = this.#chains.begin();
  #walking = false;
  #from = 0;
  #to = -1;
  #failedAt = -Infinity;

  constructor(options: PagerOptions) {
    this.#options = options;
    this.pageSize = options.pageSize ?? 100;
    this.catchUpSize = options.catchUpSize ?? 1000;
    this.keep = options.keep ?? 3000;
  }

  /** Rows whose place in the list is known (fetched, even if dropped since). */
  get loaded(): number {
    return this.#loaded;
  }

  /** The last page has arrived: `loaded` is the length of the list. */
  get done(): boolean {
    return this.#done;
  }

  /** A page of the chain is on its way. */
  get walking(): boolean {
    return this.#walking;
  }

  /** Rows held in memory (for tests and the curious). */
  get held(): number {
    return this.#chunks.reduce((sum, chunk) => sum + (chunk.rows?.length ?? 0), 0);
  }

  /** Throws away every row and starts a new chain (filters or sort changed). */
  reset(): void {
    this.#chain = this.#chains.begin();
    this.#chunks = [];
    this.#loaded = 0;
    this.#done = false;
    this.#walking = false;
    this.#failedAt = -Infinity;
    this.#options.onchange();
  }

  /**
   * Reads the list again from the top, as one page of `limit` rows, but keeps
   * showing the current rows until that page has arrived: a refresh after a
   * save, without placeholders flashing.
   */
  async reload(limit = this.pageSize): Promise<ArticleSummary[]> {
    const current = (this.#chain = this.#chains.begin());
    this.#walking = true;
    try {
      const page = await this.#options.fetch(null, limit);
      if (!current()) return [];
      this.#chunks = [];
      this.#loaded = 0;
      this.#done = false;
      this.#append(null, page);
      this.#walking = false;
      this.#options.onchange();
      this.#walkIfNeeded();
      return page.rows;
    } catch (error) {
      if (current()) {
        this.#walking = false;
        this.#failedAt = Date.now();
        this.#options.onerror?.(error);
      }
      return [];
    }
  }

  /**
   * The rows on screen and just around them (`to` may be past the end).
   * Fetches what is missing, in order, and drops what is far away.
   */
  want(from: number, to: number): void {
    this.#from = Math.max(0, from);
    this.#to = to;
    this.#evict();
    this.#refill();
    this.#walkIfNeeded();
  }

  rowAt(index: number): ArticleSummary | undefined {
    const chunk = this.#chunkAt(index);
    return chunk?.rows?.[index - chunk.start];
  }

  /** Replaces a row held in memory by a newer copy (after a save). */
  patch(row: ArticleSummary): boolean {
    let found = false;
    for (const chunk of this.#chunks) {
      const index = chunk.rows?.findIndex((held) => held.id === row.id) ?? -1;
      if (index >= 0) {
        chunk.rows![index] = row;
        found = true;
      }
    }
    if (found) this.#options.onchange();
    return found;
  }

  #chunkAt(index: number): Chunk | undefined {
    let low = 0;
    let high = this.#chunks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const chunk = this.#chunks[middle]!;
      if (index < chunk.start) high = middle - 1;
      else if (index >= chunk.start + chunk.size) low = middle + 1;
      else return chunk;
    }
    return undefined;
  }

  #append(cursor: string | null, page: LibraryPage): void {
    this.#chunks.push({
      start: this.#loaded,
      cursor,
      size: page.rows.length,
      next: page.next,
      rows: page.rows,
      refetching: false,
    });
    this.#loaded += page.rows.length;
    if (page.next === null || page.rows.length === 0) this.#done = true;
    this.#evict();
  }

  #evict(): void {
    const low = this.#from - this.keep;
    const high = this.#to + this.keep;
    for (const chunk of this.#chunks) {
      if (chunk.rows && (chunk.start + chunk.size <= low || chunk.start > high)) chunk.rows = null;
    }
  }

  #walkIfNeeded(): void {
    if (this.#walking || this.#done || this.#loaded > this.#to) return;
    if (Date.now() - this.#failedAt < RETRY_MS) return;
    void this.#walk(this.#chain);
  }

  async #walk(current: () => boolean): Promise<void> {
    this.#walking = true;
    try {
      while (current() && !this.#done && this.#loaded <= this.#to) {
        const missing = this.#to + 1 - this.#loaded;
        // Far behind: bigger pages, fewer round trips. Close: one page.
        const limit =
          missing > this.pageSize * 3
            ? Math.min(this.catchUpSize, Math.ceil(missing / this.pageSize) * this.pageSize)
            : this.pageSize;
        const cursor = this.#chunks.at(-1)?.next ?? null;
        const page = await this.#options.fetch(cursor, limit);
        if (!current()) return;
        this.#append(cursor, page);
        this.#options.onchange();
      }
    } catch (error) {
      if (!current()) return;
      this.#failedAt = Date.now();
      this.#options.onerror?.(error);
    } finally {
      if (current()) this.#walking = false;
    }
  }

  /** Fetches again, by their own cursor, dropped rows that are wanted again. */
  #refill(): void {
    for (const chunk of this.#chunks) {
      if (chunk.start > this.#to) break;
      if (chunk.rows || chunk.refetching || chunk.start + chunk.size <= this.#from) continue;
      chunk.refetching = true;
      const current = this.#chain;
      this.#options.fetch(chunk.cursor, chunk.size).then(
        (page) => {
          if (!current()) return;
          chunk.refetching = false;
          chunk.rows = page.rows.slice(0, chunk.size);
          this.#options.onchange();
        },
        (error: unknown) => {
          if (!current()) return;
          chunk.refetching = false;
          this.#options.onerror?.(error);
        },
      );
    }
  }
}
