// What leaves the library and what comes in: the export dialog and what it
// exports first, and packages imported from the desktop's chooser or
// dropped on the window. A package is merged with what the library holds,
// so the edits typed here land first; its article is opened afterwards (read
// again if it is the open one).
import { i18n } from '../../i18n/index.svelte';
import type { Article, ChosenFiles, ImportedPackage, LibraryFilter } from '../../ipc';
import type { Notice } from '../session/notice.svelte';
import type { ArticleSession } from '../session/session.svelte';
import type { ExportScopeChoice } from './ExportDialog.svelte';
import { errorText } from '../../i18n/words';

/** The library's list, as export and import need it. */
export interface ExchangeList {
  /** An article was added or changed by an import: the list is read again. */
  created(): Promise<void>;
  /** The list's current filter, for "export the filter". */
  exportScope(): { filter: LibraryFilter; count: number | null; filtered: boolean };
}

/** What the export dialog exports first. */
export interface ExportRequest {
  scope: ExportScopeChoice;
  filter: LibraryFilter | null;
  count: number | null;
  filtered: boolean;
}

export interface TransfersOptions {
  importPackage: (file: File) => Promise<ImportedPackage>;
  importPackageFile: (chosen: number, index: number) => Promise<ImportedPackage>;
  choosePackages: (title: string) => Promise<ChosenFiles | null>;
  getArticle: (id: string) => Promise<Article>;
  notice: Notice;
  list?: () => ExchangeList | undefined;
  /** A package left conflicts on the article now open: they are shown. */
  onconflicts?: () => void;
}

export class Transfers {
  /** The export dialog's request; null while it is closed. */
  exporting = $state<ExportRequest | null>(null);
  /** Packages being imported. */
  importing = $state(0);

  readonly #session: ArticleSession;
  readonly #options: TransfersOptions;

  constructor(session: ArticleSession, options: TransfersOptions) {
    this.#session = session;
    this.#options = options;
  }

  /** Opens the export dialog on the open article or on the list's filter. */
  openExport(scope: ExportScopeChoice): void {
    const current = this.#options.list?.()?.exportScope();
    // Started now, awaited by the dialog before it exports.
    void this.#session.flushOpen();
    this.exporting = {
      scope,
      filter: current?.filter ?? null,
      count: current?.count ?? null,
      filtered: current?.filtered ?? false,
    };
  }

  closeExport(): void {
    this.exporting = null;
  }

  /** Files dropped on the window (HTML5), one after the other. */
  async importFiles(files: File[]): Promise<void> {
    for (const file of files) await this.#importOne(file.name, () => this.#options.importPackage(file));
  }

  /** Imports files `indexes` of files picked or dropped, one after the other. */
  async importChosen(chosen: ChosenFiles, indexes: number[]): Promise<void> {
    for (const index of indexes) {
      await this.#importOne(chosen.names[index] ?? '', () => this.#options.importPackageFile(chosen.id, index));
    }
  }

  /** "Import package…": the desktop's chooser, opened by the backend. */
  async choose(): Promise<void> {
    try {
      const chosen = await this.#options.choosePackages(i18n.t.importDialogTitle);
      if (chosen) await this.importChosen(chosen, chosen.names.map((_, index) => index));
    } catch (error) {
      this.#session.status.fail(error);
    }
  }

  async #importOne(file: string, run: () => Promise<ImportedPackage>): Promise<void> {
    const session = this.#session;
    const notice = this.#options.notice;
    this.importing++;
    try {
      // The package is merged with what the library holds: land the edits first.
      await session.flushAll();
      const result = await run();
      notice.show({ kind: 'imported', result });
      void this.#options.list?.()?.created();
      if (result.id === session.openId) {
        const article = await this.#options.getArticle(result.id);
        if (result.id === session.openId) session.restore(article);
      } else {
        await session.open(result.id);
      }
      if (result.outcome === 'conflict' && result.id === session.openId) this.#options.onconflicts?.();
    } catch (error) {
      notice.show({ kind: 'failed', file, message: errorText(error, i18n.t) });
    } finally {
      this.importing--;
    }
  }
}
