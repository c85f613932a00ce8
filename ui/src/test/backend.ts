// An in-memory stand-in for the Rust commands, installed with Tauri's IPC
// mocks so tests go through the real `src/ipc` functions and `invoke`.
import { emitEvent, mockBackend } from '../ipc/testing';

import type {
  AddedPhoto,
  Article,
  ArticleFields,
  ArticleSummary,
  ChosenFiles,
  FacetCount,
  LibraryCounts,
  LibraryFilter,
  LibraryPage,
  LibrarySort,
  PhotoPlacement,
  RelatedArticle,
  SearchHit,
  Settings,
  TextPart,
} from '../ipc';
import { verbatimError } from '../ipc';
import { foldKeyword } from '../lib/keywords';

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => unknown;

export function article(overrides: Partial<Article> & { id: string }): Article {
  return {
    headline: '',
    sapo: '',
    body: '',
    byline: '',
    authors: [],
    keywords: [],
    category: '',
    language: 'vi',
    status: 'draft',
    slug: overrides.id,
    slug_manual: false,
    editor_note: '',
    created_at: '2026-11-27T13:00:00Z',
    updated_at: '2026-11-27T13:00:00Z',
    published_at: null,
    photos: [],
    related: [],
    ...overrides,
  };
}

export const DEFAULT_SETTINGS: Settings = {
  headline_max: 100,
  sapo_min: 20,
  sapo_max: 300,
  categories: ['Thời sự', 'Kinh tế', 'Thế giới'],
  base_url: '',
  keep_photo_metadata: false,
};

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deterministic stand-in for the backend renderer, same outer shape. */
export function renderPreview(fields: ArticleFields): string {
  const figures = fields.photos
    .map(
      (photo) =>
        `<figure><img src="byline://localhost/photo/${photo.sha256}" alt="${escapeHtml(photo.alt)}">` +
        `<figcaption>${escapeHtml(photo.caption)}</figcaption></figure>`,
    )
    .join('');
  return (
    `<article class="article" lang="vi"><h1 class="headline">${escapeHtml(fields.headline)}</h1>` +
    `<p class="sapo"><strong>${escapeHtml(fields.sapo)}</strong></p>` +
    `<div class="body"><p>${escapeHtml(fields.body)}</p>${figures}</div></article>`
  );
}

export function slugify(text: string): string {
  return foldKeyword(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function summaryOf(a: Article): ArticleSummary {
  const { id, headline, status, slug, category, byline, created_at, updated_at, published_at } = a;
  return { id, headline, status, slug, category, byline, created_at, updated_at, published_at };
}

export const NO_FILTER: LibraryFilter = {
  status: null,
  category: null,
  author: null,
  keyword: null,
  date_field: 'updated',
  date_from: null,
  date_to: null,
};

/** The calendar day of an RFC 3339 time in the newsroom's zone (+07:00). */
function newsroomDay(iso: string | null): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Whether `a` passes `filter`, leaving out the facet being counted. */
export function matches(a: Article, filter: LibraryFilter, except?: 'status' | 'category'): boolean {
  const set = (value: string | null) => (value ?? '').trim() !== '';
  if (except !== 'status' && filter.status !== null && a.status !== filter.status) return false;
  if (except !== 'category' && set(filter.category) && a.category !== filter.category!.trim()) return false;
  if (set(filter.author)) {
    const key = foldKeyword(filter.author!);
    const people = [a.byline, ...a.authors.map((author) => author.name)].map(foldKeyword);
    if (!people.includes(key)) return false;
  }
  if (set(filter.keyword) && !a.keywords.some((k) => foldKeyword(k) === foldKeyword(filter.keyword!))) return false;
  if (set(filter.date_from) || set(filter.date_to)) {
    const column = { created: a.created_at, updated: a.updated_at, published: a.published_at }[filter.date_field];
    const day = newsroomDay(column);
    if (day === null) return false;
    if (set(filter.date_from) && day < filter.date_from!) return false;
    if (set(filter.date_to) && day > filter.date_to!) return false;
  }
  return true;
}

/** The value an article is sorted by (times newest first, headlines A to Z). */
function sortValue(a: ArticleSummary, sort: LibrarySort): string {
  switch (sort) {
    case 'updated':
      return a.updated_at;
    case 'published':
      return a.published_at ?? '';
    case 'headline':
      return foldKeyword(a.headline);
  }
}

function compareKeys(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * A keyset page over `rows` like the backend's: sorted, continuing strictly
 * after the cursor (an opaque string encoding the last row's key), never by
 * position.
 */
export function keysetPage(
  rows: readonly ArticleSummary[],
  sort: LibrarySort,
  cursor: string | null,
  limit: number,
): LibraryPage {
  const keyed = rows.map((row) => ({ row, key: [sortValue(row, sort), row.id] as [string, string] }));
  const direction = sort === 'headline' ? 1 : -1;
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key));
  const after = cursor === null ? null : (JSON.parse(cursor) as [string, string]);
  const rest = after === null ? keyed : keyed.filter((k) => direction * compareKeys(k.key, after) > 0);
  const size = Math.min(Math.max(limit, 1), 1000);
  const page = rest.slice(0, size);
  const last = page.at(-1);
  return {
    rows: page.map((k) => k.row),
    next: rest.length > size && last ? JSON.stringify(last.key) : null,
  };
}

/** `text` cut into parts, the folded matches of `terms` marked. */
export function markTerms(text: string, terms: readonly string[]): TextPart[] {
  // Fold character by character so positions in the folded text map back
  // to the original characters.
  const chars = [...text.normalize('NFC')];
  const folded = chars.map((c) => foldKeyword(c) || c.toLowerCase());
  const joined = folded.join('');
  const owner: number[] = [];
  folded.forEach((f, i) => {
    for (let k = 0; k < f.length; k++) owner.push(i);
  });
  const hit = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    let at = joined.indexOf(term);
    while (term !== '' && at >= 0) {
      for (let k = at; k < at + term.length; k++) hit[owner[k]!] = true;
      at = joined.indexOf(term, at + term.length);
    }
  }
  const parts: TextPart[] = [];
  chars.forEach((c, i) => {
    const last = parts.at(-1);
    if (last && last.hit === hit[i]) last.text += c;
    else parts.push({ text: c, hit: hit[i]! });
  });
  return parts;
}

function facet(values: string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, count]) => ({ value, count }));
}

/** What the fake photo store knows about a file it is given, by file name. */
export interface FakePhoto {
  width?: number;
  height?: number;
  caption?: string | null;
  creator?: string | null;
  /** Refused with this message (`invalid`). */
  error?: string;
}

export class FakeBackend {
  readonly articles: Article[];
  readonly calls: Call[] = [];
  /** Per-command overrides; return a value, a promise, or throw an IpcError. */
  readonly overrides = new Map<string, Handler>();
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  /** Keywords already used in the library, for `suggest_keywords`. */
  keywordLibrary: string[] = ['Hà Nội', 'Hòa Bình', 'giá xăng', 'chuyển đổi số'];
  /** Photo metadata by file name (or path); unknown names are plain photos. */
  readonly photoFiles = new Map<string, FakePhoto>();
  readonly #stored = new Map<string, AddedPhoto>();
  /**
   * What the desktop's file chooser answers next, in turn: the names of
   * the files a person picks, or null for Cancel. Empty: Cancel.
   */
  readonly chooser: Array<string[] | null> = [];
  /** The titles the choosers were opened with, in order. */
  readonly chooserTitles: string[] = [];
  /** Files picked or dropped, by the number the backend keeps them under. */
  readonly #chosen = new Map<number, string[]>();
  #nextChosen = 1;
  #clock = Date.parse('2026-11-27T14:00:00Z');
  #nextId = 100;

  constructor(articles: Article[] = []) {
    this.articles = articles.map((a) => structuredClone(a));
    mockBackend((cmd, payload, options) => {
      if (payload instanceof Uint8Array) {
        const headers = (options?.headers ?? {}) as Record<string, string>;
        return this.#handle(cmd, { bytes: Array.from(payload), headers: { ...headers } });
      }
      return this.#handle(cmd, (payload ?? {}) as Record<string, unknown>);
    });
  }

  /** What a chooser or a drop does: keeps the files under a new number. */
  choose(names: string[]): ChosenFiles {
    const id = this.#nextChosen++;
    this.#chosen.set(id, [...names]);
    return { id, names: [...names] };
  }

  /** The name of file `index` of choice `id`, refused as the backend refuses it. */
  chosenName(id: unknown, index: unknown): string {
    const names = this.#chosen.get(Number(id));
    if (!names) throw verbatimError('invalid', `chosen: no choice of files ${String(id)}`);
    const name = names[Number(index)];
    if (name === undefined) {
      throw verbatimError('invalid', `index: choice ${String(id)} has no file ${String(index)}`);
    }
    return name;
  }

  /** Files dropped on the window: kept, and the window told (`files-dropped`). */
  async drop(names: string[]): Promise<ChosenFiles> {
    const dropped = this.choose(names);
    await emitEvent('files-dropped', dropped);
    return dropped;
  }

  /** What a file chooser titled `title` gives: the next of `chooser`, kept. */
  pick(title: unknown): ChosenFiles | null {
    this.chooserTitles.push(String(title));
    const names = this.chooser.shift() ?? null;
    return names ? this.choose(names) : null;
  }

  callsTo(cmd: string): Call[] {
    return this.calls.filter((call) => call.cmd === cmd);
  }

  #tick(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #find(id: unknown): Article {
    const found = this.articles.find((a) => a.id === id);
    if (!found) throw verbatimError('not_found', `Không tìm thấy bài viết ${String(id)}`);
    return found;
  }

  #related(a: Article): RelatedArticle {
    return { id: a.id, slug: a.slug, headline: a.headline, excerpt: a.sapo };
  }

  #storePhoto(name: string, bytes: number[]): AddedPhoto {
    const meta = this.photoFiles.get(name) ?? {};
    if (meta.error) throw verbatimError('invalid', meta.error);
    let hash = 0x811c9dc5;
    for (const byte of [...bytes, ...new TextEncoder().encode(name)]) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
    const sha256 = hash.toString(16).padStart(8, '0').repeat(8);
    const photo: AddedPhoto = {
      sha256,
      file: `${sha256.slice(0, 12)}.jpg`,
      width: meta.width ?? 1600,
      height: meta.height ?? 900,
      mime: 'image/jpeg',
      caption: meta.caption ?? null,
      creator: meta.creator ?? null,
    };
    this.#stored.set(sha256, photo);
    return photo;
  }

  #handle(cmd: string, args: Record<string, unknown>): unknown {
    // Deep copy so later mutation by the UI cannot rewrite the call log.
    this.calls.push({ cmd, args: structuredClone(args) });
    const override = this.overrides.get(cmd);
    if (override) return override(args);
    switch (cmd) {
      case 'list_page': {
        const filter = args.filter as LibraryFilter;
        const rows = this.articles.filter((a) => matches(a, filter)).map(summaryOf);
        return keysetPage(rows, args.sort as LibrarySort, args.cursor as string | null, args.limit as number);
      }
      case 'library_counts': {
        const filter = args.filter as LibraryFilter;
        return {
          total: this.articles.filter((a) => matches(a, filter)).length,
          by_status: facet(this.articles.filter((a) => matches(a, filter, 'status')).map((a) => a.status)),
          by_category: facet(this.articles.filter((a) => matches(a, filter, 'category')).map((a) => a.category)),
        } satisfies LibraryCounts;
      }
      case 'search_library': {
        const terms = foldKeyword(String(args.query)).split(' ').filter(Boolean);
        if (terms.length === 0) return [];
        const filter = args.filter as LibraryFilter;
        return this.articles
          .filter((a) => matches(a, filter))
          .filter((a) => {
            const text = foldKeyword(`${a.headline} ${a.sapo} ${a.body}`);
            return terms.every((term) => text.includes(term));
          })
          .slice(0, args.limit as number)
          .map(
            (a): SearchHit => ({
              article: summaryOf(a),
              headline: markTerms(a.headline, terms),
              snippet: markTerms(a.sapo, terms),
              score: 1,
              exact: false,
            }),
          );
      }
      case 'suggest_people': {
        const query = foldKeyword(String(args.query));
        const people = new Map<string, string>();
        for (const a of this.articles) {
          for (const name of [a.byline, ...a.authors.map((author) => author.name)]) {
            if (name.trim() !== '' && foldKeyword(name).includes(query)) people.set(foldKeyword(name), name);
          }
        }
        return [...people.values()].slice(0, 10);
      }
      case 'get_article':
        return structuredClone(this.#find(args.id));
      case 'create_article': {
        const now = this.#tick();
        const created = article({ id: `new-${this.#nextId++}`, created_at: now, updated_at: now });
        this.articles.unshift(created);
        return structuredClone(created);
      }
      case 'update_article': {
        const target = this.#find(args.id);
        const fields = structuredClone(args.fields as ArticleFields);
        const photos = fields.photos.map((input): PhotoPlacement => {
          const stored = this.#stored.get(input.sha256);
          return { ...input, width: stored?.width ?? 0, height: stored?.height ?? 0, mime: stored?.mime ?? 'image/jpeg' };
        });
        const related = fields.related.map((reference) => {
          const found = this.articles.find((a) => a.slug === reference && a.id !== target.id);
          return { reference, resolved: found ? this.#related(found) : null };
        });
        Object.assign(target, {
          ...fields,
          slug: fields.slug ?? (slugify(fields.headline) || target.id),
          slug_manual: fields.slug !== null,
          photos,
          related,
          updated_at: this.#tick(),
        });
        return structuredClone(target);
      }
      case 'preview_article':
        this.#find(args.id);
        return renderPreview(args.fields as ArticleFields);
      case 'add_photo': {
        const headers = args.headers as Record<string, string>;
        const name = decodeURIComponent(headers['x-file-name'] ?? '');
        return this.#storePhoto(name, args.bytes as number[]);
      }
      case 'choose_photos':
      case 'choose_packages':
        return this.pick(args.title);
      case 'add_photo_files':
        return (args.indexes as number[]).map((index) => this.#storePhoto(this.chosenName(args.chosen, index), []));
      case 'suggest_keywords': {
        const query = foldKeyword(String(args.query));
        return this.keywordLibrary.filter((keyword) => foldKeyword(keyword).includes(query));
      }
      case 'search_articles': {
        const query = foldKeyword(String(args.query));
        return this.articles
          .filter((a) => a.id !== args.excludeId && foldKeyword(a.headline).includes(query))
          .map((a) => this.#related(a));
      }
      case 'get_settings':
        return structuredClone(this.settings);
      case 'update_settings':
        this.settings = structuredClone(args.settings as Settings);
        return structuredClone(this.settings);
      case 'plugin:window|destroy':
        return null;
      // No package has left conflicts on these articles.
      case 'pending_merge':
        return null;
      case 'library_info':
        return { path: '/tmp/library.sqlite', read_only: false };
      default:
        throw verbatimError('internal', `unknown command ${cmd}`);
    }
  }
}

/** A promise whose settlement the test controls, to hold a command in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
