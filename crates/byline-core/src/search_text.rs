//! How text is made comparable for search, with no SQL: the words of a text,
//! the two forms each word is indexed under, the query language, and the
//! highlighted snippet.
//!
//! Every word is indexed twice. The *folded* form drops case, every tone and
//! vowel mark, and maps đ to d ("Đà Nẵng" → "da nang"), so a query typed
//! without marks finds it. The *exact* form keeps the letters ă â ê ô ơ ư đ
//! and writes the tone as a digit after the word ("hoà" and "hòa" → "hoa2",
//! "uỷ" and "ủy" → "uy3"): the tone belongs to the syllable, so where it sits
//! (old or new placement) stops mattering, while "má" (ma1) stays apart from
//! "ma", "mà" (ma2) and "mạ" (ma5). A query typed with marks is matched
//! against the exact forms first, which is how exact matches rank first.
//!
//! Both forms are made from the same cleaned letters: compatibility forms
//! (full-width letters, ligatures) decomposed, look-alike letters from other
//! scripts mapped to the Latin letter they imitate, invisible characters
//! (soft hyphen, zero-width joiners) dropped. NFC and NFD input give the same
//! forms because the word is decomposed before anything else.

use std::ops::Range;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// The Vietnamese tones as combining marks, numbered as VNI keyboards number
/// them (sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5).
fn tone_digit(mark: char) -> Option<char> {
    match mark {
        '\u{301}' => Some('1'),
        '\u{300}' => Some('2'),
        '\u{309}' => Some('3'),
        '\u{303}' => Some('4'),
        '\u{323}' => Some('5'),
        _ => None,
    }
}

/// Letters from other scripts that look like Latin ones and turn up in text
/// pasted from the web (a Cyrillic "о" in "Hà Nội" hides it from a search),
/// plus the Icelandic eth, which looks like Đ. Only letters that are
/// indistinguishable in common fonts are listed.
fn lookalike(c: char) -> char {
    match c {
        // Cyrillic
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek
        'α' => 'a',
        'ο' => 'o',
        'ν' => 'v',
        'ι' => 'i',
        'κ' => 'k',
        'ρ' => 'p',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Eth for D with stroke
        'Ð' => 'Đ',
        'ð' => 'đ',
        'ɗ' => 'đ',
        other => other,
    }
}

/// Characters that are invisible inside a word and must not split it.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii()
            && (table_letter(c).is_some()
                || c.is_alphanumeric()
                || is_combining_mark(c)
                || is_invisible(c)))
}

/// The byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) && !is_invisible(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// A precomposed Latin letter taken apart once: lower-case letter without
/// its tone (vowel marks kept), its tone digit, and its folded form.
#[derive(Clone, Copy)]
struct Letter {
    letter: char,
    tone: Option<char>,
    folded: char,
}

/// The Latin-1, Latin Extended and Vietnamese (U+1EA0..) blocks, where every
/// Vietnamese letter lives, decomposed ahead of time: indexing takes a word
/// apart with one table look-up per letter instead of normalising it.
static LETTERS: std::sync::LazyLock<Vec<Option<Letter>>> = std::sync::LazyLock::new(|| {
    letter_ranges()
        .flat_map(|r| r.map(char::from_u32))
        .map(|c| c.and_then(slow_letter))
        .collect()
});

fn letter_ranges() -> impl Iterator<Item = Range<u32>> {
    [0xC0..0x250, 0x1EA0..0x1F00].into_iter()
}

fn slow_letter(c: char) -> Option<Letter> {
    if !c.is_alphabetic() || lookalike(c) != c {
        return None;
    }
    let (exact, folded) = slow_word_forms(c.encode_utf8(&mut [0; 4]));
    let mut letters = exact.chars();
    let letter = letters.next()?;
    let tone = letters.next();
    let mut folded = folded.chars();
    let f = folded.next()?;
    // One letter in, one letter (and at most a tone) out, or not in the table.
    if letters.next().is_some()
        || folded.next().is_some()
        || tone.is_some_and(|t| !t.is_ascii_digit())
    {
        return None;
    }
    Some(Letter {
        letter,
        tone,
        folded: f,
    })
}

fn table_letter(c: char) -> Option<Letter> {
    let code = c as u32;
    let mut offset = 0;
    for range in letter_ranges() {
        if range.contains(&code) {
            return LETTERS[offset + (code - range.start) as usize];
        }
        offset += range.len();
    }
    None
}

/// The exact and folded forms of one word (see the module docs).
pub fn word_forms(word: &str) -> (String, String) {
    let mut exact = String::with_capacity(word.len() + 1);
    let mut folded = String::with_capacity(word.len());
    push_word_forms(word, &mut exact, &mut folded);
    (exact, folded)
}

/// Appends the word's two forms to `exact` and `folded`, without
/// allocating for the common case (indexing calls this for every word).
fn push_word_forms(word: &str, exact: &mut String, folded: &mut String) {
    let (exact_start, folded_start) = (exact.len(), folded.len());
    let mut tones = ['\0'; 4];
    let mut tone_count = 0;
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            let lower = c.to_ascii_lowercase();
            exact.push(lower);
            folded.push(lower);
        } else if let Some(l) = table_letter(c).filter(|_| tone_count < tones.len()) {
            exact.push(l.letter);
            folded.push(l.folded);
            if let Some(t) = l.tone {
                tones[tone_count] = t;
                tone_count += 1;
            }
        } else {
            // Combining marks (NFD input), look-alikes, invisible characters,
            // other scripts: the general way.
            exact.truncate(exact_start);
            folded.truncate(folded_start);
            let (e, f) = slow_word_forms(word);
            exact.push_str(&e);
            folded.push_str(&f);
            return;
        }
    }
    exact.extend(&tones[..tone_count]);
}

fn slow_word_forms(word: &str) -> (String, String) {
    let mut letters = String::with_capacity(word.len());
    let mut folded = String::with_capacity(word.len());
    let mut tones = String::new();
    for c in word
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(lookalike)
        .nfkd()
    {
        if let Some(digit) = tone_digit(c) {
            tones.push(digit);
            continue;
        }
        for lower in c.to_lowercase() {
            letters.push(lower);
            if !is_combining_mark(lower) {
                folded.push(if lower == 'đ' { 'd' } else { lower });
            }
        }
    }
    let mut exact: String = letters.nfc().collect();
    exact.push_str(&tones);
    (exact, folded)
}

/// What one field adds to the index: its words' exact forms and folded
/// forms, each joined by spaces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IndexText {
    pub exact: String,
    pub folded: String,
}

impl IndexText {
    pub fn push(&mut self, text: &str) {
        for range in words(text) {
            if !self.exact.is_empty() {
                self.exact.push(' ');
                self.folded.push(' ');
            }
            push_word_forms(&text[range], &mut self.exact, &mut self.folded);
        }
    }

    pub fn of(text: &str) -> IndexText {
        let mut out = IndexText::default();
        out.push(text);
        out
    }
}

/// Markdown as the words a reader sees: link and image targets are dropped
/// (their text and alt stay), so "media/anh-1.jpg" is not indexed as words.
pub fn markdown_words(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = &rest[i + 2..];
        rest = match rest.find(')') {
            Some(j) => &rest[j + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// One element of a query: a word, a phrase in quotes, or a word ending in `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryPart {
    /// (exact, folded) of each word, in order.
    pub words: Vec<(String, String)>,
    /// The last word is a prefix (`chuyển*`).
    pub prefix: bool,
}

/// The shortest prefix `word*` searches for as a prefix.
pub const MIN_PREFIX: usize = 3;

/// A parsed search query. All parts must match (AND).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub parts: Vec<QueryPart>,
    /// Some word was typed with a tone or vowel mark: the writer means the
    /// marks, so exact matches rank first.
    pub marked: bool,
}

impl Query {
    /// `quan triet`, `"Đà Nẵng"`, `chuyển*`. Anything else that is not a
    /// word (punctuation, FTS syntax) is ignored, so no query is an error.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut add = |chunk: &str, quoted: bool| {
            let words: Vec<(String, String)> = words(chunk)
                .map(|r| word_forms(&chunk[r]))
                .filter(|(_, folded)| !folded.is_empty())
                .collect();
            let Some((_, last)) = words.last() else {
                return;
            };
            // A prefix of one or two letters would be most of the dictionary
            // (and hundreds of milliseconds of index): it means the word.
            let prefix =
                !quoted && chunk.trim_end().ends_with('*') && last.chars().count() >= MIN_PREFIX;
            if words.iter().any(|(exact, folded)| exact != folded) {
                query.marked = true;
            }
            query.parts.push(QueryPart { words, prefix });
        };
        for (i, piece) in input.split('"').enumerate() {
            if i % 2 == 1 {
                add(piece, true);
            } else {
                for chunk in piece.split_whitespace() {
                    add(chunk, false);
                }
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Plain words only: no phrase, no prefix. Only such a query is ranked
    /// by bm25, whose cost for a phrase or a prefix is a second pass over
    /// every match.
    pub fn is_plain(&self) -> bool {
        self.parts.iter().all(|p| p.words.len() == 1 && !p.prefix)
    }

    /// The FTS5 expression: every part over `folded` columns in folded
    /// form, or, when `exact` columns are given, the parts typed with marks
    /// over those in exact form (a phrase only when all its words have
    /// marks). Every word is quoted, so nothing the writer typed is read as
    /// FTS syntax.
    pub fn fts_expression(&self, folded: &str, exact: Option<&str>) -> String {
        self.parts
            .iter()
            .map(|part| {
                let last = part.words.len() - 1;
                let marked = part
                    .words
                    .iter()
                    .enumerate()
                    // A prefix cannot carry the tone digit, which comes last.
                    .all(|(i, (e, f))| e != f && !(part.prefix && i == last));
                let (columns, use_exact) = match exact {
                    Some(columns) if marked => (columns, true),
                    _ => (folded, false),
                };
                let text: Vec<&str> = part
                    .words
                    .iter()
                    .map(|(e, f)| if use_exact { e.as_str() } else { f.as_str() })
                    .collect();
                let star = if part.prefix { " *" } else { "" };
                format!("{{{columns}}} : \"{}\"{star}", text.join(" "))
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Whether the word with these forms is one the query looks for.
    fn hits(&self, exact: &str, folded: &str) -> bool {
        self.parts.iter().any(|part| {
            let last = part.words.len() - 1;
            part.words.iter().enumerate().any(|(i, (e, f))| {
                if part.prefix && i == last {
                    folded.starts_with(f.as_str())
                } else if self.marked {
                    exact == e || folded == f
                } else {
                    folded == f
                }
            })
        })
    }
}

/// A piece of a snippet: plain text, highlighted when it matched the query.
/// Never markup: the UI renders it as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Words shown around the first match.
const SNIPPET_WORDS: usize = 28;

/// `text` cut into parts with every matched word highlighted.
pub fn highlight(text: &str, query: &Query) -> Vec<SnippetPart> {
    let ranges: Vec<Range<usize>> = words(text).collect();
    if ranges.is_empty() {
        return vec![SnippetPart {
            text: text.to_owned(),
            hit: false,
        }];
    }
    let mut out = parts(text, &ranges, 0..ranges.len(), query, false);
    // The whole text, punctuation before the first word and after the last included.
    let head = &text[..ranges[0].start];
    let tail = &text[ranges[ranges.len() - 1].end..];
    if !head.is_empty() {
        out.insert(
            0,
            SnippetPart {
                text: head.to_owned(),
                hit: false,
            },
        );
    }
    if !tail.is_empty() {
        out.push(SnippetPart {
            text: tail.to_owned(),
            hit: false,
        });
    }
    out
}

/// The passage of the first text in `texts` that matches: a window of words
/// around the first hit, with hits highlighted and "…" where it was cut.
/// Falls back to the start of the first non-empty text.
pub fn snippet(texts: &[&str], query: &Query) -> Vec<SnippetPart> {
    for text in texts {
        let ranges: Vec<Range<usize>> = words(text).collect();
        let first_hit = ranges.iter().position(|r| {
            let (exact, folded) = word_forms(&text[r.clone()]);
            query.hits(&exact, &folded)
        });
        if let Some(hit) = first_hit {
            let start = hit.saturating_sub(SNIPPET_WORDS / 3);
            let end = (start + SNIPPET_WORDS).min(ranges.len());
            return parts(text, &ranges, start..end, query, true);
        }
    }
    match texts.iter().find(|t| !t.trim().is_empty()) {
        Some(text) => {
            let ranges: Vec<Range<usize>> = words(text).collect();
            let end = SNIPPET_WORDS.min(ranges.len());
            parts(text, &ranges, 0..end, query, true)
        }
        None => Vec::new(),
    }
}

fn parts(
    text: &str,
    ranges: &[Range<usize>],
    window: Range<usize>,
    query: &Query,
    markdown: bool,
) -> Vec<SnippetPart> {
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut push = |s: &str, hit: bool| {
        let s = if markdown {
            clean_markup(s)
        } else {
            s.to_owned()
        };
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(&s),
            _ => out.push(SnippetPart { text: s, hit }),
        }
    };
    if window.is_empty() {
        return Vec::new();
    }
    if window.start > 0 {
        push("… ", false);
    }
    let mut pos = ranges[window.start].start;
    let mut last_hit = false;
    for r in &ranges[window.clone()] {
        let (exact, folded) = word_forms(&text[r.clone()]);
        let hit = query.hits(&exact, &folded);
        // "Đà Nẵng" is one highlight, not two.
        let gap = &text[pos..r.start];
        push(gap, hit && last_hit && gap.trim().is_empty());
        push(&text[r.clone()], hit);
        last_hit = hit;
        pos = r.end;
    }
    if window.end < ranges.len() {
        push(" …", false);
    } else if markdown {
        push(&text[pos..], false);
    }
    if markdown {
        if let Some(first) = out.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        if let Some(last) = out.last_mut() {
            last.text = last.text.trim_end().to_owned();
        }
        out.retain(|p| !p.text.is_empty());
    }
    out
}

/// Markdown emphasis, headings and line breaks read as plain spacing in a snippet.
fn clean_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '*' | '_' | '#' | '`' | '>' | '[' | ']' | '!' => {}
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(s: &str) -> (String, String) {
        word_forms(s)
    }

    #[test]
    fn tone_placement_and_unicode_form_do_not_matter() {
        assert_eq!(forms("hoà"), forms("hòa"));
        assert_eq!(forms("uỷ"), forms("ủy"));
        assert_eq!(forms("Quán"), forms("qua\u{301}n"));
        assert_eq!(forms("hòa"), ("hoa2".to_owned(), "hoa".to_owned()));
    }

    #[test]
    fn tones_stay_apart_in_the_exact_form_only() {
        let exact: Vec<String> = ["ma", "má", "mà", "mả", "mã", "mạ"]
            .iter()
            .map(|w| forms(w).0)
            .collect();
        let mut unique = exact.clone();
        unique.dedup();
        assert_eq!(unique.len(), 6, "{exact:?}");
        assert!(
            ["ma", "má", "mà", "mả", "mã", "mạ"]
                .iter()
                .all(|w| forms(w).1 == "ma")
        );
    }

    #[test]
    fn the_letter_table_agrees_with_normalisation() {
        for range in letter_ranges() {
            for c in range.filter_map(char::from_u32) {
                let word = c.to_string();
                assert_eq!(
                    word_forms(&word),
                    slow_word_forms(&word),
                    "{c} U+{:04X}",
                    c as u32
                );
            }
        }
        for w in ["Nguyễn", "ĐẮK LẮK", "Thừa", "khuyến", "COVID19", "ﬁ"] {
            assert_eq!(word_forms(w), slow_word_forms(w), "{w}");
        }
    }

    #[test]
    fn d_stroke_and_vowel_letters() {
        assert_eq!(forms("Đà").1, "da");
        assert_eq!(forms("Đà").0, "đa2");
        assert_eq!(forms("Nẵng"), ("năng4".to_owned(), "nang".to_owned()));
    }

    #[test]
    fn lookalikes_and_invisible_characters() {
        // Cyrillic о and е in "Hà Nội".
        assert_eq!(forms("Nộі"), forms("Nội"));
        assert_eq!(forms("Ðà"), forms("Đà"));
        let soft = "chuy\u{ad}ển";
        assert_eq!(words(soft).count(), 1);
        assert_eq!(forms(soft), forms("chuyển"));
        assert_eq!(forms("ＨＡ"), forms("ha"));
    }

    #[test]
    fn words_skip_punctuation() {
        let t = "“Dân vận khéo”, 2022!";
        let w: Vec<&str> = words(t).map(|r| &t[r]).collect();
        assert_eq!(w, ["Dân", "vận", "khéo", "2022"]);
    }

    #[test]
    fn query_language() {
        let q = Query::parse(r#"quan "Đà Nẵng" chuyển* ""#);
        assert_eq!(q.parts.len(), 3);
        assert!(q.marked);
        assert!(q.parts[2].prefix);
        assert_eq!(
            q.fts_expression("h b", None),
            r#"{h b} : "quan" AND {h b} : "da nang" AND {h b} : "chuyen" *"#
        );
        // Only what was typed with marks is looked for exactly.
        assert_eq!(
            q.fts_expression("h", Some("hx")),
            r#"{h} : "quan" AND {hx} : "đa2 năng4" AND {h} : "chuyen" *"#
        );
        // FTS syntax typed by the writer is only text.
        let q = Query::parse("a) OR NEAR(b");
        assert!(
            q.fts_expression("h", None)
                .split(" AND ")
                .all(|p| p.starts_with("{h} : \""))
        );
        assert!(Query::parse(" \"\" ... ").is_empty());
        // Too short to be a prefix: the word itself.
        let q = Query::parse("và*");
        assert!(!q.parts[0].prefix);
        assert!(q.is_plain());
        assert!(!Query::parse("\"Đà Nẵng\"").is_plain());
    }

    #[test]
    fn snippet_highlights_words_around_the_first_hit() {
        let q = Query::parse("da nang");
        let body = "Sáng nay, tại **Đà Nẵng**, hội nghị khai mạc.";
        let parts = snippet(&["", body], &q);
        let hits: Vec<&str> = parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, ["Đà Nẵng"]);
        let text: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "Sáng nay, tại Đà Nẵng, hội nghị khai mạc.");
    }

    #[test]
    fn markdown_targets_are_not_words() {
        assert_eq!(
            markdown_words("Ảnh ![Hội nghị](media/hoi-nghi.jpg) và [link](https://x.vn)."),
            "Ảnh ![Hội nghị  và [link ."
        );
    }
}
