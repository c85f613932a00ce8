// Which rows of a long list of fixed-height rows are on screen.
//
// The scroll area is as tall as the whole list, so the scrollbar tells the
// truth about where the reader is. Browsers cap an element's height (about
// 17.8 million px in Firefox, 33.5 million in WebKit and Chromium), so past
// `maxHeight` the scroll range is compressed: the scroll position still maps
// linearly onto the whole list, and rows are drawn relative to it.

export interface Visible {
  /** First and last row to draw, overscan included (`last < first` when none). */
  first: number;
  last: number;
  /** Last row the window reaches, not clamped to the list (what to fetch up to). */
  reach: number;
  /** Where row `first` is drawn, in the scroll area's coordinates. */
  offset: number;
  /** Height of the scroll area. */
  height: number;
}

export interface Viewport {
  scrollTop: number;
  viewportHeight: number;
  count: number;
  rowHeight: number;
  overscan: number;
  maxHeight?: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Height of a library row, in px; `.row` in LibraryRows.svelte says the same. */
export const ROW_HEIGHT = 72;

export function visibleRows({
  scrollTop,
  viewportHeight,
  count,
  rowHeight,
  overscan,
  maxHeight = MAX_SCROLL_HEIGHT,
}: Viewport): Visible {
  const real = count * rowHeight;
  const height = Math.min(real, maxHeight);
  const top = Math.max(0, scrollTop);
  // The top of the viewport, in the uncompressed list.
  const listTop = real > height && height > viewportHeight ? (top * (real - viewportHeight)) / (height - viewportHeight) : top;
  const firstVisible = Math.floor(listTop / rowHeight);
  const lastVisible = Math.ceil((listTop + viewportHeight) / rowHeight) - 1;
  const first = Math.max(0, firstVisible - overscan);
  const reach = Math.max(first, lastVisible + overscan);
  const last = Math.min(count - 1, reach);
  return { first, last, reach, offset: top + first * rowHeight - listTop, height };
}
