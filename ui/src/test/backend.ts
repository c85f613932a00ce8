// An in-memory stand-in for the Rust commands, installed with Tauri's IPC
// mocks so tests go through the real `src/ipc` functions and `invoke`.
import { mockBackend } from '../ipc/testing';

import type {
  AddedPhoto,
  ArticleDto,
  ArticleFields,
  ArticleSummary,
  IpcError,
  PhotoPlacementDto,
  RelatedArticleDto,
  SettingsDto,
} from '../ipc';
import { foldKeyword } from '../lib/keywords';

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => unknown;

export function article(overrides: Partial<ArticleDto> & { id: string }): ArticleDto {
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

export const DEFAULT_SETTINGS: SettingsDto = {
  headline_max: 100,
  sapo_min: 20,
  sapo_max: 300,
  categories: ['Thời sự', 'Kinh tế', 'Thế giới'],
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
  readonly articles: ArticleDto[];
  readonly calls: Call[] = [];
  /** Per-command overrides; return a value, a promise, or throw an IpcError. */
  readonly overrides = new Map<string, Handler>();
  settings: SettingsDto = structuredClone(DEFAULT_SETTINGS);
  /** Keywords already used in the library, for `suggest_keywords`. */
  keywordLibrary: string[] = ['Hà Nội', 'Hòa Bình', 'giá xăng', 'chuyển đổi số'];
  /** Photo metadata by file name (or path); unknown names are plain photos. */
  readonly photoFiles = new Map<string, FakePhoto>();
  readonly #stored = new Map<string, AddedPhoto>();
  #clock = Date.parse('2026-11-27T14:00:00Z');
  #nextId = 100;

  constructor(articles: ArticleDto[] = []) {
    this.articles = articles.map((a) => structuredClone(a));
    mockBackend((cmd, payload, options) => {
      if (payload instanceof Uint8Array) {
        const headers = (options?.headers ?? {}) as Record<string, string>;
        return this.#handle(cmd, { bytes: Array.from(payload), headers: { ...headers } });
      }
      return this.#handle(cmd, (payload ?? {}) as Record<string, unknown>);
    });
  }

  callsTo(cmd: string): Call[] {
    return this.calls.filter((call) => call.cmd === cmd);
  }

  #tick(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #find(id: unknown): ArticleDto {
    const found = this.articles.find((a) => a.id === id);
    if (!found) throw { code: 'not_found', message: `Không tìm thấy bài viết ${String(id)}` } satisfies IpcError;
    return found;
  }

  #related(a: ArticleDto): RelatedArticleDto {
    return { id: a.id, slug: a.slug, headline: a.headline, excerpt: a.sapo };
  }

  #storePhoto(name: string, bytes: number[]): AddedPhoto {
    const meta = this.photoFiles.get(name) ?? {};
    if (meta.error) throw { code: 'invalid', message: meta.error } satisfies IpcError;
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
      case 'list_articles':
        return this.articles.map(
          ({ id, headline, status, updated_at }): ArticleSummary => ({ id, headline, status, updated_at }),
        );
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
        const photos = fields.photos.map((input): PhotoPlacementDto => {
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
      case 'add_photo_files':
        return (args.paths as string[]).map((path) => this.#storePhoto(path, []));
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
        this.settings = structuredClone(args.settings as SettingsDto);
        return structuredClone(this.settings);
      case 'plugin:window|destroy':
        return null;
      default:
        throw { code: 'internal', message: `unknown command ${cmd}` } satisfies IpcError;
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
