// The pane beside the editor: its tabs (preview, checklist, comments,
// history, and the conflicts while a package's wait), the count each shows
// when something needs attention, and what passes between the comments and
// the editor (the open comments marked in the body, a selection to comment on).
import type { Comment } from '../../ipc';
import type { PendingSpan } from '../review/review';

export type SideTab = 'preview' | 'checklist' | 'comments' | 'history' | 'conflicts';

/** A tab, and the number on it: what needs attention there (0: nothing). */
export interface SideTabState {
  id: SideTab;
  count: number;
}

export interface SidePaneOptions {
  /** Blocking findings of the live checklist. */
  blocking: () => number;
  /** Conflicts a package left on the open article; their tab is there only while some wait. */
  conflicts: () => number;
}

export class SidePaneState {
  tab = $state<SideTab>('preview');
  /** The open article's comments, as the comments panel last read them. */
  comments = $state<Comment[]>([]);
  /** A selection the writer asked to comment on, until the comment is posted. */
  pendingSpan = $state<PendingSpan | null>(null);

  readonly openComments = $derived(this.comments.filter((c) => !c.resolved_at).length);
  /** Open comments on the body, marked in it. */
  readonly highlights: { start: number; end: number }[] = $derived(
    this.comments
      .filter((c) => c.target?.kind === 'body' && !c.resolved_at && c.start !== null && c.end !== null)
      .map((c) => ({ start: c.start as number, end: c.end as number })),
  );
  readonly tabs: SideTabState[] = $derived.by(() => {
    const conflicts = this.#options.conflicts();
    return [
      { id: 'preview', count: 0 },
      { id: 'checklist', count: this.#options.blocking() },
      { id: 'comments', count: this.openComments },
      { id: 'history', count: 0 },
      ...(conflicts > 0 ? [{ id: 'conflicts' as const, count: conflicts }] : []),
    ];
  });

  readonly #options: SidePaneOptions;

  constructor(options: SidePaneOptions) {
    this.#options = options;
  }

  /** The tab `step` places away from `from` (arrow keys), going round. */
  neighbour(from: SideTab, step: 1 | -1): SideTab {
    const index = this.tabs.findIndex((tab) => tab.id === from);
    return this.tabs[(index + step + this.tabs.length) % this.tabs.length]!.id;
  }

  /** The writer asked to comment on a selection: the comments tab takes it. */
  commentOn(span: PendingSpan): void {
    this.pendingSpan = span;
    this.tab = 'comments';
  }

  /** Tab `tab` went away (no conflicts wait any more): back to the preview, if it was shown. */
  leave(tab: SideTab): void {
    if (this.tab === tab) this.tab = 'preview';
  }
}
