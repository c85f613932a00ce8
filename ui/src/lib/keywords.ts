// Keywords are edited as one comma-separated text input but stored as an
// array; these two functions are the only conversion between the forms.

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
