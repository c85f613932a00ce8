// Length counters for the editor. Vietnamese writes one syllable per
// space-separated token ("Đảng ủy xã" is three), and newsrooms count those as
// words, so a word here is simply a whitespace-separated token that holds a
// letter or a digit.

export const WORDS_PER_MINUTE = 230;

const HAS_TEXT = /[\p{L}\p{N}]/u;

/**
 * The text a reader sees, roughly: Markdown images removed, links reduced to
 * their text, markup characters dropped. Good enough for counting.
 */
export function plainText(markdown: string): string {
  return markdown
    .normalize('NFC')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, '')
    .replace(/\|/g, ' ')
    .replace(/[*~`]+/g, '');
}

export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (HAS_TEXT.test(token)) count++;
  return count;
}

/**
 * Characters as the backend counts them for limits: Unicode code points of
 * the NFC text (one per Vietnamese letter, tone mark included).
 */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text.normalize('NFC')) count++;
  return count;
}

/** Whole minutes at 230 words per minute; at least 1 when there is any word. */
export function readingMinutes(words: number): number {
  if (words <= 0) return 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export interface BodyCounts {
  words: number;
  chars: number;
  minutes: number;
}

/** Counters shown under the body: words, characters (spaces included), reading time. */
export function countBody(markdown: string): BodyCounts {
  const plain = plainText(markdown);
  const words = countWords(plain);
  // Runs of spaces and line breaks count as one space, as they read.
  const chars = countChars(plain.replace(/\s+/g, ' ').trim());
  return { words, chars, minutes: readingMinutes(words) };
}

export type LimitState = 'ok' | 'over' | 'under';

/** Headline: at most `max` characters. */
export function headlineState(length: number, max: number | null): LimitState {
  return max !== null && max > 0 && length > max ? 'over' : 'ok';
}

/** Sapo: recommended between `min` and `max`; an empty sapo is not warned about yet. */
export function sapoState(length: number, min: number | null, max: number | null): LimitState {
  if (max !== null && max > 0 && length > max) return 'over';
  if (min !== null && length > 0 && length < min) return 'under';
  return 'ok';
}
