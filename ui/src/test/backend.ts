// An in-memory stand-in for the Rust commands, installed with Tauri's
// `mockIPC` so tests go through the real `src/ipc` functions and `invoke`.
import { mockIPC } from '../ipc/testing';

import type { ArticleDto, ArticleFields, ArticleSummary, IpcError } from '../ipc';

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
    keywords: [],
    category: '',
    language: 'vi',
    status: 'draft',
    slug: overrides.id,
    created_at: '2026-11-27T13:00:00Z',
    updated_at: '2026-11-27T13:00:00Z',
    published_at: null,
    ...overrides,
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deterministic stand-in for the backend renderer, same outer shape. */
export function renderPreview(fields: ArticleFields): string {
  return (
    `<article class="article" lang="vi"><h1 class="headline">${escapeHtml(fields.headline)}</h1>` +
    `<p class="sapo"><strong>${escapeHtml(fields.sapo)}</strong></p>` +
    `<div class="body"><p>${escapeHtml(fields.body)}</p></div></article>`
  );
}

export class FakeBackend {
  readonly articles: ArticleDto[];
  readonly calls: Call[] = [];
  /** Per-command overrides; return a value, a promise, or throw an IpcError. */
  readonly overrides = new Map<string, Handler>();
  #clock = Date.parse('2026-11-27T14:00:00Z');
  #nextId = 100;

  constructor(articles: ArticleDto[] = []) {
    this.articles = articles.map((a) => ({ ...a }));
    mockIPC((cmd, payload) => this.#handle(cmd, (payload ?? {}) as Record<string, unknown>));
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
        return { ...this.#find(args.id) };
      case 'create_article': {
        const now = this.#tick();
        const created = article({ id: `new-${this.#nextId++}`, created_at: now, updated_at: now });
        this.articles.unshift(created);
        return { ...created };
      }
      case 'update_article': {
        const target = this.#find(args.id);
        Object.assign(target, args.fields as ArticleFields, { updated_at: this.#tick() });
        return { ...target };
      }
      case 'preview_article':
        this.#find(args.id);
        return renderPreview(args.fields as ArticleFields);
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
