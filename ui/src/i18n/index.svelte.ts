// Picks the UI language. A rune-backed singleton rather than context: the
// language is global to the window and must survive component remounts.
import type { ArticleStatus } from '../ipc/bindings/ArticleStatus';
import { en } from './en';
import { vi, type Strings } from './vi';

export type Lang = 'vi' | 'en';
export type { Strings };

export const LANGS: readonly Lang[] = ['vi', 'en'];
export const STORAGE_KEY = 'byline.lang';
export const DEFAULT_LANG: Lang = 'vi';

const dictionaries: Record<Lang, Strings> = { vi, en };

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

// localStorage can throw (disabled storage, sandboxed webview); the language
// choice is a convenience, so failures fall back silently.
function readStored(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function writeStored(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // best effort, see readStored
  }
}

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

class I18n {
  lang = $state<Lang>(DEFAULT_LANG);
  t: Strings = $derived(dictionaries[this.lang]);

  constructor() {
    this.lang = readStored();
    applyToDocument(this.lang);
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    writeStored(lang);
    applyToDocument(lang);
  }

  toggle(): void {
    this.setLang(this.lang === 'vi' ? 'en' : 'vi');
  }

  /** Re-read the persisted choice; used at start-up and by tests. */
  reload(): void {
    this.lang = readStored();
    applyToDocument(this.lang);
  }
}

export const i18n = new I18n();

export { dictionaries };

/**
 * The label of each workflow state. A Record over the generated union: a
 * state added in Rust fails the type check here until it has a label.
 */
export function statusLabels(t: Strings): Record<ArticleStatus, string> {
  return {
    draft: t.statusDraft,
    submitted: t.statusSubmitted,
    in_review: t.statusInReview,
    changes_requested: t.statusChangesRequested,
    approved: t.statusApproved,
    published: t.statusPublished,
    spiked: t.statusSpiked,
  };
}
