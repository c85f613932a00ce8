// Markdown formatting for the body editor, as pure functions from an editor
// state to the transaction that applies them, so they are tested without a
// DOM and shared by the toolbar and the keyboard shortcuts.
import { EditorSelection, type EditorState, type Line, type TransactionSpec } from '@codemirror/state';

export const BOLD = '**';
// `_` rather than `*` so italic can never be mistaken for half of a bold pair.
export const ITALIC = '_';
export const LINK_PLACEHOLDER = 'https://';

/**
 * Wraps each selection in `marker` (`**` for bold), or unwraps it when it is
 * already wrapped (markers inside the selection or right around it). An empty
 * selection gets an empty pair with the cursor in the middle.
 */
export function toggleWrap(state: EditorState, marker: string): TransactionSpec {
  const n = marker.length;
  return {
    ...state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to);
      const before = range.from >= n ? state.sliceDoc(range.from - n, range.from) : '';
      const after = state.sliceDoc(range.to, range.to + n);
      if (!range.empty && text.length >= 2 * n && text.startsWith(marker) && text.endsWith(marker)) {
        return {
          changes: [
            { from: range.from, to: range.from + n },
            { from: range.to - n, to: range.to },
          ],
          range: EditorSelection.range(range.from, range.to - 2 * n),
        };
      }
      if (before === marker && after === marker) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        };
      }
      return {
        changes: [
          { from: range.from, insert: marker },
          { from: range.to, insert: marker },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      };
    }),
    scrollIntoView: true,
    userEvent: 'input.format',
  };
}

/** `[text](https://)`, with the URL placeholder selected (or the cursor in `[]`). */
export function insertLink(state: EditorState): TransactionSpec {
  return {
    ...state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to);
      const insert = `[${text}](${LINK_PLACEHOLDER})`;
      const urlStart = range.from + text.length + 3;
      return {
        changes: { from: range.from, to: range.to, insert },
        range: range.empty
          ? EditorSelection.cursor(range.from + 1)
          : EditorSelection.range(urlStart, urlStart + LINK_PLACEHOLDER.length),
      };
    }),
    scrollIntoView: true,
    userEvent: 'input.format',
  };
}

export type LineStyle = 'heading' | 'quote' | 'bullet' | 'numbered';

const HEADING = /^##[ \t]+/;
const QUOTE = /^>[ \t]?/;
const BULLET = /^[-*+][ \t]+/;
const NUMBERED = /^\d+[.)][ \t]+/;
/** Any block prefix a line style replaces. */
const ANY_PREFIX = /^(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/;

const MATCHERS: Record<LineStyle, RegExp> = {
  heading: HEADING,
  quote: QUOTE,
  bullet: BULLET,
  numbered: NUMBERED,
};

function selectedLines(state: EditorState): Line[] {
  const lines: Line[] = [];
  const seen = new Set<number>();
  for (const range of state.selection.ranges) {
    const first = state.doc.lineAt(range.from).number;
    // A selection ending at the very start of a line does not include it.
    const endLine = state.doc.lineAt(range.to);
    const last = range.to > range.from && endLine.from === range.to ? endLine.number - 1 : endLine.number;
    for (let number = first; number <= Math.max(first, last); number++) {
      if (!seen.has(number)) {
        seen.add(number);
        lines.push(state.doc.line(number));
      }
    }
  }
  return lines.sort((a, b) => a.number - b.number);
}

/**
 * Turns the selected lines into a subheading (`## `), quote (`> `), bulleted
 * (`- `) or numbered (`1. `, `2. `…) list; when every selected line already
 * has that style, removes it instead. Another block prefix is replaced.
 */
export function toggleLineStyle(state: EditorState, style: LineStyle): TransactionSpec {
  const lines = selectedLines(state);
  const matcher = MATCHERS[style];
  const remove = lines.every((line) => matcher.test(line.text));
  const changes = lines.map((line, index) => {
    const existing = (remove ? matcher : ANY_PREFIX).exec(line.text);
    const to = line.from + (existing ? existing[0].length : 0);
    if (remove) return { from: line.from, to };
    const prefix =
      style === 'heading' ? '## ' : style === 'quote' ? '> ' : style === 'bullet' ? '- ' : `${index + 1}. `;
    return { from: line.from, to, insert: prefix };
  });
  const changeSet = state.changes(changes);
  const doc = changeSet.apply(state.doc);
  // A selection edge that was at (or in) the old prefix ends up after the
  // new one, so typing goes into the line's text.
  const place = (pos: number): number => {
    const mapped = changeSet.mapPos(pos, 1);
    if (remove) return mapped;
    const line = doc.lineAt(mapped);
    const prefix = ANY_PREFIX.exec(line.text);
    return Math.max(mapped, line.from + (prefix ? prefix[0].length : 0));
  };
  const selection = EditorSelection.create(
    state.selection.ranges.map((range) => EditorSelection.range(place(range.anchor), place(range.head))),
    state.selection.mainIndex,
  );
  return {
    changes: changeSet,
    selection,
    scrollIntoView: true,
    userEvent: 'input.format',
  };
}

/**
 * Inserts `block` as a paragraph of its own at the end of the main selection:
 * blank lines before and after, never more than needed. The cursor goes to
 * the line after it, or, when `select` is given, that part of the block is
 * selected (e.g. the first table cell to type over).
 */
export function insertBlock(
  state: EditorState,
  block: string,
  select?: { from: number; to: number },
): TransactionSpec {
  const pos = state.selection.main.to;
  const before = state.sliceDoc(Math.max(0, pos - 2), pos);
  const after = state.sliceDoc(pos, pos + 2);
  const lead = pos === 0 ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const insert = lead + block + trail;
  const start = pos + lead.length;
  // After the block there are always two line breaks: the cursor goes to
  // the start of the paragraph that follows.
  const selection = select
    ? EditorSelection.range(start + select.from, start + select.to)
    : EditorSelection.cursor(start + block.length + 2);
  return {
    changes: { from: pos, insert },
    selection,
    scrollIntoView: true,
    userEvent: 'input.insert',
  };
}

/** A GFM table skeleton: a header row of `columns` cells and `rows` empty rows. */
export function tableSkeleton(columnLabel: (n: number) => string, columns = 3, rows = 2): string {
  const header = `| ${Array.from({ length: columns }, (_, i) => columnLabel(i + 1)).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(columns)}`;
  const empty = `|${'   |'.repeat(columns)}`;
  return [header, rule, ...Array.from({ length: rows }, () => empty)].join('\n');
}
