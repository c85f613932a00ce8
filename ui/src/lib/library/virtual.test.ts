import { describe, expect, it } from 'vitest';

import { visibleRows } from './virtual';

describe('visibleRows', () => {
  it('covers the viewport plus the overscan, whatever the length of the list', () => {
    const at = (scrollTop: number) =>
      visibleRows({ scrollTop, viewportHeight: 720, count: 100_000, rowHeight: 72, overscan: 5 });
    expect(at(0)).toMatchObject({ first: 0, last: 14, offset: 0, height: 7_200_000 });
    const middle = at(72 * 50_000);
    expect(middle).toMatchObject({ first: 49_995, last: 50_014, offset: 72 * 49_995 });
    const end = at(7_200_000 - 720);
    expect(end.last).toBe(99_999);
    expect(end.last - end.first).toBeLessThan(20);
  });

  it('reaches past the end of a list still loading, but draws only rows that exist', () => {
    const view = visibleRows({ scrollTop: 0, viewportHeight: 600, count: 3, rowHeight: 72, overscan: 5 });
    expect(view).toMatchObject({ first: 0, last: 2 });
    expect(view.reach).toBeGreaterThanOrEqual(13);
  });

  it('compresses the scroll range past the browser’s height limit, end to end', () => {
    const options = { viewportHeight: 700, count: 1_000_000, rowHeight: 72, overscan: 0, maxHeight: 8_000_000 };
    expect(visibleRows({ ...options, scrollTop: 0 }).first).toBe(0);
    const bottom = visibleRows({ ...options, scrollTop: 8_000_000 - 700 });
    expect(bottom.height).toBe(8_000_000);
    expect(bottom.last).toBe(999_999);
    // The last row ends at the bottom of the viewport.
    expect(bottom.offset + (bottom.last - bottom.first + 1) * 72).toBeCloseTo(8_000_000, 0);
    const half = visibleRows({ ...options, scrollTop: (8_000_000 - 700) / 2 });
    expect(Math.abs(half.first - 500_000)).toBeLessThan(10);
  });
});
