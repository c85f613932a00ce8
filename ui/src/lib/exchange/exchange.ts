// Pure helpers of export and import (the dialog, the import notice, the
// conflict panel), kept out of the components so they can be tested alone.
import type { Strings } from '../../i18n/index.svelte';
import type { DiffPart, ExportFormat, ImportedPackage } from '../../ipc';
import { interpolate } from '../format';

/**
 * Every export format, in the order the dialog lists them, with its words.
 * The formats are the core's (`ExportFormat` is generated from its list); a
 * record, so a format added there fails the type check here until it is
 * worded, and one removed there fails it too.
 */
export function exportFormats(t: Strings): { format: ExportFormat; label: string; hint: string }[] {
  const words: Record<ExportFormat, { label: string; hint: string }> = {
    html: { label: t.exportFormatHtml, hint: t.exportFormatHtmlHint },
    'html-single': { label: t.exportFormatHtmlSingle, hint: t.exportFormatHtmlSingleHint },
    package: { label: t.exportFormatPackage, hint: t.exportFormatPackageHint },
    handoff: { label: t.exportFormatHandoff, hint: t.exportFormatHandoffHint },
    ninjs: { label: t.exportFormatNinjs, hint: t.exportFormatNinjsHint },
    md: { label: t.exportFormatMd, hint: t.exportFormatMdHint },
  };
  return (Object.keys(words) as ExportFormat[]).map((format) => ({ format, ...words[format] }));
}

/** A field of a merge (`headline`, `published_at`…), in words; unknown ones as they are. */
export function mergeFieldName(field: string, t: Strings): string {
  const names: Record<string, string> = {
    headline: t.mergeFieldHeadline,
    sapo: t.mergeFieldSapo,
    body: t.mergeFieldBody,
    byline: t.mergeFieldByline,
    authors: t.mergeFieldAuthors,
    keywords: t.mergeFieldKeywords,
    category: t.mergeFieldCategory,
    slug: t.mergeFieldSlug,
    published_at: t.mergeFieldPublishedAt,
    photos: t.mergeFieldPhotos,
    related: t.mergeFieldRelated,
    editor_note: t.mergeFieldEditorNote,
  };
  return Object.hasOwn(names, field) ? names[field]! : field;
}

export function mergeFieldNames(fields: readonly string[], t: Strings): string {
  return fields.map((field) => mergeFieldName(field, t)).join(', ');
}

/** The first letter in upper case, for a field name that starts a heading. */
export function capitalize(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toLocaleUpperCase() + rest.join('');
}

/** What an import did, in words: the notice shown once it has landed. */
export function outcomeText(imported: ImportedPackage, t: Strings): string {
  const fields = mergeFieldNames(imported.fields, t);
  switch (imported.outcome) {
    case 'created':
      return t.importCreated;
    case 'unchanged':
      return t.importUnchanged;
    case 'fast_forward':
      return t.importFastForward;
    case 'merged':
      return fields === '' ? t.importMergedNone : interpolate(t.importMerged, { fields });
    case 'conflict':
      return interpolate(t.importConflict, { fields });
  }
}

/** Whether a file picked or dropped is a package, by its name (all the page knows of it). */
export function isPackagePath(path: string): boolean {
  return /\.zip$/i.test(path);
}

/** Files picked or dropped, split into packages (to import) and the rest (photos). */
export function splitPackages<T>(files: readonly T[], name: (file: T) => string): { packages: T[]; others: T[] } {
  const packages = files.filter((file) => isPackagePath(name(file)));
  return { packages, others: files.filter((file) => !packages.includes(file)) };
}

/** The last part of a path, to name a file in a message. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/**
 * One side of a word-by-word change: `local` is the text before (unchanged
 * and removed words), `incoming` the text after (unchanged and added words).
 * Unchanged runs that end up next to each other are joined.
 */
export function sideParts(parts: readonly DiffPart[], side: 'local' | 'incoming'): DiffPart[] {
  const dropped = side === 'local' ? 'added' : 'removed';
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (part.kind === dropped || part.text === '') continue;
    const last = out.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
