// The save indicator in the top bar: whether the open article's edits are
// being saved, saved, or not, and why not. Saves, Ctrl+S revisions, a close
// kept open and any other failure the person should see all report here.
import { i18n, type Strings } from '../../i18n/index.svelte';
import { errorText } from '../../i18n/words';
import { toIpcError, type IpcErrorCode } from '../../ipc';
import { saveErrorText, type SaveState } from '../autosave';
import { interpolate } from '../format';

/**
 * What the error shown is: a refused save ("not saved"), a close kept open
 * because of one, or anything else.
 */
export type ErrorKind = 'save' | 'close' | 'other';

export class SaveStatus {
  state = $state<SaveState>('idle');
  kind = $state<ErrorKind>('other');
  /** The backend's message of the error shown. */
  message = $state('');
  /** The code of the error shown: a full disk and a read-only library are worded apart. */
  code = $state<IpcErrorCode>('internal');
  /** The last save was Ctrl+S, which also made a revision. */
  revision = $state(false);

  /** A save started or ended; `revision`: it was Ctrl+S's. */
  progress(state: Exclude<SaveState, 'error'>, revision = false): void {
    this.state = state;
    this.revision = revision;
  }

  /** Shows `error`; `save`: it refused a save. */
  fail(error: unknown, kind: 'save' | 'other' = 'other'): void {
    const failure = toIpcError(error);
    this.message = errorText(failure, i18n.t);
    this.code = failure.code;
    this.kind = kind;
    this.state = 'error';
  }

  /** The window stays open once because of a refused save, whose reason is still shown. */
  closeKeptOpen(): void {
    this.kind = 'close';
    this.state = 'error';
  }

  /** What the indicator says. */
  text(t: Strings): string {
    switch (this.state) {
      case 'saving':
        return t.saving;
      case 'saved':
        return this.revision ? t.revisionSaved : t.saved;
      case 'error': {
        if (this.kind === 'save') return saveErrorText({ code: this.code, message: this.message }, t);
        return interpolate(this.kind === 'close' ? t.closeUnsaved : t.error, { message: this.message });
      }
      case 'idle':
        return '';
    }
  }
}
