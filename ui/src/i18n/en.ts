import type { Strings } from './vi';

// Annotating with `Strings` makes TypeScript reject both a missing key and an
// extra one (object-literal excess property check).
export const en: Strings = {
  appName: 'Byline',
  langSwitchLabel: 'Change interface language (Tiếng Việt / English)',
  langVi: 'VI',
  langEn: 'EN',

  loading: 'Loading…',
  libraryTitle: 'Article library',
  newArticle: 'New article',
  emptyList: 'No articles yet.',
  untitled: '(Untitled)',
  statusDraft: 'Draft',
  updatedAt: 'Updated {time}',

  noSelection: 'Select an article from the library or create a new one.',
  loadingArticle: 'Loading article…',
  editorLabel: 'Editor',
  fieldHeadline: 'Headline',
  fieldSapo: 'Lead (sapo)',
  fieldByline: 'Byline',
  fieldKeywords: 'Keywords',
  keywordsHint: 'Separate with commas',
  fieldCategory: 'Category',
  fieldBody: 'Body (Markdown)',

  previewTitle: 'Preview',
  previewEmpty: 'The preview will appear here.',

  saving: 'Saving…',
  saved: 'Saved',
  error: 'Error: {message}',

  dateTimeFormat: '{d} {MMM} {yyyy}, {HH}:{mm}',
  monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
