// The body's Markdown support, with or without the HTML grammar for the tags
// inside it (markdown-html.ts, loaded when first needed). One place for what
// both give besides the grammar: lang-markdown's keys (Enter continues a
// list or quote, Backspace removes its mark) and a URL pasted over a
// selection making it a link.
import { markdownKeymap, markdownLanguage, pasteURLAsLink } from '@codemirror/lang-markdown';
import { Language, LanguageSupport } from '@codemirror/language';
import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';

export function markdownSupport(language: Language, extra: Extension = []): LanguageSupport {
  return new LanguageSupport(language, [extra, pasteURLAsLink, Prec.high(keymap.of(markdownKeymap))]);
}

/** Until a `<` appears: tags read as plain text. */
export const markdownWithoutHtml: LanguageSupport = markdownSupport(markdownLanguage);
