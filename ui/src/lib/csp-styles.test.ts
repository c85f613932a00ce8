import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { StyleModule } from 'style-mod';
import { afterEach, describe, expect, it } from 'vitest';

import { adoptedSheetFor, useAdoptedStyleSheets } from './csp-styles';

// jsdom has constructable stylesheets but not `document.adoptedStyleSheets`;
// these tests give the document that property, as WebKit, Chromium and
// Firefox have it.
function withAdoptedStyleSheets(doc: Document): () => void {
  let sheets: CSSStyleSheet[] = [];
  Object.defineProperty(doc, 'adoptedStyleSheets', {
    configurable: true,
    get: () => sheets,
    set: (next: CSSStyleSheet[]) => (sheets = next),
  });
  return () => delete (doc as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
}

const rulesOf = (sheet: CSSStyleSheet | null) => [...(sheet?.cssRules ?? [])].map((rule) => rule.cssText);

describe('useAdoptedStyleSheets', () => {
  let restore = () => {};
  afterEach(() => restore());

  it('puts style-mod rules for a document in an adopted sheet, never in a <style>', () => {
    restore = withAdoptedStyleSheets(document);
    useAdoptedStyleSheets();
    const styles = document.querySelectorAll('style').length;

    const first = new StyleModule({ '.one': { color: 'red' } });
    const second = new StyleModule({ '.two': { color: 'blue' } });
    StyleModule.mount(document, [first, second]);

    expect(document.querySelectorAll('style')).toHaveLength(styles);
    const sheet = adoptedSheetFor(document);
    expect(document.adoptedStyleSheets).toEqual([sheet]);
    const rules = () => rulesOf(sheet).filter((rule) => /^\.(one|two) /.test(rule));
    expect(rules()).toEqual(['.one { color: red; }', '.two { color: blue; }']);

    // Mounting again adds nothing; a module mounted before one it must
    // follow is moved after it, as style-mod does.
    StyleModule.mount(document, [first, second]);
    expect(rules()).toEqual(['.one { color: red; }', '.two { color: blue; }']);
    StyleModule.mount(document, [second, first]);
    expect(rules()).toEqual(['.two { color: blue; }', '.one { color: red; }']);
    expect(document.adoptedStyleSheets).toHaveLength(1);
  });

  it('CodeMirror itself mounts through it', () => {
    restore = withAdoptedStyleSheets(document);
    useAdoptedStyleSheets();
    const before = document.querySelectorAll('style').length;
    const view = new EditorView({ state: EditorState.create({ doc: 'Xin chào' }), parent: document.body });
    try {
      expect(document.querySelectorAll('style')).toHaveLength(before);
      const rules = rulesOf(adoptedSheetFor(document)).join('\n');
      expect(rules).toContain('.cm-content');
      expect(rules).toContain('.cm-scroller');
    } finally {
      view.destroy();
    }
  });

  it('falls back to style-mod’s own <style> where a document cannot adopt sheets', () => {
    // A document without a window has no CSSStyleSheet constructor.
    const doc = document.implementation.createHTMLDocument('old');
    useAdoptedStyleSheets();
    StyleModule.mount(doc, new StyleModule({ '.old': { color: 'green' } }));
    expect(doc.head.querySelector('style')?.textContent).toContain('.old {color: green;}');
  });
});
