// CodeMirror 6 styles itself at run time through `style-mod`. For an editor
// in the main document, style-mod writes its rules into a <style> element,
// which the app's CSP (`style-src 'self'`, no nonce) refuses to apply: the
// editor would show up unstyled. style-mod does know constructable
// stylesheets (`new CSSStyleSheet()` + `adoptedStyleSheets`, which CSP does
// not govern), but it only uses them for shadow roots: its test is
// `!root.head && root.adoptedStyleSheets`, and a Document has a head.
//
// `useAdoptedStyleSheets` replaces `StyleModule.mount` (the one entry point
// CodeMirror calls, see @codemirror/view `mountStyles`) with the same logic
// writing into a constructable sheet adopted by the document. Where a webview
// lacks constructable stylesheets it falls back to style-mod's own <style>.
import { StyleModule } from 'style-mod';

type Root = Parameters<typeof StyleModule.mount>[0];

interface AdoptedSet {
  sheet: CSSStyleSheet;
  /** Mounted modules in cascade order; later ones win at equal specificity. */
  modules: StyleModule[];
}

const sets = new WeakMap<Document, AdoptedSet>();
const originalMount = StyleModule.mount;
let installed = false;

function isDocument(root: Root): root is Document {
  return (root as Node).nodeType === 9;
}

function adoptedSetFor(doc: Document): AdoptedSet | null {
  const existing = sets.get(doc);
  if (existing) return existing;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (!Sheet || !('adoptedStyleSheets' in doc) || typeof Sheet.prototype.replaceSync !== 'function') return null;
  let sheet: CSSStyleSheet;
  try {
    sheet = new Sheet();
  } catch {
    return null; // not constructable in this engine
  }
  const set = { sheet, modules: [] };
  sets.set(doc, set);
  return set;
}

/**
 * Merges `modules` into the set in style-mod's order: modules keep the order
 * of each call, and a module already mounted before one of its predecessors
 * in this call is moved after it. Returns whether anything changed.
 */
function merge(set: AdoptedSet, modules: readonly StyleModule[]): boolean {
  let changed = false;
  let next = 0;
  for (const module of modules) {
    let index = set.modules.indexOf(module);
    if (index > -1 && index < next) {
      set.modules.splice(index, 1);
      next--;
      index = -1;
      changed = true;
    }
    if (index === -1) {
      set.modules.splice(next++, 0, module);
      changed = true;
    } else {
      next = index + 1;
    }
  }
  return changed;
}

function mountAdopted(doc: Document, modules: readonly StyleModule[]): boolean {
  const set = adoptedSetFor(doc);
  if (!set) return false;
  if (merge(set, modules)) {
    // replaceSync drops rules the engine does not understand (vendor
    // prefixes of other engines) instead of throwing like insertRule.
    set.sheet.replaceSync(set.modules.map((module) => module.getRules()).join('\n'));
  }
  if (!doc.adoptedStyleSheets.includes(set.sheet)) {
    doc.adoptedStyleSheets = [set.sheet, ...doc.adoptedStyleSheets];
  }
  return true;
}

/** Installs the constructable-stylesheet mount; idempotent. Call before creating an editor. */
export function useAdoptedStyleSheets(): void {
  if (installed) return;
  installed = true;
  StyleModule.mount = (root, modules, options) => {
    const list: readonly StyleModule[] = Array.isArray(modules) ? modules : [modules as StyleModule];
    if (isDocument(root) && mountAdopted(root, list)) return;
    originalMount.call(StyleModule, root, modules, options);
  };
}

/** The sheet holding CodeMirror's rules for `doc`, if one was adopted (for tests). */
export function adoptedSheetFor(doc: Document): CSSStyleSheet | null {
  return sets.get(doc)?.sheet ?? null;
}
