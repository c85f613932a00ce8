//! Anchors for editor comments on a quoted span of an article's body or a
//! photo caption, modelled on the W3C Web Annotation selectors as Hypothesis
//! uses them: a *TextQuoteSelector* (the quote with up to 32 characters of
//! context either side) and a *TextPositionSelector* (where it started, kept
//! only as a hint). An anchor follows its text through later edits; when the
//! quote is gone the comment is outdated and keeps its original quote.
//!
//! How [`locate`] looks for the quote, everything compared in NFC:
//! 1. **Exact**: every occurrence of the quote, case and marks included. One
//!    occurrence is the answer. Of several, the one whose surroundings need
//!    the fewest edits (Levenshtein, character by character) to become the
//!    saved prefix and suffix wins; ties go to the one nearest the saved
//!    start.
//! 2. **Approximate**, only when the quote is nowhere exactly: quote and text
//!    are folded (lower case, no tone or vowel marks, đ → d, any white space
//!    a space), so "hoa binh" → "hòa bình" costs nothing, and every span of
//!    the text within `quote length / 3` edits of the quote is found in one
//!    pass with Myers' bit-parallel algorithm (64 quote characters per
//!    machine word). Each candidate (at most [`MAX_CANDIDATES`], fewest edits
//!    first) gets its start from the same algorithm run backwards, loses
//!    spaces or punctuation at its edges that the quote has no counterpart
//!    for and, where the quote began and ended on word boundaries, is moved
//!    onto word boundaries too. It counts when its similarity,
//!    `1 - distance / max(quote length, span length)` in folded characters,
//!    is at least [`MIN_SIMILARITY`]; a quote shorter than [`SHORT_QUOTE`]
//!    folded characters also needs its context to agree (an average
//!    similarity of the two sides of at least [`SHORT_QUOTE_MIN_CONTEXT`]),
//!    or a three-word quote would turn up in any sentence. Of the candidates
//!    that count, the one needing the fewest edits in all (quote, prefix and
//!    suffix) wins, ties again going to the nearest.
//! 3. Otherwise the anchor is [`Located::Outdated`].
//!
//! The cost is a few passes over the text (an NFC check, and for the
//! approximate search a fold and one bit-parallel pass) plus short
//! comparisons around each candidate; the whole-text loops are written to
//! stay fast in a debug build, where 50 comments on a 2,400-word body take
//! some 15–30 ms on a busy two-core machine.
//!
//! Offsets are byte offsets into the text as given and always fall on char
//! boundaries. Text that is not NFC is compared through an NFC copy, and the
//! span found is mapped back onto the original, never inside a base letter and
//! its combining marks.

use std::{borrow::Cow, ops::Range, sync::OnceLock};

use unicode_normalization::{
    IsNormalized,
    char::{canonical_combining_class, decompose_canonical, is_combining_mark},
    is_nfc, is_nfc_quick,
};

use crate::{error::Message, msg, text::nfc};

/// Characters of context saved either side of the quote.
pub const CONTEXT_CHARS: usize = 32;
/// Least similarity for an edited quote to count as found.
pub const MIN_SIMILARITY: f64 = 0.75;
/// Quotes shorter than this many folded characters need agreeing context to
/// be found approximately.
pub const SHORT_QUOTE: usize = 16;
/// The context similarity a short quote needs to be found approximately.
pub const SHORT_QUOTE_MIN_CONTEXT: f64 = 0.5;
/// Approximate matches looked at closely, fewest edits first.
pub const MAX_CANDIDATES: usize = 64;
/// Scores closer than this are a tie.
const EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// The quoted text, as it was when the comment was made (NFC).
    pub quote: String,
    /// Up to 32 characters before and after the quote, to tell repeated quotes apart.
    pub prefix: String,
    pub suffix: String,
    /// Where the quote started last time it was found (byte offset), a hint.
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    Found(Range<usize>),
    Outdated,
}

/// The anchor for `range` of `text`; an error when the range is empty, out
/// of bounds, not on char boundaries (nor between a letter and its combining
/// marks), or only white space.
pub fn anchor(text: &str, range: Range<usize>) -> Result<Anchor, Message> {
    let Range { start, end } = range;
    if start >= end {
        return Err(msg!("anchorEmpty", start, end));
    }
    if end > text.len() {
        return Err(msg!("anchorPastEnd", start, end, length = text.len()));
    }
    // A letter and the combining marks after it are one character here, and
    // so is anything else that NFC may make one code point (Hangul jamo).
    let splits = |at: usize| {
        !text.is_char_boundary(at)
            || (at > 0
                && text[at..]
                    .chars()
                    .next()
                    .is_some_and(|c| is_combining_mark(c) || !is_boundary_before(c)))
    };
    if splits(start) || splits(end) {
        return Err(msg!("anchorSplitsCharacter", start, end));
    }
    let raw = &text[start..end];
    if raw.trim().is_empty() {
        return Err(msg!("anchorBlank"));
    }
    // Normalise a little more than the context needs, so that a cut in the
    // middle of a decomposed letter stays out of the characters kept.
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .nth(2 * CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[end..];
    let to = after
        .char_indices()
        .nth(2 * CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    Ok(Anchor {
        quote: nfc(raw),
        prefix: last_chars(&nfc(&before[from..]), CONTEXT_CHARS).to_owned(),
        suffix: first_chars(&nfc(&after[..to]), CONTEXT_CHARS).to_owned(),
        start,
    })
}

/// Where the anchor's quote is in `text` now.
pub fn locate(anchor: &Anchor, text: &str) -> Located {
    match find(anchor, text) {
        Some(range) => Located::Found(range),
        None => Located::Outdated,
    }
}

/// The anchor moved to where it is found in `text` (start updated), or None
/// when outdated.
pub fn follow(anchor: &Anchor, text: &str) -> Option<Anchor> {
    find(anchor, text).map(|range| Anchor {
        start: range.start,
        ..anchor.clone()
    })
}

fn find(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    let quote = nfc(&anchor.quote);
    if quote.trim().is_empty() {
        return None;
    }
    let view = NfcView::new(text);
    let hay = view.text.as_ref();
    let hint = view.to_nfc(anchor.start.min(text.len()));
    let context = Context::new(&anchor.prefix, &anchor.suffix);
    let found =
        exact(&quote, hay, &context, hint).or_else(|| approximate(&quote, hay, &context, hint))?;
    Some(view.to_original(found))
}

/// The best exact occurrence of `quote` in `hay`, by context then nearness.
fn exact(quote: &str, hay: &str, context: &Context, hint: usize) -> Option<Range<usize>> {
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    let mut from = 0;
    while let Some(i) = hay[from..].find(quote) {
        let start = from + i;
        let end = start + quote.len();
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        // An occurrence that would leave the next combining mark without its
        // letter is not one, unless the quote was taken that way.
        let splits = hay[end..].chars().next().is_some_and(is_combining_mark)
            && !context.suffix_starts_with_mark;
        if splits {
            continue;
        }
        let edits = context.fit(hay, start, end).edits;
        consider(&mut best, edits, start.abs_diff(hint), start..end);
    }
    best.map(|(_, _, range)| range)
}

/// The best span of `hay` like `quote`, when one is like it enough.
fn approximate(quote: &str, hay: &str, context: &Context, hint: usize) -> Option<Range<usize>> {
    let q = fold_chars(quote);
    let m = q.len();
    if m == 0 {
        return None;
    }
    let folded = Folded::new(hay);
    let t = &folded.chars;
    if t.is_empty() {
        return None;
    }
    // similarity ≥ 0.75 needs d ≤ max(m, l) / 4 with l ≤ m + d, so d ≤ m / 3.
    let k = m / 3;
    let forward = Pattern::new(&q);
    let mut ends = forward.candidates(t, k);
    ends.sort_unstable();
    ends.truncate(MAX_CANDIDATES);

    let reversed: Vec<char> = q.iter().rev().copied().collect();
    let backward = Pattern::new(&reversed);
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    // A span's edges are trimmed to match the quote's: no white space unless
    // the quote has it there, and no punctuation where the quote has a letter.
    let keep = |edge: char, c: char| {
        if edge.is_alphanumeric() {
            c.is_alphanumeric()
        } else {
            edge == ' ' || c != ' '
        }
    };
    let trim = |mut s: usize, mut e: usize| {
        while s < e && !keep(q[0], t[s]) {
            s += 1;
        }
        while e > s && !keep(q[m - 1], t[e - 1]) {
            e -= 1;
        }
        (s, e)
    };
    let word_start = context.prefix_at_word_edge && q[0].is_alphanumeric();
    let word_end = context.suffix_at_word_edge && q[m - 1].is_alphanumeric();
    for (_, end) in ends {
        let lo = end.saturating_sub(m + k);
        let (d0, len) = backward.best_suffix(&t[lo..end], m);
        let (s0, e0) = trim(end - len, end);
        if s0 >= e0 {
            continue;
        }
        // Edit distance takes a changed letter as readily as a deleted one,
        // so a span can run into the next word where the quote lost its
        // last one. Where the quote was taken on word boundaries, each edge
        // is also tried at the ends of the word it falls in and one word
        // further in; of the tries similar enough, the one with the fewest
        // insertions and deletions (letters never substituted) is the span.
        let starts = if word_start {
            edge_options(t, s0, e0, Side::Start)
        } else {
            vec![s0]
        };
        let stops = if word_end {
            edge_options(t, s0, e0, Side::End)
        } else {
            vec![e0]
        };
        let mut span: Option<(usize, f64, usize, usize, usize)> = None;
        let mut tried: Vec<(usize, usize)> = Vec::with_capacity(starts.len() * stops.len());
        for &s in &starts {
            for &e in &stops {
                let (s, e) = trim(s, e);
                // The length difference alone is a lower bound on the distance.
                if s >= e
                    || tried.contains(&(s, e))
                    || similarity((e - s).abs_diff(m), m, e - s) < MIN_SIMILARITY
                {
                    continue;
                }
                tried.push((s, e));
                let d = if (s, e) == (end - len, end) {
                    d0
                } else {
                    forward.distance(&t[s..e])
                };
                let sim = similarity(d, m, e - s);
                if sim < MIN_SIMILARITY {
                    continue;
                }
                let indels = m + (e - s) - 2 * forward.lcs(&t[s..e]);
                let better = span.is_none_or(|(best_indels, best_sim, _, _, _)| {
                    indels < best_indels || (indels == best_indels && sim > best_sim + EPSILON)
                });
                if better {
                    span = Some((indels, sim, d, s, e));
                }
            }
        }
        let Some((_, _, d, s, e)) = span else {
            continue;
        };
        let range = folded.byte_range(s, e);
        let fit = context.fit(hay, range.start, range.end);
        if m < SHORT_QUOTE && fit.similarity < SHORT_QUOTE_MIN_CONTEXT {
            continue;
        }
        consider(&mut best, d + fit.edits, range.start.abs_diff(hint), range);
    }
    best.map(|(_, _, range)| range)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// Where the `side` edge of the span `s..e` of `t` may go: where it is unless
/// that is inside a word, the ends of the word it falls in, and one word
/// further into the span.
fn edge_options(t: &[char], s: usize, e: usize, side: Side) -> Vec<usize> {
    let word = |i: usize| t.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::with_capacity(4);
    match side {
        Side::Start => {
            if !(s > 0 && word(s - 1) && word(s)) {
                out.push(s);
            }
            let mut before = s;
            while before > 0 && word(before - 1) {
                before -= 1;
            }
            out.push(before);
            let mut after = s;
            while after < e && word(after) {
                after += 1;
            }
            out.push(after);
            while after < e && !word(after) {
                after += 1;
            }
            while after < e && word(after) {
                after += 1;
            }
            out.push(after);
        }
        Side::End => {
            if !(e > 0 && word(e - 1) && word(e)) {
                out.push(e);
            }
            let mut after = e;
            while word(after) {
                after += 1;
            }
            out.push(after);
            let mut before = e;
            while before > s && word(before - 1) {
                before -= 1;
            }
            out.push(before);
            while before > s && !word(before - 1) {
                before -= 1;
            }
            while before > s && word(before - 1) {
                before -= 1;
            }
            out.push(before);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Keeps the candidate with fewer edits; of as many, the nearer.
fn consider(
    best: &mut Option<(usize, usize, Range<usize>)>,
    edits: usize,
    distance: usize,
    range: Range<usize>,
) {
    if best
        .as_ref()
        .is_none_or(|(e, d, _)| (edits, distance) < (*e, *d))
    {
        *best = Some((edits, distance, range));
    }
}

/// `1 - distance / longer length`; two empty strings are alike.
fn similarity(distance: usize, a: usize, b: usize) -> f64 {
    let longer = a.max(b);
    if longer == 0 {
        1.0
    } else {
        1.0 - distance as f64 / longer as f64
    }
}

fn last_chars(s: &str, n: usize) -> &str {
    let from = if n == 0 {
        s.len()
    } else {
        s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
    };
    &s[from..]
}

fn first_chars(s: &str, n: usize) -> &str {
    let to = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..to]
}

/// The saved prefix and suffix, ready to be compared.
struct Context {
    prefix: Pattern,
    suffix: Pattern,
    suffix_starts_with_mark: bool,
    /// The quote started (ended) where a word does.
    prefix_at_word_edge: bool,
    suffix_at_word_edge: bool,
}

impl Context {
    fn new(prefix: &str, suffix: &str) -> Self {
        let prefix: Vec<char> = nfc(prefix).chars().collect();
        let suffix: Vec<char> = nfc(suffix).chars().collect();
        Context {
            prefix: Pattern::new(&prefix),
            suffix: Pattern::new(&suffix),
            suffix_starts_with_mark: suffix.first().copied().is_some_and(is_combining_mark),
            prefix_at_word_edge: prefix.last().is_none_or(|c| !c.is_alphanumeric()),
            suffix_at_word_edge: suffix.first().is_none_or(|c| !c.is_alphanumeric()),
        }
    }

    /// How well the text around `start..end` agrees with the saved context.
    /// Each saved side is compared with as many characters on that side of
    /// the span. An empty saved side means the quote was at that end of the
    /// text: a span at that end agrees fully, any other by one edit and a
    /// similarity of 0.
    fn fit(&self, hay: &str, start: usize, end: usize) -> Fit {
        let side = |pattern: &Pattern, window: Vec<char>, at_edge: bool| {
            if pattern.len == 0 {
                if at_edge { (0, 1.0) } else { (1, 0.0) }
            } else {
                let d = pattern.distance(&window);
                (d, similarity(d, pattern.len, window.len()))
            }
        };
        let mut before: Vec<char> = hay[..start].chars().rev().take(self.prefix.len).collect();
        before.reverse();
        let after: Vec<char> = hay[end..].chars().take(self.suffix.len).collect();
        let (d_before, sim_before) = side(&self.prefix, before, start == 0);
        let (d_after, sim_after) = side(&self.suffix, after, end == hay.len());
        Fit {
            edits: d_before + d_after,
            similarity: (sim_before + sim_after) / 2.0,
        }
    }
}

/// How the text around a candidate agrees with the saved context.
struct Fit {
    /// Edits between the saved prefix and suffix and the text there.
    edits: usize,
    /// The two sides' similarities, averaged: 0 to 1.
    similarity: f64,
}

/// The text in NFC, and how its offsets map back onto the text as given.
struct NfcView<'a> {
    text: Cow<'a, str>,
    /// (NFC offset, original offset) where each segment starts; empty when the
    /// text was NFC already and offsets are the same.
    segments: Vec<(usize, usize)>,
    original: &'a str,
}

impl<'a> NfcView<'a> {
    fn new(text: &'a str) -> Self {
        if all_stable(text) || is_nfc(text) {
            return NfcView {
                text: Cow::Borrowed(text),
                segments: Vec::new(),
                original: text,
            };
        }
        // Segments start at characters that never combine with what comes
        // before them, so each one can be normalised on its own.
        let mut out = String::with_capacity(text.len());
        let mut segments = Vec::new();
        let mut seg_start = 0;
        for (i, c) in text.char_indices() {
            let boundary = is_boundary_before(c);
            if i > 0 && boundary {
                segments.push((out.len(), seg_start));
                out.push_str(&nfc(&text[seg_start..i]));
                seg_start = i;
            }
        }
        segments.push((out.len(), seg_start));
        out.push_str(&nfc(&text[seg_start..]));
        NfcView {
            text: Cow::Owned(out),
            segments,
            original: text,
        }
    }

    fn to_nfc(&self, original: usize) -> usize {
        if self.segments.is_empty() {
            return original;
        }
        let i = self.segments.partition_point(|&(_, o)| o <= original);
        self.segments[i.saturating_sub(1)].0
    }

    /// The original span of `range` of the NFC text: exact where some
    /// character boundary of the original normalises to it, else widened to
    /// the segment around it.
    fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.segments.is_empty() {
            return range;
        }
        self.boundary(range.start, false)..self.boundary(range.end, true)
    }

    /// The original offset of NFC offset `at`; inside a segment, the
    /// original boundary whose prefix of the segment normalises to the NFC
    /// text up to `at`, or else the segment's start (`!up`) or end (`up`).
    fn boundary(&self, at: usize, up: bool) -> usize {
        let i = self
            .segments
            .partition_point(|&(n, _)| n <= at)
            .saturating_sub(1);
        let (seg_nfc, seg_orig) = self.segments[i];
        if at == seg_nfc {
            return seg_orig;
        }
        let seg_end = self
            .segments
            .get(i + 1)
            .map_or(self.original.len(), |&(_, o)| o);
        let want = &self.text[seg_nfc..at];
        let segment = &self.original[seg_orig..seg_end];
        segment
            .char_indices()
            .map(|(b, _)| b)
            .chain([segment.len()])
            .find(|&b| nfc(&segment[..b]) == want)
            .map_or(if up { seg_end } else { seg_orig }, |b| seg_orig + b)
    }
}

/// The characters whose folding and NFC facts are kept in a table, so that
/// the common case costs one look-up even in a debug build: Latin with the
/// combining marks, the Vietnamese letters (Latin Extended Additional) and
/// general punctuation. Each range's table slots follow the previous one's.
const TABLE_RANGES: [Range<usize>; 3] = [0..0x370, 0x1E00..0x1F00, 0x2000..0x2070];

/// The table slot of `c`, if it has one.
fn slot(c: char) -> Option<usize> {
    let code = c as usize;
    let mut base = 0;
    for range in &TABLE_RANGES {
        if range.contains(&code) {
            return Some(base + code - range.start);
        }
        base += range.len();
    }
    None
}
/// Table entry: the character folds to nothing (a combining mark). Two
/// noncharacters, which no folding of a table character yields.
const FOLDS_AWAY: char = '\u{FFFF}';
/// Table entry: the character folds to more than one.
const FOLDS_LONG: char = '\u{FFFE}';

struct Tables {
    /// What each character folds to, or one of the markers above.
    fold: Vec<char>,
    /// Canonical combining class 0 and NFC_QC = Yes: NFC as it stands, and
    /// nothing before it composes with it.
    stable: Vec<bool>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut fold = Vec::new();
        let mut stable = Vec::new();
        for code in TABLE_RANGES.iter().flat_map(Clone::clone) {
            // Every code in the ranges is a char (none is a surrogate).
            let c = u32::try_from(code)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\0');
            let mut folded = Vec::new();
            fold_char_slow(c, &mut |x| folded.push(x));
            fold.push(match folded.as_slice() {
                [] => FOLDS_AWAY,
                [one] => *one,
                _ => FOLDS_LONG,
            });
            stable.push(is_stable_slow(c));
        }
        Tables { fold, stable }
    })
}

/// Whether nothing before `c` can compose with it or be reordered after it
/// (canonical combining class 0, NFC_QC not Maybe): NFC may be applied on
/// either side of it separately.
fn is_boundary_before(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe
}

/// A boundary before it, and NFC as it stands (NFC_QC = Yes).
fn is_stable_slow(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Whether every character of `text` is [stable](is_stable_slow), which makes it
/// NFC. Bytes below 0xCC are ASCII, continuation bytes or the first of a
/// character below U+0300, all stable, so only the rest are decoded.
fn all_stable(text: &str) -> bool {
    let stable = &tables().stable;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0xCC {
            i += 1;
            continue;
        }
        let (c, len) = decode(text, i);
        let ok = match slot(c) {
            Some(i) => stable[i],
            None => is_stable_slow(c),
        };
        if !ok {
            return false;
        }
        i += len;
    }
    true
}

/// The character starting at byte `i` of `text` (a char boundary below its
/// length) and its length in bytes. Two- and three-byte characters, all the
/// Vietnamese letters among them, are decoded by hand: slicing and `chars()`
/// cost more unoptimised.
fn decode(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b0 = u32::from(bytes[i]);
    let (code, len) = match b0 {
        0x00..=0x7F => (Some(b0), 1),
        0xC0..=0xDF => (
            Some(((b0 & 0x1F) << 6) | (u32::from(bytes[i + 1]) & 0x3F)),
            2,
        ),
        0xE0..=0xEF => (
            Some(
                ((b0 & 0x0F) << 12)
                    | ((u32::from(bytes[i + 1]) & 0x3F) << 6)
                    | (u32::from(bytes[i + 2]) & 0x3F),
            ),
            3,
        ),
        _ => (None, 4),
    };
    match code.and_then(char::from_u32) {
        Some(c) => (c, len),
        None => {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        }
    }
}

/// [`is_stable_slow`] from the table.
#[cfg(test)]
fn is_stable(c: char) -> bool {
    match slot(c) {
        Some(i) => tables().stable[i],
        None => is_stable_slow(c),
    }
}

/// Folds one character the way [`crate::text::fold`] does (no marks, lower
/// case, đ → d), with any white space as a space.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    match slot(c).map(|i| tables().fold[i]) {
        Some(FOLDS_AWAY) => {}
        Some(FOLDS_LONG) | None => fold_char_slow(c, out),
        Some(x) => out(x),
    }
}

fn fold_char_slow(c: char, out: &mut impl FnMut(char)) {
    if c.is_whitespace() {
        out(' ');
    } else {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out(if l == 'đ' { 'd' } else { l });
                }
            }
        });
    }
}

fn fold_chars(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// Folded text, each folded character knowing where the character it came
/// from starts.
struct Folded<'a> {
    text: &'a str,
    chars: Vec<char>,
    starts: Vec<u32>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len());
        let table = &tables().fold;
        let bytes = text.as_bytes();
        let mut i = 0;
        // Byte by byte, decoding only what is not ASCII: this is the other
        // whole-text pass, and it must be quick unoptimised too.
        while i < bytes.len() {
            // Texts are far below 4 GiB; the cast only narrows the table.
            let at = i as u32;
            let b = bytes[i];
            if b < 0x80 {
                chars.push(table[usize::from(b)]);
                starts.push(at);
                i += 1;
                continue;
            }
            let (c, len) = decode(text, i);
            i += len;
            match slot(c).map(|i| table[i]) {
                Some(FOLDS_AWAY) => {}
                Some(x) if x != FOLDS_LONG => {
                    chars.push(x);
                    starts.push(at);
                }
                _ => fold_char_slow(c, &mut |x| {
                    chars.push(x);
                    starts.push(at);
                }),
            }
        }
        Folded {
            text,
            chars,
            starts,
        }
    }

    /// The bytes of the text that folded characters `s..e` came from, with
    /// any combining marks after them that fold to nothing.
    fn byte_range(&self, s: usize, e: usize) -> Range<usize> {
        let start = self.starts[s] as usize;
        let last = self.starts[e - 1] as usize;
        let mut end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
        for c in self.text[end..].chars() {
            let mut folds_away = true;
            fold_char(c, &mut |_| folds_away = false);
            if !folds_away {
                break;
            }
            end += c.len_utf8();
        }
        start..end
    }
}

/// A pattern for Myers' bit-vector edit distance (Myers 1999, with the block
/// form for patterns longer than 64 characters).
struct Pattern {
    len: usize,
    blocks: usize,
    /// Match masks of ASCII characters, `blocks` words each.
    ascii: Vec<u64>,
    /// Match masks of other characters, sorted by character.
    other: Vec<(char, Vec<u64>)>,
}

impl Pattern {
    fn new(p: &[char]) -> Self {
        let blocks = p.len().div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, &c) in p.iter().enumerate() {
            let (b, bit) = (i / 64, 1u64 << (i % 64));
            if c.is_ascii() {
                ascii[c as usize * blocks + b] |= bit;
            } else {
                match other.binary_search_by_key(&c, |(k, _)| *k) {
                    Ok(x) => other[x].1[b] |= bit,
                    Err(x) => {
                        let mut masks = vec![0u64; blocks];
                        masks[b] |= bit;
                        other.insert(x, (c, masks));
                    }
                }
            }
        }
        Pattern {
            len: p.len(),
            blocks,
            ascii,
            other,
        }
    }

    /// The match mask of `c` in a one-block pattern.
    fn mask(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&m) => m,
            None => self.masks(c).map_or(0, |m| m[0]),
        }
    }

    fn masks(&self, c: char) -> Option<&[u64]> {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            Some(&self.ascii[at..at + self.blocks])
        } else {
            self.other
                .binary_search_by_key(&c, |(k, _)| *k)
                .ok()
                .map(|x| self.other[x].1.as_slice())
        }
    }

    /// Runs the pattern over `text` (backwards when `reverse`), calling
    /// `each` with the distance after every character. `global`: the
    /// distance between the pattern and all the text read so far; otherwise
    /// the least distance between the pattern and any span of the text
    /// ending there. Indexed loops throughout: iterator adaptors are slow
    /// unoptimised, and the whole-text pass runs here.
    fn run(&self, text: &[char], reverse: bool, global: bool, mut each: impl FnMut(usize)) {
        let n = text.len();
        let top: i8 = if global { 1 } else { 0 };
        if self.len == 0 {
            for i in 0..n {
                each(if global { i + 1 } else { 0 });
            }
            return;
        }
        if self.blocks == 1 {
            let (mut pv, mut mv) = (!0u64, 0u64);
            let high = 1u64 << (self.len - 1);
            let mut score = self.len;
            let mut i = 0;
            while i < n {
                let c = if reverse { text[n - 1 - i] } else { text[i] };
                let eq = self.mask(c);
                let xv = eq | mv;
                let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
                let ph = mv | !(xh | pv);
                let mh = pv & xh;
                if ph & high != 0 {
                    score += 1;
                } else if mh & high != 0 {
                    score -= 1;
                }
                let ph = (ph << 1) | u64::from(global);
                let mh = mh << 1;
                pv = mh | !(xv | ph);
                mv = ph & xv;
                each(score);
                i += 1;
            }
            return;
        }
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let last_high = 1u64 << ((self.len - 1) % 64);
        let mut score = self.len as isize;
        for i in 0..n {
            let c = if reverse { text[n - 1 - i] } else { text[i] };
            let masks = self.masks(c);
            let mut h = top;
            for b in 0..self.blocks {
                let eq = masks.map_or(0, |m| m[b]);
                let high = if b + 1 == self.blocks {
                    last_high
                } else {
                    1 << 63
                };
                h = advance(&mut pv[b], &mut mv[b], eq, h, high);
            }
            score += isize::from(h);
            each(score.max(0) as usize);
        }
    }

    /// Ends (exclusive) of the spans of `text` within `k` edits of the
    /// pattern where the distance is a local minimum, as (distance, end).
    fn candidates(&self, text: &[char], k: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        // The distances at the end before the last, and at the last.
        let (mut before, mut last) = (usize::MAX, usize::MAX);
        let mut end = 0;
        self.run(text, false, false, |d| {
            if last <= k && before >= last && d > last {
                out.push((last, end));
            }
            (before, last) = (last, d);
            end += 1;
        });
        if last <= k && before >= last {
            out.push((last, end));
        }
        out
    }

    /// The Levenshtein distance between the pattern and `text`.
    fn distance(&self, text: &[char]) -> usize {
        let mut d = self.len;
        self.run(text, false, true, |x| d = x);
        d
    }

    /// For a reversed pattern: of the suffixes of `text`, read backwards,
    /// the one nearest the pattern, as (distance, length); ties go to the
    /// length nearest `target`.
    fn best_suffix(&self, text: &[char], target: usize) -> (usize, usize) {
        let mut best: (usize, usize) = (self.len, 0);
        let mut n: usize = 0;
        self.run(text, true, true, |d| {
            n += 1;
            if d < best.0 || (d == best.0 && n.abs_diff(target) < best.1.abs_diff(target)) {
                best = (d, n);
            }
        });
        best
    }

    /// The length of the longest common subsequence of the pattern and
    /// `text` (Hyyrö's bit-vector form).
    fn lcs(&self, text: &[char]) -> usize {
        if self.blocks == 1 {
            let mut v = !0u64;
            for &c in text {
                let u = v & self.mask(c);
                v = v.wrapping_add(u) | (v - u);
            }
            let tail = self.len % 64;
            let v = if tail == 0 { v } else { v | (!0u64 << tail) };
            return v.count_zeros() as usize;
        }
        let mut v = vec![!0u64; self.blocks];
        for &c in text {
            let Some(masks) = self.masks(c) else { continue };
            let mut carry = false;
            for (vb, &pm) in v.iter_mut().zip(masks) {
                let u = *vb & pm;
                let (sum, c1) = vb.overflowing_add(u);
                let (sum, c2) = sum.overflowing_add(u64::from(carry));
                carry = c1 || c2;
                *vb = sum | (*vb - u);
            }
        }
        // Carries can run into the bits past the pattern's end: count only
        // the pattern's own.
        let tail = self.len % 64;
        v.iter()
            .enumerate()
            .map(|(b, &bits)| {
                let bits = if b + 1 == self.blocks && tail != 0 {
                    bits | (!0u64 << tail)
                } else {
                    bits
                };
                bits.count_zeros() as usize
            })
            .sum()
    }
}

/// One column step of one 64-row block (Myers 1999, `advance_block`): `hin`
/// is the horizontal delta entering the block's top row, the result the one
/// leaving its `high` row.
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i8, high: u64) -> i8 {
    let (p, m) = (*pv, *mv);
    let xv = eq | m;
    let eq = if hin < 0 { eq | 1 } else { eq };
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if hin < 0 {
        mh |= 1;
    } else if hin > 0 {
        ph |= 1;
    }
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    const BODY: &str = "Sáng 12/3, tại Hà Nội, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến với các địa phương về tình hình phát triển kinh tế - xã hội quý I.\n\n\
Theo báo cáo của Bộ Kế hoạch và Đầu tư, tăng trưởng GDP quý I ước đạt 5,66%, cao hơn cùng kỳ năm trước. Xuất khẩu tăng 17%, trong khi vốn đầu tư nước ngoài giải ngân đạt 4,63 tỷ USD.\n\n\
Phát biểu kết luận, Thủ tướng yêu cầu các bộ, ngành tháo gỡ khó khăn cho doanh nghiệp, đẩy nhanh giải ngân vốn đầu tư công và giữ vững ổn định kinh tế vĩ mô.\n\n\
Hội nghị cũng thống nhất kiến nghị Quốc hội giảm 2% thuế giá trị gia tăng đến hết năm nay.";

    /// The byte range of the `nth` (from 0) occurrence of `needle`.
    fn nth(text: &str, needle: &str, n: usize) -> Range<usize> {
        let start = text
            .match_indices(needle)
            .nth(n)
            .expect("the needle is in the text")
            .0;
        start..start + needle.len()
    }

    fn found<'t>(anchor: &Anchor, text: &'t str) -> &'t str {
        match locate(anchor, text) {
            Located::Found(r) => &text[r],
            Located::Outdated => panic!("{:?} is outdated in {text:?}", anchor.quote),
        }
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        text.split("\n\n").collect()
    }

    #[test]
    fn anchor_keeps_quote_and_context() {
        let r = nth(BODY, "giải ngân vốn đầu tư công", 0);
        let a = anchor(BODY, r.clone()).unwrap();
        assert_eq!(a.quote, "giải ngân vốn đầu tư công");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), CONTEXT_CHARS);
        assert!(BODY[..r.start].ends_with(&a.prefix));
        assert!(BODY[r.end..].starts_with(&a.suffix));
        assert_eq!(a.start, r.start);
        // At the very start: no prefix at all.
        let a = anchor(BODY, nth(BODY, "Sáng 12/3", 0)).unwrap();
        assert_eq!(a.prefix, "");
    }

    #[test]
    fn kept_when_unchanged() {
        for quote in [
            "Thủ tướng Chính phủ",
            "5,66%",
            "giữ vững ổn định kinh tế vĩ mô",
            "hết năm nay.",
        ] {
            let r = nth(BODY, quote, 0);
            let a = anchor(BODY, r.clone()).unwrap();
            assert_eq!(locate(&a, BODY), Located::Found(r));
            assert_eq!(follow(&a, BODY), Some(a.clone()));
        }
        // Stored as JSON with the comment, and read back the same.
        let a = anchor(BODY, nth(BODY, "Thủ tướng", 1)).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Anchor>(&json).unwrap(), a);
    }

    #[test]
    fn moved_when_text_is_inserted_before() {
        let r = nth(BODY, "đẩy nhanh giải ngân vốn đầu tư công", 0);
        let a = anchor(BODY, r.clone()).unwrap();
        let edited = format!(
            "(Chinhphu.vn) - Hội nghị diễn ra trong bối cảnh kinh tế thế giới còn nhiều biến động.\n\n{}",
            BODY.replace("tháo gỡ khó khăn", "khẩn trương tháo gỡ mọi khó khăn")
        );
        let want = nth(&edited, "đẩy nhanh giải ngân vốn đầu tư công", 0);
        assert_ne!(want, r);
        assert_eq!(locate(&a, &edited), Located::Found(want.clone()));
        let moved = follow(&a, &edited).unwrap();
        assert_eq!(moved.start, want.start);
        assert_eq!(moved.quote, a.quote);
        // Text added after changes nothing.
        let longer = format!("{edited}\n\nPV (tổng hợp)");
        assert_eq!(locate(&a, &longer), Located::Found(want));
    }

    #[test]
    fn moved_when_paragraphs_are_swapped() {
        let quote = "vốn đầu tư nước ngoài giải ngân đạt 4,63 tỷ USD";
        let a = anchor(BODY, nth(BODY, quote, 0)).unwrap();
        let p = paragraphs(BODY);
        let swapped = [p[2], p[3], p[0], p[1]].join("\n\n");
        let want = nth(&swapped, quote, 0);
        assert!(want.start > a.start);
        assert_eq!(locate(&a, &swapped), Located::Found(want));
    }

    #[test]
    fn repeated_quote_told_apart_by_context() {
        // "Thủ tướng" is there twice; each anchor finds its own, even with a
        // useless position hint.
        for n in 0..2 {
            let r = nth(BODY, "Thủ tướng", n);
            let mut a = anchor(BODY, r.clone()).unwrap();
            for hint in [0, BODY.len(), nth(BODY, "Thủ tướng", 1 - n).start] {
                a.start = hint;
                assert_eq!(
                    locate(&a, BODY),
                    Located::Found(r.clone()),
                    "occurrence {n}, hint {hint}"
                );
            }
        }
        // And after the paragraphs move, the old start points nowhere useful.
        let r = nth(BODY, "Thủ tướng", 1);
        let a = anchor(BODY, r).unwrap();
        let p = paragraphs(BODY);
        let swapped = [p[2], p[0], p[1], p[3]].join("\n\n");
        let want = nth(&swapped, "Thủ tướng yêu cầu", 0);
        assert_eq!(
            locate(&a, &swapped),
            Located::Found(want.start..want.start + "Thủ tướng".len())
        );
    }

    #[test]
    fn identical_context_goes_to_the_nearest() {
        let line = "Giá vàng SJC tăng mạnh trong phiên giao dịch sáng nay. ";
        let text = line.repeat(5);
        let third = nth(&text, "tăng mạnh", 2);
        let mut a = anchor(&text, third.clone()).unwrap();
        assert_eq!(locate(&a, &text), Located::Found(third));
        let fourth = nth(&text, "tăng mạnh", 3);
        a.start = fourth.start - 3;
        assert_eq!(locate(&a, &text), Located::Found(fourth));
    }

    #[test]
    fn lightly_edited_quote_is_found() {
        // A tone mark added: "hoa binh" → "hòa bình".
        let before =
            "Hai bên cam kết thúc đẩy tiến trình hoa binh tại khu vực và tăng cường hợp tác.";
        let after =
            "Hai bên cam kết thúc đẩy tiến trình hòa bình tại khu vực và tăng cường hợp tác.";
        let a = anchor(before, nth(before, "hoa binh", 0)).unwrap();
        assert_eq!(found(&a, after), "hòa bình");

        // A tone mark moved (old placement "hoà" to new "hòa"), and a typo fixed.
        let before =
            "Ông Nguyễn Văn Hoà, Phó Chủ tịch UBND tỉnh, cho biết Thủ tuớng đã đồng ý chủ trương.";
        let after =
            "Ông Nguyễn Văn Hòa, Phó Chủ tịch UBND tỉnh, cho biết Thủ tướng đã đồng ý chủ trương.";
        let a = anchor(before, nth(before, "Nguyễn Văn Hoà", 0)).unwrap();
        assert_eq!(found(&a, after), "Nguyễn Văn Hòa");
        let a = anchor(before, nth(before, "cho biết Thủ tuớng đã đồng ý", 0)).unwrap();
        assert_eq!(found(&a, after), "cho biết Thủ tướng đã đồng ý");

        // One word out of many changed, in a paragraph that also moved.
        let quote = "tăng trưởng GDP quý I ước đạt 5,66%, cao hơn cùng kỳ năm trước";
        let a = anchor(BODY, nth(BODY, quote, 0)).unwrap();
        let p = paragraphs(BODY);
        let edited = [p[3], p[0], p[2], p[1]]
            .join("\n\n")
            .replace("cao hơn", "thấp hơn");
        assert_eq!(
            found(&a, &edited),
            "tăng trưởng GDP quý I ước đạt 5,66%, thấp hơn cùng kỳ năm trước"
        );
    }

    #[test]
    fn long_quote_lightly_edited_is_found() {
        // Longer than one 64-character word of the bit-parallel search.
        let quote = paragraphs(BODY)[2];
        assert!(fold_chars(quote).len() > 128);
        let a = anchor(BODY, nth(BODY, quote, 0)).unwrap();
        let edited = BODY
            .replace("các bộ, ngành", "các bộ, ngành, địa phương")
            .replace("giữ vững", "giữ");
        let want = paragraphs(&edited)[2];
        assert_eq!(found(&a, &edited), want);
        // Half of it gone is too much.
        let cut = quote.find(", đẩy nhanh").unwrap();
        let edited = BODY.replace(&quote[cut..], ".");
        assert_eq!(locate(&a, &edited), Located::Outdated);
    }

    #[test]
    fn similarity_threshold() {
        let quote = "hoàn thành 67 km đường gom dọc tuyến cao tốc";
        let text = format!("Sở GTVT cho biết đã {quote}, giải phóng mặt bằng đạt 92%.");
        let a = anchor(&text, nth(&text, quote, 0)).unwrap();
        let cases = [
            // (rewrite, similarity, found)
            ("hoàn thành 76 km đường gom dọc tuyến cao tốc", 0.955, true),
            ("hoàn tất 76 km đường nối dọc tuyến cao tốc", 0.841, true),
            ("hoàn tất 76 km đường nối dọc theo cao tốc", 0.773, true),
            ("xây xong 76 km đường nối dọc tuyến cao tốc", 0.750, true),
            ("hoàn tất 76 km đường nối hai bên cao tốc", 0.705, false),
            ("xây xong 76 km đường nối dọc theo cao tốc", 0.682, false),
            // The last words gone: found without running into the next word.
            ("hoàn thành 67 km đường gom dọc tuyến", 0.818, true),
        ];
        for (rewrite, sim, kept) in cases {
            let (q, r) = (fold_chars(quote), fold_chars(rewrite));
            let d = Pattern::new(&q).distance(&r);
            assert!(
                (similarity(d, q.len(), r.len()) - sim).abs() < 0.001,
                "{rewrite}"
            );
            let edited = text.replace(quote, rewrite);
            match locate(&a, &edited) {
                Located::Found(range) => assert!(kept && &edited[range] == rewrite, "{rewrite}"),
                Located::Outdated => assert!(!kept, "{rewrite} outdated"),
            }
        }
    }

    #[test]
    fn short_quote_is_not_found_in_another_context() {
        let text =
            "Cháy nhà ở quận 3 khiến hai người bị thương. Lực lượng cứu hỏa quận 5 đã đến hỗ trợ.";
        let a = anchor(text, nth(text, "quận 3", 0)).unwrap();
        let edited = text.replace("ở quận 3", "ở quận Bình Thạnh");
        assert_eq!(locate(&a, &edited), Located::Outdated);
        let edited = text.replace("ở quận 3", "ở quận 8");
        assert_eq!(found(&a, &edited), "quận 8");
    }

    #[test]
    fn deleted_quote_is_outdated() {
        let quote =
            "Xuất khẩu tăng 17%, trong khi vốn đầu tư nước ngoài giải ngân đạt 4,63 tỷ USD.";
        let a = anchor(BODY, nth(BODY, quote, 0)).unwrap();
        let edited = BODY.replace(&format!(" {quote}"), "");
        assert_eq!(locate(&a, &edited), Located::Outdated);
        assert_eq!(follow(&a, &edited), None);
        // Short quotes too, and the whole paragraph gone.
        let a = anchor(BODY, nth(BODY, "2% thuế", 0)).unwrap();
        let p = paragraphs(BODY);
        assert_eq!(locate(&a, &p[..3].join("\n\n")), Located::Outdated);
        assert_eq!(locate(&a, ""), Located::Outdated);
    }

    #[test]
    fn rewritten_quote_is_outdated() {
        let quote = "tháo gỡ khó khăn cho doanh nghiệp, đẩy nhanh giải ngân vốn đầu tư công";
        let a = anchor(BODY, nth(BODY, quote, 0)).unwrap();
        let edited = BODY.replace(
            quote,
            "rà soát lại toàn bộ các dự án chậm tiến độ trong tháng tới",
        );
        assert_eq!(locate(&a, &edited), Located::Outdated);
        // A few words kept are not enough.
        let edited = BODY.replace(
            quote,
            "hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận vốn vay ưu đãi",
        );
        assert_eq!(locate(&a, &edited), Located::Outdated);
        // A short quote changed into another word, context and all.
        let a = anchor(BODY, nth(BODY, "5,66%", 0)).unwrap();
        let edited = BODY.replace(
            "tăng trưởng GDP quý I ước đạt 5,66%",
            "lạm phát được kiểm soát ở mức 3,2%",
        );
        assert_eq!(locate(&a, &edited), Located::Outdated);
    }

    #[test]
    fn short_quote_changed_is_found_only_in_its_context() {
        let a = anchor(BODY, nth(BODY, "5,66%", 0)).unwrap();
        let edited = BODY.replace("5,66%", "5,67%");
        assert_eq!(found(&a, &edited), "5,67%");
    }

    #[test]
    fn anchor_refuses_bad_ranges() {
        let text = "Đà Nẵng đón khách quốc tế.  \n Huế mưa lớn.";
        assert!(anchor(text, 3..3).is_err(), "empty");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 6..2;
        assert!(anchor(text, reversed).is_err(), "reversed");
        assert!(anchor(text, 0..text.len() + 1).is_err(), "past the end");
        assert!(anchor(text, 1..4).is_err(), "inside Đ");
        let nfd: String = text.nfd().collect();
        let mark = nfd.find('\u{300}').unwrap();
        assert!(anchor(&nfd, 0..mark).is_err(), "between à and its mark");
        assert!(anchor(&nfd, mark..mark + 2).is_err(), "the mark alone");
        assert!(anchor(&nfd, 0..mark + 2).is_ok());
        let ws = nth(text, "  \n ", 0);
        assert!(anchor(text, ws).is_err(), "white space");
        assert!(anchor(text, 0..text.len()).is_ok());
    }

    #[test]
    fn decomposed_text_maps_back_to_its_own_offsets() {
        let nfd: String = BODY.nfd().collect();
        let quote_nfd: String = "giữ vững ổn định".nfd().collect();
        let r = nth(&nfd, &quote_nfd, 0);
        let a = anchor(&nfd, r.clone()).unwrap();
        assert_eq!(a.quote, "giữ vững ổn định");
        assert!(is_nfc(&a.prefix) && is_nfc(&a.suffix));
        assert_eq!(locate(&a, &nfd), Located::Found(r));
        // Anchored in NFC, found in NFD and back.
        let a = anchor(BODY, nth(BODY, "giữ vững ổn định", 0)).unwrap();
        assert_eq!(found(&a, &nfd), quote_nfd);
        assert_eq!(found(&a, BODY), "giữ vững ổn định");
        // Exact matching, marks included, happens in NFC: with no context to
        // go by, a short quote is found only exactly.
        let text: String = "Ông Hoa và ông Hòa đến.".nfd().collect();
        let a = Anchor {
            quote: "Hòa".into(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
        };
        assert_eq!(found(&a, &text), "Hòa".nfd().collect::<String>());
        assert!(found(&a, &text).len() > "Hòa".len());
        // An exact match never leaves a combining mark without its letter:
        // "ban" is not in "ban̂" (n̂ has no precomposed form, so NFC keeps the
        // mark apart), though that occurrence is nearer and as well placed.
        let text = "Chữ ban\u{302} và chữ ban";
        let a = Anchor {
            quote: "ban".into(),
            prefix: "Chữ ".into(),
            suffix: String::new(),
            start: 0,
        };
        assert_eq!(locate(&a, text), Located::Found(text.len() - 3..text.len()));
    }

    #[test]
    fn decode_agrees_with_chars() {
        let s = "aĐ ổ\u{301}ờ“ ” 𝐀 中 ẞ";
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(decode(s, i), (c, c.len_utf8()));
            i += c.len_utf8();
        }
    }

    #[test]
    fn tables_agree_with_the_slow_paths() {
        for range in &TABLE_RANGES {
            for code in range.clone() {
                let c = char::from_u32(u32::try_from(code).unwrap()).unwrap();
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                fold_char(c, &mut |x| fast.push(x));
                fold_char_slow(c, &mut |x| slow.push(x));
                assert_eq!(fast, slow, "{c:?}");
                assert_eq!(is_stable(c), is_stable_slow(c), "{c:?}");
            }
        }
    }

    #[test]
    fn fold_char_agrees_with_text_fold() {
        let s = "Đảng ủy Thành phố HỒ CHÍ MINH, Hoà Bình, Khánh Hòa";
        assert_eq!(
            fold_chars(s).into_iter().collect::<String>(),
            crate::text::fold(s)
        );
    }

    /// Plain dynamic programming, to check the bit vectors against.
    fn levenshtein(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let next = (prev + usize::from(ca != cb))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                prev = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }

    fn lcs(a: &[char], b: &[char]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for ca in a {
            let mut diag = 0;
            for (j, cb) in b.iter().enumerate() {
                let next = if ca == cb {
                    diag + 1
                } else {
                    row[j].max(row[j + 1])
                };
                diag = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }

    /// The distance between `p` and each prefix of `t`, the empty one first.
    fn prefix_distances(p: &[char], t: &[char]) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = vec![p.len()];
        for (j, &c) in t.iter().enumerate() {
            let mut diag = col[0];
            col[0] = j + 1;
            for i in 1..=p.len() {
                let next = (diag + usize::from(p[i - 1] != c))
                    .min(col[i] + 1)
                    .min(col[i - 1] + 1);
                diag = col[i];
                col[i] = next;
            }
            out.push(col[p.len()]);
        }
        out
    }

    /// Least distance between `p` and a span of `t` ending at each character.
    fn sellers(p: &[char], t: &[char]) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for &c in t {
            let mut diag = col[0];
            col[0] = 0;
            for i in 1..=p.len() {
                let next = (diag + usize::from(p[i - 1] != c))
                    .min(col[i] + 1)
                    .min(col[i - 1] + 1);
                diag = col[i];
                col[i] = next;
            }
            out.push(col[p.len()]);
        }
        out
    }

    #[test]
    fn bit_vectors_agree_with_plain_dynamic_programming() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet: Vec<char> = "abcđơ ".chars().collect();
        for _ in 0..200 {
            let p: Vec<char> = (0..next(150))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let t: Vec<char> = (0..next(200))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let pattern = Pattern::new(&p);
            assert_eq!(pattern.distance(&t), levenshtein(&p, &t), "{p:?} {t:?}");
            let mut scores = Vec::new();
            pattern.run(&t, false, false, |d| scores.push(d));
            let want = sellers(&p, &t);
            assert_eq!(scores, want, "{p:?} {t:?}");
            // Local minima within a bound.
            let k = p.len() / 3;
            let minima: Vec<(usize, usize)> = (0..t.len())
                .filter(|&j| {
                    want[j] <= k
                        && (j == 0 || want[j - 1] >= want[j])
                        && (j + 1 == t.len() || want[j + 1] > want[j])
                })
                .map(|j| (want[j], j + 1))
                .collect();
            assert_eq!(pattern.candidates(&t, k), minima, "{p:?} {t:?}");
            // Read backwards, against the reversed pattern.
            let rev: Vec<char> = p.iter().rev().copied().collect();
            let (d, len) = Pattern::new(&rev).best_suffix(&t, p.len());
            assert_eq!(d, levenshtein(&p, &t[t.len() - len..]), "{p:?} {t:?}");
            let rev_t: Vec<char> = t.iter().rev().copied().collect();
            let least = prefix_distances(&rev, &rev_t).into_iter().min();
            assert_eq!(Some(d), least, "{p:?} {t:?}");
            assert_eq!(pattern.lcs(&t), lcs(&p, &t), "{p:?} {t:?}");
        }
    }

    #[test]
    fn many_comments_on_a_long_body() {
        let places = [
            "Hà Nội",
            "Đà Nẵng",
            "TP Hồ Chí Minh",
            "Cần Thơ",
            "Hải Phòng",
            "Huế",
            "Quảng Ninh",
        ];
        let chiefs = ["Minh", "Hùng", "Dũng", "Thắng", "Long"];
        let km = |i: usize| i * 3 + 7;
        let billions = |i: usize| 120 + i * 17;
        let paras: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "Ngày {}/{}, Sở Giao thông vận tải {} cho biết đã hoàn thành {} km đường gom dọc tuyến \
                     cao tốc, giải phóng mặt bằng đạt {}% và giải ngân hơn {} tỷ đồng vốn đầu tư công. \
                     Theo ông Trần Văn {}, giám đốc ban quản lý dự án số {}, các nhà thầu đang thi công ba ca \
                     bốn kíp để kịp thông xe trước Tết Nguyên đán, đồng thời bảo đảm an toàn lao động.",
                    i % 28 + 1,
                    i % 12 + 1,
                    places[i % places.len()],
                    km(i),
                    60 + i % 40,
                    billions(i),
                    chiefs[i % chiefs.len()],
                    i + 1,
                )
            })
            .collect();
        let body = paras.join("\n\n");
        assert!(body.split_whitespace().count() >= 2000);

        // (paragraph, quote): a unique sentence part, or a clause that every
        // paragraph has, told apart only by its context.
        let quotes: Vec<(usize, String)> = (0..50)
            .map(|n| {
                let i = (n * 7) % paras.len();
                let quote = match n % 3 {
                    0 => format!("hoàn thành {} km đường gom dọc tuyến cao tốc", km(i)),
                    1 => format!("giải ngân hơn {} tỷ đồng vốn đầu tư công", billions(i)),
                    _ => "các nhà thầu đang thi công ba ca bốn kíp".to_owned(),
                };
                (i, quote)
            })
            .collect();
        let anchors: Vec<Anchor> = quotes
            .iter()
            .map(|(i, quote)| {
                let at = body.find(paras[*i].as_str()).unwrap()
                    + paras[*i].find(quote.as_str()).unwrap();
                anchor(&body, at..at + quote.len()).unwrap()
            })
            .collect();

        // Every fourth paragraph edited: a length corrected, "tỷ" spelt "tỉ".
        let edit = |i: usize, s: &str| {
            if i.is_multiple_of(4) {
                s.replace(&format!(" {} km", km(i)), &format!(" {},5 km", km(i)))
                    .replace("tỷ đồng", "tỉ đồng")
            } else {
                s.to_owned()
            }
        };
        let mut order: Vec<usize> = (0..paras.len()).collect();
        order.rotate_left(13);
        order.swap(3, 30);
        let edited = format!(
            "Cập nhật lúc 9 giờ: số liệu của Bộ Giao thông vận tải.\n\n{}",
            order
                .iter()
                .map(|&i| edit(i, &paras[i]))
                .collect::<Vec<_>>()
                .join("\n\n")
        );

        let started = std::time::Instant::now();
        let located: Vec<Located> = anchors.iter().map(|a| locate(a, &edited)).collect();
        eprintln!("50 comments located in {:?}", started.elapsed());

        let mut approximate = 0;
        for ((i, quote), l) in quotes.iter().zip(located) {
            let para = edit(*i, &paras[*i]);
            let want_quote = edit(*i, quote);
            let at = edited.find(para.as_str()).unwrap() + para.find(want_quote.as_str()).unwrap();
            assert_eq!(
                l,
                Located::Found(at..at + want_quote.len()),
                "{quote:?} in paragraph {i}"
            );
            approximate += usize::from(want_quote != *quote);
        }
        assert!(approximate >= 4, "{approximate}");
    }
}
