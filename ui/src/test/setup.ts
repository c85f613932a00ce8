import '@testing-library/jest-dom/vitest';

// jsdom has no layout. CodeMirror measures text through Range rectangles,
// which jsdom does not implement at all; empty rectangles are enough for it
// to run (nothing in these tests depends on pixel positions).
const emptyRect = (): DOMRect => new DOMRect(0, 0, 0, 0);
const emptyRects = (): DOMRectList => {
  const list: DOMRect[] = [];
  return Object.assign(list, { item: (index: number) => list[index] ?? null }) as unknown as DOMRectList;
};
if (typeof Range !== 'undefined') {
  Range.prototype.getBoundingClientRect ??= emptyRect;
  Range.prototype.getClientRects ??= emptyRects;
}
if (typeof document !== 'undefined') {
  document.elementFromPoint ??= () => null;
}
