// Keywords are a list of tags. Two spellings that differ only by case, tone
// marks or Unicode form ("Hòa", "hoà", "HOA", "hòa" in NFD) are the same
// keyword: the list never holds two equivalent tags.

/**
 * The comparison key of a keyword: NFC, lower case, tone and other combining
 * marks stripped (after NFD), đ → d, inner spaces collapsed.
 */
export function foldKeyword(keyword: string): string {
  return keyword
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cleans a typed keyword for storage: NFC, trimmed, inner spaces collapsed. */
export function cleanKeyword(keyword: string): string {
  return keyword.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function sameKeyword(a: string, b: string): boolean {
  return foldKeyword(a) === foldKeyword(b);
}

/**
 * Adds `typed` unless an equivalent tag is already there. When one of
 * `suggestions` is equivalent to what was typed, its spelling is used (the
 * library's existing spelling wins over the reporter's quick typing).
 * Returns the same array when nothing was added.
 */
export function addKeyword(list: readonly string[], typed: string, suggestions: readonly string[] = []): string[] {
  const cleaned = cleanKeyword(typed);
  if (cleaned === '') return [...list];
  if (list.some((existing) => sameKeyword(existing, cleaned))) return [...list];
  const suggested = suggestions.find((suggestion) => sameKeyword(suggestion, cleaned));
  return [...list, suggested !== undefined ? cleanKeyword(suggested) : cleaned];
}

/** `"a, b ,, c"` → `["a", "b", "c"]`: trims and drops empty entries. */
export function parseKeywords(text: string): string[] {
  return text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter((keyword) => keyword.length > 0);
}

export function formatKeywords(keywords: readonly string[]): string {
  return keywords.join(', ');
}
