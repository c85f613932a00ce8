// Photos added to the open article: picked in the desktop's chooser,
// dropped on the window or pasted into the body. Each is stored by the
// backend, then placed in the article that was open when it was asked for
// (never in one opened meanwhile), one at a time, so a refused file leaves
// the others added and the order is the person's.
import { i18n } from '../../i18n/index.svelte';
import type { AddedPhoto, ChosenFiles } from '../../ipc';
import { photoMarkdown, placementFor } from '../draft';
import { interpolate } from '../format';
import type { ArticleSession } from '../session/session.svelte';
import { errorText } from '../../i18n/words';

export interface ArticlePhotosOptions {
  addPhoto: (file: File) => Promise<AddedPhoto>;
  addPhotoFiles: (chosen: number, indexes: number[]) => Promise<AddedPhoto[]>;
  choosePhotos: (title: string) => Promise<ChosenFiles | null>;
  /** Whether the library is read-only: it could keep a photo but never the article's use of it. */
  readOnly: () => boolean;
  /** Puts Markdown into the body at the cursor, as its own paragraph. */
  insertIntoBody: (markdown: string) => void;
}

export class ArticlePhotos {
  /** Number of batches of photos being stored. */
  busy = $state(0);
  /** Why files were refused, one line each, until the next batch. */
  errors = $state<string[]>([]);
  /** The placement the toolbar's photo button inserts: last added or last touched. */
  selected = $state<string | null>(null);

  readonly #session: ArticleSession;
  readonly #options: ArticlePhotosOptions;

  constructor(session: ArticleSession, options: ArticlePhotosOptions) {
    this.#session = session;
    this.#options = options;
    session.follow({
      opened: () => {
        this.errors = [];
        this.selected = null;
      },
    });
  }

  /** Files pasted or dropped (HTML5): stored one by one; `insert` puts each into the body. */
  async addFiles(files: File[], insert: boolean): Promise<void> {
    await this.#batch(
      files.map((file) => ({ name: file.name, store: async () => [await this.#options.addPhoto(file)] })),
      insert,
    );
  }

  /** Files `indexes` of files picked or dropped, which the backend keeps. */
  async addChosen(chosen: ChosenFiles, indexes: number[]): Promise<void> {
    await this.#batch(
      indexes.map((index) => ({
        name: chosen.names[index] ?? '',
        store: () => this.#options.addPhotoFiles(chosen.id, [index]),
      })),
      false,
    );
  }

  /** "Add photos": the desktop's chooser, opened by the backend. */
  async choose(): Promise<void> {
    if (!this.#session.openId || this.#options.readOnly()) return;
    try {
      const chosen = await this.#options.choosePhotos(i18n.t.photosDialogTitle);
      if (chosen) await this.addChosen(chosen, chosen.names.map((_, index) => index));
    } catch (error) {
      this.errors = [errorText(error, i18n.t)];
    }
  }

  async #batch(files: { name: string; store: () => Promise<AddedPhoto[]> }[], insert: boolean): Promise<void> {
    const id = this.#session.openId;
    if (!id || files.length === 0 || this.#options.readOnly()) return;
    this.errors = [];
    this.busy++;
    try {
      // One at a time: photos can be large, and the order is the person's.
      for (const file of files) {
        try {
          for (const photo of await file.store()) this.#place(id, photo, insert);
        } catch (error) {
          this.errors = [...this.errors, refusal(file.name, error)];
        }
      }
    } finally {
      this.busy--;
    }
  }

  /** Adds a stored photo to article `id`, if it is still the open one. */
  #place(id: string, photo: AddedPhoto, insert: boolean): void {
    const { openId, draft } = this.#session;
    if (id !== openId || !draft) return;
    if (!draft.photos.some((placed) => placed.sha256 === photo.sha256)) {
      this.#session.edit('photos', [...draft.photos.map((placed) => ({ ...placed })), placementFor(photo)]);
    }
    this.selected = photo.sha256;
    if (insert) this.#options.insertIntoBody(photoMarkdown('', photo.file));
  }
}

/** Why a file was refused: the backend's message, naming the file if it does not. */
function refusal(file: string, error: unknown): string {
  const message = errorText(error, i18n.t);
  return message.includes(file) ? message : interpolate(i18n.t.photoError, { file, message });
}
