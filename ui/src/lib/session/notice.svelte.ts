// The notice in the window's corner: what the last import did (or why it
// failed), that a package's conflicts are settled, that the open article
// was reloaded as changed outside. One at a time, until dismissed or the next.
import type { Strings } from '../../i18n/index.svelte';
import type { ImportedPackage } from '../../ipc';
import { outcomeText } from '../exchange/exchange';
import { interpolate } from '../format';

export type NoticeMessage =
  | { kind: 'imported'; result: ImportedPackage }
  | { kind: 'failed'; file: string; message: string }
  | { kind: 'merged' }
  | { kind: 'reloaded' };

export class Notice {
  current = $state<NoticeMessage | null>(null);

  show(message: NoticeMessage): void {
    this.current = message;
  }

  dismiss(): void {
    this.current = null;
  }
}

/** A notice in words. */
export function noticeText(notice: NoticeMessage, t: Strings): string {
  switch (notice.kind) {
    case 'imported':
      return outcomeText(notice.result, t);
    case 'failed':
      return interpolate(t.importFailed, { file: notice.file, message: notice.message });
    case 'reloaded':
      return t.externalReloaded;
    case 'merged':
      return t.conflictsMerged;
  }
}
