import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';

import { BOLD, insertBlock, insertLink, ITALIC, tableSkeleton, toggleLineStyle, toggleWrap } from './markdown-commands';

/** A state from text where `[` `]` mark the selection or `|` the cursor. */
function state(marked: string): EditorState {
  const cursor = marked.indexOf('|');
  if (cursor >= 0) {
    return EditorState.create({ doc: marked.replace('|', ''), selection: EditorSelection.cursor(cursor) });
  }
  const from = marked.indexOf('[');
  const to = marked.indexOf(']') - 1;
  return EditorState.create({ doc: marked.replace('[', '').replace(']', ''), selection: { anchor: from, head: to } });
}

/** Applies the command and returns the text with the selection marked again. */
function run(start: EditorState, command: (s: EditorState) => TransactionSpec): string {
  const next = start.update(command(start)).state;
  const { from, to } = next.selection.main;
  const doc = next.doc.toString();
  if (from === to) return `${doc.slice(0, from)}|${doc.slice(from)}`;
  return `${doc.slice(0, from)}[${doc.slice(from, to)}]${doc.slice(to)}`;
}

describe('toggleWrap', () => {
  const bold = (s: EditorState) => toggleWrap(s, BOLD);
  const italic = (s: EditorState) => toggleWrap(s, ITALIC);

  it('wraps the selection in ** and keeps it selected', () => {
    expect(run(state('Giá [xăng] giảm'), bold)).toBe('Giá **[xăng]** giảm');
  });

  it('unwraps when the markers are around or inside the selection', () => {
    expect(run(state('Giá **[xăng]** giảm'), bold)).toBe('Giá [xăng] giảm');
    expect(run(state('Giá [**xăng**] giảm'), bold)).toBe('Giá [xăng] giảm');
  });

  it('an empty selection gets a pair with the cursor inside', () => {
    expect(run(state('Giá |'), bold)).toBe('Giá **|**');
    expect(run(state('|'), italic)).toBe('_|_');
  });

  it('italic uses _ so it never eats half of a bold pair', () => {
    expect(run(state('**[xăng]**'), italic)).toBe('**_[xăng]_**');
  });
});

describe('insertLink', () => {
  it('turns the selection into a link with the URL placeholder selected', () => {
    expect(run(state('Xem [bài gốc] nhé'), insertLink)).toBe('Xem [bài gốc]([https://]) nhé');
  });

  it('with no selection, leaves the cursor in the text part', () => {
    expect(run(state('Xem |'), insertLink)).toBe('Xem [|](https://)');
  });
});

describe('toggleLineStyle', () => {
  it('adds and removes a subheading', () => {
    expect(run(state('Mở đầu|'), (s) => toggleLineStyle(s, 'heading'))).toBe('## Mở đầu|');
    expect(run(state('## Mở đầu|'), (s) => toggleLineStyle(s, 'heading'))).toBe('Mở đầu|');
    expect(run(state('### Mở| đầu'), (s) => toggleLineStyle(s, 'heading'))).toBe('## Mở| đầu');
  });

  it('quotes every selected line', () => {
    expect(run(state('[một\nhai]'), (s) => toggleLineStyle(s, 'quote'))).toBe('> [một\n> hai]');
  });

  it('numbers the lines, and turns a bulleted list into a numbered one', () => {
    expect(run(state('[- một\n- hai\n- ba]'), (s) => toggleLineStyle(s, 'numbered'))).toBe('1. [một\n2. hai\n3. ba]');
    expect(run(state('[1. một\n2. hai]'), (s) => toggleLineStyle(s, 'numbered'))).toBe('[một\nhai]');
    expect(run(state('|'), (s) => toggleLineStyle(s, 'bullet'))).toBe('- |');
  });
});

describe('insertBlock', () => {
  const photo = '![Đường ngập](abc.jpg)';

  it('puts the block in a paragraph of its own', () => {
    expect(run(state('Đoạn một.|'), (s) => insertBlock(s, photo))).toBe(`Đoạn một.\n\n${photo}\n\n|`);
    expect(run(state('|Đoạn một.'), (s) => insertBlock(s, photo))).toBe(`${photo}\n\n|Đoạn một.`);
    expect(run(state('Một.\n\n|Hai.'), (s) => insertBlock(s, photo))).toBe(`Một.\n\n${photo}\n\n|Hai.`);
    expect(run(state('Một.\n|\nHai.'), (s) => insertBlock(s, photo))).toBe(`Một.\n\n${photo}\n\n|Hai.`);
    expect(run(state('Giữa| câu'), (s) => insertBlock(s, photo))).toBe(`Giữa\n\n${photo}\n\n| câu`);
  });
});

describe('tableSkeleton', () => {
  it('is a 3-column GFM table with a header and two empty rows', () => {
    expect(tableSkeleton((n) => `Cột ${n}`)).toBe(
      '| Cột 1 | Cột 2 | Cột 3 |\n| --- | --- | --- |\n|   |   |   |\n|   |   |   |',
    );
  });
});
