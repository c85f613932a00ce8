// The body's Markdown with the HTML grammar for the tags inside it, loaded
// by BodyEditor the first time its text holds a `<`. The HTML grammar brings
// the CSS and JavaScript ones along (for <style> and <script>): about a
// third of the editor's code, which an article seldom needs.
//
// This is what `markdown({ base: markdownLanguage })` of
// @codemirror/lang-markdown builds, less what Byline's editor never shows
// (completion data: the editor has no completion popup; the heading fold
// service: no folding). It cannot simply call `markdown()`: that function
// lives in the module that also exports `markdownLanguage`, which the first
// paint needs, and would pull the HTML grammar into the first bundle with it.
import { html } from '@codemirror/lang-html';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { Language, LanguageSupport } from '@codemirror/language';
import { parseCode, type MarkdownParser } from '@lezer/markdown';

import { markdownSupport } from './markdown-support';

// As lang-markdown's own: a closing tag in Markdown often closes a tag
// opened in another HTML span, which the grammar cannot see.
const tags = html({ matchClosingTags: false });

const parser = (markdownLanguage.parser as MarkdownParser).configure(parseCode({ htmlParser: tags.language.parser }));

export const markdownWithHtml: LanguageSupport = markdownSupport(
  new Language(markdownLanguage.data, parser, [], 'markdown'),
  tags.support,
);
