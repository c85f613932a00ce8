//! The synthetic library: Vietnamese news articles and their editing
//! histories made up from a seed, for `byline synthetic`, the benchmarks and
//! tests that need many articles. Behind the `synthetic` feature: the app
//! does not build it, and no other module of the crate names it.
//!
//! [`articles`] and [`edit`] make text; [`add_articles`] and [`add_history`]
//! (`synthetic/library.rs`) write it into a library through the store's
//! public bulk API.
//!
//! The text is generated from two data files compiled into the crate:
//! `synthetic/words.txt` (the vocabulary, in classes such as nouns, verbs, places
//! and organisations, each ranked by approximate frequency in news text) and
//! `synthetic/templates.txt` (clause, headline and sapo patterns with slots). Every
//! class is drawn from with Zipf weights `1/(rank + q)`, and the function words
//! ("của", "và", "các", "được" …) live in the patterns, so the word frequencies
//! of the output follow a Zipf-like law like real news: a few syllables occur
//! in every article and a long tail of words occurs in few.
//!
//! Determinism: article `i` draws from its own ChaCha8 stream (the seed is the
//! key, `i` the stream number), and only integer arithmetic turns random bits
//! into choices (no floating point, no hash-map order, no clock). The same
//! `(count, seed)` therefore gives byte-identical articles on every machine.
//! Article `i` of `count` differs from article `i` of another count only in
//! its times (the articles are spread over the same calendar whatever their
//! number) and so in the years its text cites; its random choices are the
//! same.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{
    article::{ArticleDraft, Author, AuthorRole},
    text,
};

mod library;
pub use library::{add_articles, add_history};

/// One synthetic article and the times it claims.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticArticle {
    pub draft: ArticleDraft,
    pub created_at: DateTime<Utc>,
    /// `>= created_at`.
    pub updated_at: DateTime<Utc>,
}

/// `count` articles, the same ones for the same `seed`, in order of creation
/// (`created_at` non-decreasing).
///
/// Headlines of 8–18 syllables, a sapo of 30–60 words, a Markdown body of
/// 300–1,500 words (paragraphs of 40–120 words, occasional `## ` subheadings
/// and `**bold**` phrases), one of ~60 reporters, 2–6 keywords, a skewed
/// category. About 85% are published, with `published_at` in +07:00 between
/// 2016-01-01 and 2026-10-31, rising with the index. Every draft is already in
/// the form `ArticleDraft::normalized()` returns.
pub fn articles(count: usize, seed: u64) -> impl Iterator<Item = SyntheticArticle> {
    let vocab = vocab();
    let timeline = Timeline::new(count);
    let key = ChaCha8Rng::seed_from_u64(seed);
    (0..count).map(move |index| {
        let mut rng = key.clone();
        rng.set_stream(index as u64);
        Writer::new(vocab, rng).article(&timeline, index)
    })
}

/// One editing session's change to `snapshot`, as writers and editors make
/// them: most often a word or a figure corrected, then a sentence added,
/// reworded or cut, sometimes the headline or the sapo retouched, a keyword
/// added. `rng` decides; the same state gives the same edit.
pub fn edit(snapshot: &mut crate::revision::Snapshot, rng: &mut ChaCha8Rng) {
    let vocab = vocab();
    // The writer draws from a stream of its own, forked from `rng`.
    let mut writer = Writer::new(vocab, ChaCha8Rng::seed_from_u64(rng.next_u64()));
    let kind = weighted(rng, &[40, 25, 15, 10, 5, 5]);
    match kind {
        // Correct a word of the body.
        0 => {
            let words = word_spans(&snapshot.body);
            if let Some(&(at, word)) = words.get(below(rng, words.len() as u64) as usize) {
                let (at, len) = (at, word.len());
                let mut replacement = String::new();
                writer.headline(&mut replacement);
                let replacement = replacement.split(' ').next().unwrap_or("").to_owned();
                snapshot.body.replace_range(at..at + len, &replacement);
            }
        }
        // Add a sentence at the end of a paragraph.
        1 => {
            let mut sentence = String::new();
            writer.headline(&mut sentence);
            let paragraphs: Vec<usize> = snapshot
                .body
                .match_indices("\n\n")
                .map(|(i, _)| i)
                .collect();
            let at = paragraphs
                .get(below(rng, paragraphs.len() as u64 + 1) as usize)
                .copied()
                .unwrap_or(snapshot.body.len());
            snapshot.body.insert_str(at, &format!(" {sentence}."));
        }
        // Cut a sentence.
        2 => {
            let stops: Vec<usize> = snapshot.body.match_indices(". ").map(|(i, _)| i).collect();
            if stops.len() >= 2 {
                let i = below(rng, stops.len() as u64 - 1) as usize;
                snapshot
                    .body
                    .replace_range(stops[i] + 1..stops[i + 1] + 1, "");
            }
        }
        // Retouch the headline.
        3 => {
            let mut headline = String::new();
            writer.headline(&mut headline);
            snapshot.headline = headline;
        }
        // Retouch the sapo's end.
        4 => {
            let mut words = String::new();
            writer.headline(&mut words);
            snapshot.sapo.push(' ');
            snapshot.sapo.push_str(&words);
        }
        // A keyword more.
        _ => {
            let mut word = String::new();
            writer.headline(&mut word);
            let keyword: String = word.split(' ').take(2).collect::<Vec<_>>().join(" ");
            if !snapshot.keywords.contains(&keyword) {
                snapshot.keywords.push(keyword);
            }
        }
    }
}

/// Runs of letters and digits of `text`, with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

// ---------------------------------------------------------------------------
// Vocabulary and patterns

const WORDS: &str = include_str!("synthetic/words.txt");
const TEMPLATES: &str = include_str!("synthetic/templates.txt");

/// The classes of the data files, with the `q` of their Zipf weights
/// `1/(rank + q)`: a small `q` gives a steep head, a large one a flatter list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Noun,
    Verb,
    Adj,
    Neg,
    Count,
    Metric,
    Revenue,
    Period,
    Group,
    Place,
    Org,
    Role,
    Title,
    Time,
    Day,
    Event,
    Say,
    Surname,
    MiddleM,
    MiddleF,
    GivenM,
    GivenF,
    Byline,
    Keyword,
    Note,
    Open,
    Clause,
    Ext,
    Quote,
    Sapo,
    Headline,
    Heading,
}

const CLASSES: [(Class, &str, u64); 32] = [
    (Class::Noun, "noun", 2),
    (Class::Verb, "verb", 2),
    (Class::Adj, "adj", 2),
    (Class::Neg, "neg", 2),
    (Class::Count, "count", 3),
    (Class::Metric, "metric", 3),
    (Class::Revenue, "revenue", 3),
    (Class::Period, "period", 2),
    (Class::Group, "group", 1),
    (Class::Place, "place", 3),
    (Class::Org, "org", 3),
    (Class::Role, "role", 1),
    (Class::Title, "title", 2),
    (Class::Time, "time", 3),
    (Class::Day, "day", 3),
    (Class::Event, "event", 2),
    (Class::Say, "say", 1),
    (Class::Surname, "surname", 1),
    (Class::MiddleM, "middle_m", 1),
    (Class::MiddleF, "middle_f", 1),
    (Class::GivenM, "given_m", 3),
    (Class::GivenF, "given_f", 3),
    (Class::Byline, "byline", 8),
    (Class::Keyword, "keyword", 1),
    (Class::Note, "note", 2),
    (Class::Open, "open", 4),
    (Class::Clause, "clause", 8),
    (Class::Ext, "ext", 5),
    (Class::Quote, "quote", 4),
    (Class::Sapo, "sapo", 4),
    (Class::Headline, "headline", 6),
    (Class::Heading, "heading", 4),
];

/// What fills a `{slot}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Class(Class),
    /// `{quote}`: a quote pattern, capitalised.
    Quote,
    Name,
    NameTitled,
    Num,
    /// A small number (2–12).
    Few,
    Pct,
    Money,
    Score,
    Date,
    Month,
    Year,
    YearNext,
    KeyPlace,
    KeyTopic,
}

fn slot_named(name: &str) -> Option<Slot> {
    Some(match name {
        "n" => Slot::Class(Class::Noun),
        "v" => Slot::Class(Class::Verb),
        "a" => Slot::Class(Class::Adj),
        "neg" => Slot::Class(Class::Neg),
        "c" => Slot::Class(Class::Count),
        "met" => Slot::Class(Class::Metric),
        "rev" => Slot::Class(Class::Revenue),
        "pd" => Slot::Class(Class::Period),
        "few" => Slot::Few,
        "g" => Slot::Class(Class::Group),
        "p" => Slot::Class(Class::Place),
        "o" => Slot::Class(Class::Org),
        "r" => Slot::Class(Class::Role),
        "ti" => Slot::Class(Class::Title),
        "t" => Slot::Class(Class::Time),
        "d" => Slot::Class(Class::Day),
        "e" => Slot::Class(Class::Event),
        "s" => Slot::Class(Class::Say),
        "open" => Slot::Class(Class::Open),
        "clause" => Slot::Class(Class::Clause),
        "ext" => Slot::Class(Class::Ext),
        "quote" => Slot::Quote,
        "m" => Slot::Name,
        "mx" => Slot::NameTitled,
        "num" => Slot::Num,
        "pct" => Slot::Pct,
        "money" => Slot::Money,
        "score" => Slot::Score,
        "date" => Slot::Date,
        "month" => Slot::Month,
        "year" => Slot::Year,
        "yearnext" => Slot::YearNext,
        "kp" => Slot::KeyPlace,
        "kt" => Slot::KeyTopic,
        _ => return None,
    })
}

#[derive(Debug)]
enum Piece {
    Text(Box<str>),
    Slot(Slot),
}

#[derive(Debug)]
struct Entry {
    /// The entry as written (NFC), without a `|p` mark.
    text: Box<str>,
    pieces: Box<[Piece]>,
    /// A keyword marked `|p`: a place, used where the text needs one.
    place: bool,
}

#[derive(Debug, Default)]
struct Table {
    entries: Vec<Entry>,
    /// Cumulative integer Zipf weights, one per entry.
    cumulative: Vec<u64>,
}

impl Table {
    /// A rank drawn with the Zipf weights; `None` for an empty table.
    fn pick(&self, rng: &mut ChaCha8Rng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let x = below(rng, total);
        Some(self.cumulative.partition_point(|&c| c <= x))
    }
}

#[derive(Debug)]
struct Vocab {
    tables: Vec<Table>,
    /// Problems in the data files (unknown class or slot names); empty when
    /// they are sound, which a test checks.
    problems: Vec<String>,
}

impl Vocab {
    fn table(&self, class: Class) -> &Table {
        &self.tables[class as usize]
    }
}

fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let vocab = build_vocab(&[WORDS, TEMPLATES]);
        for problem in &vocab.problems {
            tracing::warn!("seed data: {problem}");
        }
        vocab
    })
}

fn build_vocab(files: &[&str]) -> Vocab {
    let mut tables: Vec<Table> = CLASSES.iter().map(|_| Table::default()).collect();
    let mut problems = Vec::new();
    for file in files {
        let mut current: Option<usize> = None;
        for line in file.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('@') {
                current = CLASSES.iter().position(|(_, n, _)| *n == name.trim());
                if current.is_none() {
                    problems.push(format!("unknown class @{name}"));
                }
                continue;
            }
            let Some(class) = current else {
                problems.push(format!("entries outside a class: {line}"));
                continue;
            };
            for entry in line.split(';') {
                let entry = entry.trim();
                if !entry.is_empty() {
                    tables[class]
                        .entries
                        .push(parse_entry(entry, &mut problems));
                }
            }
        }
    }
    for (table, (_, _, q)) in tables.iter_mut().zip(CLASSES) {
        let mut sum = 0u64;
        table.cumulative = (1..=table.entries.len() as u64)
            .map(|rank| {
                sum += (1u64 << 40) / (rank + q);
                sum
            })
            .collect();
    }
    Vocab { tables, problems }
}

fn parse_entry(raw: &str, problems: &mut Vec<String>) -> Entry {
    let raw = text::nfc(raw);
    let (body, place) = match raw.strip_suffix("|p") {
        Some(body) => (body.trim_end(), true),
        None => (raw.as_str(), false),
    };
    let mut pieces = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            pieces.push(text_piece(rest));
            break;
        };
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            problems.push(format!("unclosed slot in '{body}'"));
            pieces.push(text_piece(rest));
            break;
        };
        if open > 0 {
            pieces.push(text_piece(&rest[..open]));
        }
        let name = &rest[open + 1..close];
        match slot_named(name) {
            Some(slot) => pieces.push(Piece::Slot(slot)),
            None => {
                problems.push(format!("unknown slot {{{name}}} in '{body}'"));
                pieces.push(text_piece(&rest[open..=close]));
            }
        }
        rest = &rest[close + 1..];
    }
    Entry {
        text: body.into(),
        pieces: pieces.into(),
        place,
    }
}

fn text_piece(s: &str) -> Piece {
    Piece::Text(s.into())
}

/// Words as the length rules count them: white-space separated tokens with at
/// least one letter or digit (so `##` is not a word). The data has no token
/// without one, so this is also the plain white-space count (a test checks).
fn word_count(s: &str) -> usize {
    s.split_ascii_whitespace()
        .filter(|w| {
            w.bytes().any(|b| b.is_ascii_alphanumeric()) || w.chars().any(char::is_alphanumeric)
        })
        .count()
}

// ---------------------------------------------------------------------------
// Random choices, in integer arithmetic only

/// Uniform in `0..n` (0 when `n` is 0), by a widening multiply.
fn below(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    ((u128::from(rng.next_u64()) * u128::from(n)) >> 64) as u64
}

/// Uniform in `lo..=hi`.
fn between(rng: &mut ChaCha8Rng, lo: u64, hi: u64) -> u64 {
    lo + below(rng, hi - lo + 1)
}

/// True with probability `percent`/100.
fn chance(rng: &mut ChaCha8Rng, percent: u64) -> bool {
    below(rng, 100) < percent
}

/// An index drawn with the given integer weights.
fn weighted(rng: &mut ChaCha8Rng, weights: &[u64]) -> usize {
    let mut x = below(rng, weights.iter().sum());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len().saturating_sub(1)
}

// ---------------------------------------------------------------------------
// Times

/// 2016-01-01T00:00:00+07:00 and 2026-10-31T23:59:59+07:00, in Unix seconds.
const FIRST: i64 = 1_451_581_200;
const LAST: i64 = 1_793_465_999;
const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// The longest wait between creation and publication.
const MAX_DELAY: i64 = 4 * DAY;

/// Creation times spread evenly over the calendar: article `i` is created in
/// the `i`th of `count` equal intervals, so the order is the order of creation.
struct Timeline {
    count: i128,
    span: i128,
}

impl Timeline {
    fn new(count: usize) -> Self {
        Timeline {
            count: count.max(1) as i128,
            span: i128::from(LAST - MAX_DELAY - FIRST),
        }
    }

    /// `[start, end)` of the interval of article `index`.
    fn interval(&self, index: usize) -> (i64, i64) {
        let at = |i: i128| FIRST + (self.span * i / self.count) as i64;
        (at(index as i128), at(index as i128 + 1))
    }
}

fn utc(seconds: i64) -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + TimeDelta::seconds(seconds)
}

// ---------------------------------------------------------------------------
// Writing one article

const CATEGORIES: [(&str, u64); 8] = [
    ("Thời sự", 28),
    ("Xã hội", 22),
    ("Kinh tế", 14),
    ("Chính trị", 10),
    ("Văn hóa", 8),
    ("Thể thao", 7),
    ("Giáo dục", 6),
    ("Pháp luật", 5),
];

const BODY_MIN: usize = 300;
const BODY_MAX: usize = 1_500;
const PARAGRAPH_MIN: usize = 40;
const PARAGRAPH_MAX: usize = 120;
const SAPO_MIN: usize = 30;
const SAPO_MAX: usize = 60;
const HEADLINE_MIN: usize = 8;
const HEADLINE_MAX: usize = 18;
/// The longest subheading; headings are counted in the body's words.
const HEADING_MAX: usize = 8;
const MAX_HEADINGS: usize = 3;
/// Patterns nest (a clause holds a time that holds a year); deeper is a loop
/// in the data and is cut.
const MAX_DEPTH: u32 = 6;

struct Writer<'v> {
    vocab: &'v Vocab,
    rng: ChaCha8Rng,
    /// The year the article is written in, for `{year}`.
    year: i32,
    /// The last year written, for `{yearnext}`.
    last_year: i32,
    /// The article's keywords that are places, and the others (ranks).
    key_places: Vec<usize>,
    key_topics: Vec<usize>,
    /// A `**bold**` phrase may still be set in this paragraph.
    bold_pending: bool,
    /// Where the sentence being written starts (a bold phrase never opens it).
    sentence_start: usize,
}

impl<'v> Writer<'v> {
    fn new(vocab: &'v Vocab, rng: ChaCha8Rng) -> Self {
        Writer {
            vocab,
            rng,
            year: 2020,
            last_year: 2020,
            key_places: Vec::new(),
            key_topics: Vec::new(),
            bold_pending: false,
            sentence_start: 0,
        }
    }

    fn article(mut self, timeline: &Timeline, index: usize) -> SyntheticArticle {
        // Times first, so that the text can speak of the article's year.
        let (start, end) = timeline.interval(index);
        let created = start + below(&mut self.rng, (end - start) as u64) as i64;
        let published = chance(&mut self.rng, 85).then(|| {
            let delay = match weighted(&mut self.rng, &[50, 35, 15]) {
                0 => between(&mut self.rng, 10, 180) as i64 * MINUTE,
                1 => between(&mut self.rng, 3, 24) as i64 * HOUR,
                _ => between(&mut self.rng, DAY as u64, MAX_DELAY as u64) as i64,
            };
            created + delay
        });
        let updated = match published {
            Some(p) => created + below(&mut self.rng, (p - created + 3 * DAY) as u64) as i64,
            None => created + below(&mut self.rng, (5 * DAY) as u64) as i64,
        };
        let offset = text::default_offset();
        let published_at = published.map(|p| utc(p).with_timezone(&offset));
        self.year = utc(published.unwrap_or(created))
            .with_timezone(&offset)
            .year();
        self.last_year = self.year;

        let category = CATEGORIES[weighted(&mut self.rng, &CATEGORIES.map(|(_, weight)| weight))].0;
        let keywords = self.keywords();
        let (byline, authors) = self.authors();

        let mut headline = String::with_capacity(96);
        self.headline(&mut headline);
        let mut sapo = String::with_capacity(400);
        let sapo_words = between(&mut self.rng, 32, 56) as usize;
        self.block(&mut sapo, SAPO_MIN, SAPO_MAX, sapo_words, true);
        let mut body = String::new();
        self.body(&mut body);
        let editor_note = if chance(&mut self.rng, 6) {
            self.pick_text(Class::Note).to_owned()
        } else {
            String::new()
        };

        SyntheticArticle {
            draft: ArticleDraft {
                headline,
                sapo,
                body,
                byline,
                authors,
                keywords,
                category: category.to_owned(),
                language: crate::article::DEFAULT_LANGUAGE.to_owned(),
                slug: None,
                published_at,
                editor_note,
                photos: Vec::new(),
                related: Vec::new(),
            },
            created_at: utc(created),
            updated_at: utc(updated),
        }
    }

    /// 2–6 distinct keywords, Zipf-weighted; remembers which are places.
    fn keywords(&mut self) -> Vec<String> {
        let table = self.vocab.table(Class::Keyword);
        let wanted = 2 + weighted(&mut self.rng, &[20, 30, 25, 15, 10]);
        let mut ranks: Vec<usize> = Vec::with_capacity(wanted);
        for _ in 0..wanted * 20 {
            if ranks.len() == wanted {
                break;
            }
            if let Some(rank) = table.pick(&mut self.rng)
                && !ranks.contains(&rank)
            {
                ranks.push(rank);
            }
        }
        for &rank in &ranks {
            if table.entries[rank].place {
                self.key_places.push(rank);
            } else {
                self.key_topics.push(rank);
            }
        }
        ranks
            .iter()
            .map(|&rank| table.entries[rank].text.to_string())
            .collect()
    }

    /// A reporter, and about one time in five a photographer too.
    fn authors(&mut self) -> (String, Vec<Author>) {
        let table = self.vocab.table(Class::Byline);
        let reporter = table.pick(&mut self.rng).unwrap_or(0);
        let name = |rank: usize| {
            table
                .entries
                .get(rank)
                .map(|e| e.text.to_string())
                .unwrap_or_default()
        };
        let byline = name(reporter);
        let mut authors = vec![Author {
            name: byline.clone(),
            role: AuthorRole::Reporter,
        }];
        if chance(&mut self.rng, 20) {
            let photographer = (0..10)
                .filter_map(|_| table.pick(&mut self.rng))
                .find(|&rank| rank != reporter);
            if let Some(rank) = photographer {
                authors.push(Author {
                    name: name(rank),
                    role: AuthorRole::Photographer,
                });
            }
        }
        (byline, authors)
    }

    fn headline(&mut self, out: &mut String) {
        for _ in 0..40 {
            out.clear();
            self.sentence_start = 0;
            self.class(out, Class::Headline, 0);
            if (HEADLINE_MIN..=HEADLINE_MAX).contains(&word_count(out)) {
                capitalize_at(out, 0);
                return;
            }
        }
        // Not reached with the shipped patterns; keeps the bounds regardless.
        let words: Vec<&str> = out.split_whitespace().take(HEADLINE_MAX).collect();
        let mut fixed = words.join(" ");
        while word_count(&fixed) < HEADLINE_MIN {
            fixed.push_str(if fixed.is_empty() { "tin" } else { " tin" });
        }
        *out = fixed;
        capitalize_at(out, 0);
    }

    /// Paragraphs until the body reaches its length, with a subheading now and
    /// then. The length is drawn over 300–1,500 words, more often short.
    fn body(&mut self, out: &mut String) {
        // Counted as white-space tokens, `##` included, so that the body is
        // within bounds however its words are counted: the last paragraph and
        // heading may overshoot the target, and headings' `##` are not words.
        let lowest = BODY_MIN + MAX_HEADINGS;
        let highest = BODY_MAX - PARAGRAPH_MAX - (HEADING_MAX + 1);
        let span = (highest - lowest) as u64;
        let mut draw = below(&mut self.rng, span + 1);
        if chance(&mut self.rng, 50) {
            draw = draw.min(below(&mut self.rng, span + 1));
        }
        let target = lowest + draw as usize;
        out.reserve(target * 7);
        let mut total = 0;
        let mut paragraphs = 0;
        let mut headings = 0;
        while total < target {
            if paragraphs > 0 {
                out.push_str("\n\n");
            }
            if paragraphs >= 2
                && headings < MAX_HEADINGS
                && target - total > 200
                && chance(&mut self.rng, 15)
            {
                out.push_str("## ");
                total += 1 + self.heading(out);
                out.push_str("\n\n");
                headings += 1;
            }
            let left = target - total;
            let wanted = between(&mut self.rng, PARAGRAPH_MIN as u64, 110) as usize;
            let wanted = wanted.min(left).max(PARAGRAPH_MIN);
            self.bold_pending = chance(&mut self.rng, 15);
            total += self.block(out, PARAGRAPH_MIN, PARAGRAPH_MAX, wanted, false);
            self.bold_pending = false;
            paragraphs += 1;
        }
    }

    /// A subheading's text; returns its words.
    fn heading(&mut self, out: &mut String) -> usize {
        let mark = out.len();
        for _ in 0..10 {
            out.truncate(mark);
            self.sentence_start = mark;
            self.class(out, Class::Heading, 0);
            let words = word_count(&out[mark..]);
            if (2..=HEADING_MAX).contains(&words) {
                capitalize_at(out, mark);
                return words;
            }
        }
        out.truncate(mark);
        out.push_str("Kết quả bước đầu");
        3
    }

    /// Sentences until `target` words (a paragraph or the sapo), never more
    /// than `max`; returns the words written, which are at least `min`.
    ///
    /// Words are counted in the text as written, a clause or an extension at
    /// a time; one that would pass `max` is taken back.
    fn block(
        &mut self,
        out: &mut String,
        min: usize,
        max: usize,
        target: usize,
        sapo: bool,
    ) -> usize {
        let mut count = 0;
        let mut failures = 0;
        let mut first = true;
        while count < target {
            let mark = out.len();
            if count > 0 {
                out.push(' ');
            }
            let start = out.len();
            self.sentence_start = start;
            if sapo && first {
                self.class(out, Class::Sapo, 0);
            } else {
                if chance(&mut self.rng, 30) {
                    self.class(out, Class::Open, 0);
                    out.push_str(", ");
                }
                self.class(out, Class::Clause, 0);
            }
            first = false;
            let mut words = word_count(&out[start..]);
            if count + words > max {
                out.truncate(mark);
                failures += 1;
                if failures > 8 {
                    break;
                }
                continue;
            }
            if !out.ends_with('”') {
                let sentence = if sapo {
                    target
                } else {
                    between(&mut self.rng, 14, 34) as usize
                };
                let mut extensions = 0;
                while words < sentence && count + words < target + 8 && extensions < 3 {
                    let before = out.len();
                    out.push_str(", ");
                    self.class(out, Class::Ext, 0);
                    let more = word_count(&out[before..]);
                    if count + words + more > max {
                        out.truncate(before);
                        break;
                    }
                    words += more;
                    extensions += 1;
                }
            }
            capitalize_at(out, start);
            out.push('.');
            count += words;
        }
        // Not reached with the shipped patterns: short sentences to the minimum.
        let mut tries = 0;
        while count < min && tries < 40 {
            tries += 1;
            let mark = out.len();
            if count > 0 {
                out.push(' ');
            }
            let start = out.len();
            self.sentence_start = start;
            self.class(out, Class::Ext, 0);
            let words = word_count(&out[start..]);
            if count + words > max {
                out.truncate(mark);
                continue;
            }
            capitalize_at(out, start);
            out.push('.');
            count += words;
        }
        count
    }

    /// Writes an entry of `class`.
    fn class(&mut self, out: &mut String, class: Class, depth: u32) {
        let vocab = self.vocab;
        let table = vocab.table(class);
        if let Some(rank) = table.pick(&mut self.rng) {
            self.pieces(out, &table.entries[rank].pieces, depth);
        }
    }

    fn pick_text(&mut self, class: Class) -> &'v str {
        let table = self.vocab.table(class);
        table
            .pick(&mut self.rng)
            .map(|rank| &*table.entries[rank].text)
            .unwrap_or_default()
    }

    fn pieces(&mut self, out: &mut String, pieces: &[Piece], depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Text(s) => out.push_str(s),
                Piece::Slot(Slot::Class(Class::Noun)) => {
                    // No "của …" or "và …" of our own where the pattern
                    // already links this noun to another one.
                    const LINKS: [&str; 3] = [" của ", " và ", " hay "];
                    let linked = matches!(
                        pieces.get(i + 1),
                        Some(Piece::Text(t)) if LINKS.iter().any(|l| t.starts_with(l))
                    ) || LINKS.iter().any(|l| out.ends_with(l));
                    self.noun_phrase(out, !linked, depth + 1);
                }
                Piece::Slot(slot) => self.slot(out, *slot, depth + 1),
            }
        }
    }

    /// A noun, sometimes with a plural or partitive before it ("các", "những",
    /// "một số") and an owner or a second noun after it ("của người dân",
    /// "và …"), as news prose strings them.
    fn noun_phrase(&mut self, out: &mut String, may_extend: bool, depth: u32) {
        const COUNTED: [&str; 10] = [
            "các ", "những ", "một ", "mỗi ", "nhiều ", "toàn ", "số ", "cả ", "từng ", "hai ",
        ];
        let before = below(&mut self.rng, 100);
        if !COUNTED.iter().any(|d| out.ends_with(d)) {
            out.push_str(match before {
                0..10 => "các ",
                10..14 => "những ",
                14..16 => "một số ",
                _ => "",
            });
        }
        self.maybe_bold(out, |w, out| w.class(out, Class::Noun, depth));
        if may_extend {
            match below(&mut self.rng, 100) {
                0..7 => {
                    out.push_str(" của ");
                    self.class(out, Class::Group, depth);
                }
                7..10 => {
                    out.push_str(" của ");
                    self.slot(out, Slot::KeyPlace, depth);
                }
                10..12 => {
                    out.push_str(" của ");
                    self.class(out, Class::Org, depth);
                }
                12..16 => {
                    out.push_str(" và ");
                    self.class(out, Class::Noun, depth);
                }
                _ => {}
            }
        }
    }

    fn slot(&mut self, out: &mut String, slot: Slot, depth: u32) {
        let vocab = self.vocab;
        match slot {
            Slot::Class(Class::Noun) => self.noun_phrase(out, true, depth),
            Slot::Class(class) => self.class(out, class, depth),
            Slot::Quote => {
                let start = out.len();
                self.class(out, Class::Quote, depth);
                capitalize_at(out, start);
            }
            Slot::Name => {
                let male = chance(&mut self.rng, 55);
                self.name(out, male);
            }
            Slot::NameTitled => {
                let male = chance(&mut self.rng, 55);
                out.push_str(if male { "ông " } else { "bà " });
                self.name(out, male);
            }
            Slot::KeyPlace => match self.key_places.len() {
                0 => self.class(out, Class::Place, depth),
                n => {
                    let rank = self.key_places[below(&mut self.rng, n as u64) as usize];
                    self.pieces(
                        out,
                        &vocab.table(Class::Keyword).entries[rank].pieces,
                        depth,
                    );
                }
            },
            Slot::KeyTopic => match self.key_topics.len() {
                0 => self.maybe_bold(out, |w, out| w.class(out, Class::Noun, depth)),
                n => {
                    let rank = self.key_topics[below(&mut self.rng, n as u64) as usize];
                    let pieces = &vocab.table(Class::Keyword).entries[rank].pieces;
                    self.maybe_bold(out, |w, out| w.pieces(out, pieces, depth));
                }
            },
            Slot::Num => {
                let n = match weighted(&mut self.rng, &[40, 35, 20, 5]) {
                    0 => between(&mut self.rng, 2, 20),
                    1 => between(&mut self.rng, 21, 200),
                    2 => between(&mut self.rng, 201, 5_000),
                    _ => between(&mut self.rng, 5_001, 120_000),
                };
                push_number(out, n);
            }
            Slot::Few => push_number(out, between(&mut self.rng, 2, 12)),
            Slot::Pct => {
                let tenths = match weighted(&mut self.rng, &[60, 35, 5]) {
                    0 => between(&mut self.rng, 1, 60) * 10,
                    1 => between(&mut self.rng, 5, 999),
                    _ => 1_000,
                };
                push_decimal(out, tenths);
                out.push('%');
            }
            Slot::Money => match weighted(&mut self.rng, &[40, 50, 10]) {
                0 => {
                    push_number(out, between(&mut self.rng, 5, 950));
                    out.push_str(" triệu đồng");
                }
                1 => {
                    push_decimal(out, between(&mut self.rng, 10, 999));
                    out.push_str(" tỷ đồng");
                }
                _ => {
                    push_decimal(out, between(&mut self.rng, 10, 250));
                    out.push_str(" nghìn tỷ đồng");
                }
            },
            Slot::Score => {
                let loser = between(&mut self.rng, 0, 2);
                let winner = loser + between(&mut self.rng, 1, 3);
                push_number(out, winner);
                out.push('-');
                push_number(out, loser);
            }
            Slot::Date => {
                push_number(out, between(&mut self.rng, 1, 28));
                out.push('/');
                push_number(out, between(&mut self.rng, 1, 12));
            }
            Slot::Month => push_number(out, between(&mut self.rng, 1, 12)),
            Slot::Year => {
                self.last_year = self.year - i32::from(chance(&mut self.rng, 20));
                push_digits(out, self.last_year);
            }
            Slot::YearNext => push_digits(out, self.last_year + 1),
        }
    }

    /// Writes through `write`, now and then as a paragraph's one bold phrase.
    fn maybe_bold(&mut self, out: &mut String, write: impl FnOnce(&mut Self, &mut String)) {
        if self.bold_pending && out.len() > self.sentence_start + 1 && chance(&mut self.rng, 20) {
            self.bold_pending = false;
            out.push_str("**");
            write(self, out);
            out.push_str("**");
        } else {
            write(self, out);
        }
    }

    /// Surname, middle name and given name.
    fn name(&mut self, out: &mut String, male: bool) {
        let (middle, given) = if male {
            (Class::MiddleM, Class::GivenM)
        } else {
            (Class::MiddleF, Class::GivenF)
        };
        out.push_str(self.pick_text(Class::Surname));
        out.push(' ');
        out.push_str(self.pick_text(middle));
        out.push(' ');
        out.push_str(self.pick_text(given));
    }
}

/// Upper-cases the letter at byte `at` (the start of a sentence). Vietnamese
/// letters have precomposed capitals, so NFC text stays NFC.
fn capitalize_at(out: &mut String, at: usize) {
    let Some(c) = out.get(at..).and_then(|s| s.chars().next()) else {
        return;
    };
    if c.is_lowercase() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(at..at + c.len_utf8(), &upper);
    }
}

/// A year, without a thousands separator.
fn push_digits(out: &mut String, n: i32) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// An integer the Vietnamese way: `1.200`, `45.000`.
fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = &digits[start..];
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(char::from(*d));
    }
}

/// Tenths with a decimal comma: 25 → `2,5`, 30 → `3`.
fn push_decimal(out: &mut String, tenths: u64) {
    push_number(out, tenths / 10);
    if !tenths.is_multiple_of(10) {
        out.push(',');
        out.push(char::from(b'0' + (tenths % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use unicode_normalization::is_nfc;

    const COMMON: [&str; 12] = [
        "của", "và", "các", "có", "là", "được", "trong", "người", "những", "cho", "với", "đã",
    ];

    fn sample(count: usize, seed: u64) -> Vec<SyntheticArticle> {
        articles(count, seed).collect()
    }

    /// Lower-cased words of an article's text, without punctuation or markup.
    fn words_of(a: &SyntheticArticle) -> BTreeSet<String> {
        let d = &a.draft;
        [&d.headline, &d.sapo, &d.body]
            .iter()
            .flat_map(|s| {
                s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/' || c == '%'))
            })
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(str::to_lowercase)
            .collect()
    }

    fn contains_phrase(haystack: &str, phrase: &str) -> bool {
        haystack.match_indices(phrase).any(|(i, _)| {
            let before = haystack[..i].chars().next_back();
            let after = haystack[i + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn the_data_files_parse_cleanly() {
        let v = vocab();
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        for (i, (class, _, _)) in CLASSES.iter().enumerate() {
            assert_eq!(*class as usize, i, "CLASSES is in the order of Class");
        }
        for (class, name, _) in CLASSES {
            let table = v.table(class);
            assert!(!table.entries.is_empty(), "@{name} is empty");
            let mut seen = BTreeSet::new();
            for e in &table.entries {
                assert!(seen.insert(&*e.text), "@{name} lists '{}' twice", e.text);
                assert!(!e.text.contains("**"), "{}", e.text);
            }
        }
        // Keywords must stay distinct once folded, or clean_keywords merges them.
        let keywords = &v.table(Class::Keyword).entries;
        let folded: BTreeSet<String> = keywords
            .iter()
            .map(|e| text::keyword_key(&e.text))
            .collect();
        assert_eq!(folded.len(), keywords.len());
        assert!(keywords.len() >= 280, "{} keywords", keywords.len());
        assert_eq!(v.table(Class::Byline).entries.len(), 60);
    }

    #[test]
    fn the_vocabulary_is_large_nfc_and_new_style() {
        assert!(is_nfc(WORDS) && is_nfc(TEMPLATES));
        let v = vocab();
        let mut words = BTreeSet::new();
        let mut syllables = BTreeSet::new();
        for table in &v.tables {
            for e in &table.entries {
                if !e.text.contains('{') {
                    words.insert(e.text.to_lowercase());
                }
                for piece in &*e.pieces {
                    if let Piece::Text(s) = piece {
                        for w in s
                            .split(|c: char| !c.is_alphabetic())
                            .filter(|w| !w.is_empty())
                        {
                            syllables.insert(w.to_lowercase());
                        }
                    }
                }
            }
        }
        assert!(words.len() >= 2_500, "{} distinct words", words.len());
        assert!(
            syllables.len() >= 1_000,
            "{} distinct syllables",
            syllables.len()
        );
        for s in ["ma", "má", "mà", "mả", "mã", "mạ", "đ", "ộ", "ẵ", "ế", "ưở"] {
            assert!(
                syllables
                    .iter()
                    .any(|w| if s.chars().count() == 1 || s == "ưở" {
                        w.contains(s)
                    } else {
                        w == s
                    }),
                "no '{s}'"
            );
        }
        // New-style tone placement: an open "oa", "oe" or "uy" (not after q)
        // carries the mark on its first vowel: hòa, khỏe, thủy.
        let old_style = [
            "oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ",
            "uỵ",
        ];
        for w in &syllables {
            for o in old_style {
                if w.ends_with(o) && !w.ends_with(&format!("q{o}")) {
                    panic!("old-style tone placement in '{w}'");
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let a = sample(60, 7);
        assert_eq!(a, sample(60, 7));
        let b = sample(60, 8);
        assert!(a.iter().zip(&b).all(|(x, y)| x.draft.body != y.draft.body));
        // The first articles do not depend on how many follow, but for their
        // times (and the years their text cites).
        let fewer = sample(10, 7);
        for (x, y) in fewer.iter().zip(&a) {
            assert_eq!(x.draft.keywords, y.draft.keywords);
            assert_eq!(x.draft.byline, y.draft.byline);
            assert_eq!(x.draft.category, y.draft.category);
            assert_eq!(
                x.draft.published_at.is_some(),
                y.draft.published_at.is_some()
            );
        }
    }

    /// FNV-1a over everything an article claims, as a fingerprint.
    fn fingerprint(articles: &[SyntheticArticle]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for a in articles {
            let d = &a.draft;
            let authors: Vec<String> = d
                .authors
                .iter()
                .map(|p| {
                    let role = match p.role {
                        AuthorRole::Reporter => "reporter",
                        AuthorRole::Photographer => "photographer",
                        AuthorRole::Editor => "editor",
                        AuthorRole::Translator => "translator",
                    };
                    format!("{}/{role}", p.name)
                })
                .collect();
            let published = d.published_at.map(|t| t.to_rfc3339()).unwrap_or_default();
            for field in [
                &d.headline,
                &d.sapo,
                &d.body,
                &d.byline,
                &authors.join(";"),
                &d.keywords.join(";"),
                &d.category,
                &published,
                &d.editor_note,
                &a.created_at.to_rfc3339(),
                &a.updated_at.to_rfc3339(),
            ] {
                for b in field.bytes().chain([0]) {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
        }
        h
    }

    #[test]
    fn a_fixed_seed_gives_a_fixed_library() {
        // Pinned: a change of random stream (a dependency upgrade, a change in
        // how choices are drawn or in the data files) moves every seeded
        // library, so it has to be deliberate: update these values with it.
        let articles = sample(20, 42);
        assert_eq!(
            articles[0].draft.headline,
            "Hơn 4.794 du khách Hội An được hỗ trợ hoạt động"
        );
        assert_eq!(fingerprint(&articles), 12_378_319_974_518_084_836);
    }

    #[test]
    fn lengths_are_within_the_rules() {
        let articles = sample(300, 1);
        let mut short = 0;
        let mut long = 0;
        for a in &articles {
            let d = &a.draft;
            let headline = word_count(&d.headline);
            assert!((8..=18).contains(&headline), "{headline}: {}", d.headline);
            let sapo = word_count(&d.sapo);
            assert!((30..=60).contains(&sapo), "{sapo}: {}", d.sapo);
            assert!(!d.sapo.contains('\n'));
            let body = word_count(&d.body);
            assert!((300..=1500).contains(&body), "{body}");
            // However a caller counts: plain white-space tokens, `##` too.
            assert!(d.body.split_whitespace().count() <= 1500);
            for s in [&d.headline, &d.sapo, &d.body] {
                for token in s.split_whitespace().filter(|t| *t != "##") {
                    assert!(token.chars().any(char::is_alphanumeric), "{token:?} in {s}");
                }
            }
            short += usize::from(body < 500);
            long += usize::from(body > 1200);
            for block in d.body.split("\n\n") {
                assert!(!block.is_empty() && !block.contains('\n'), "{block:?}");
                if let Some(heading) = block.strip_prefix("## ") {
                    assert!((2..=8).contains(&word_count(heading)), "{heading}");
                } else {
                    let n = word_count(block);
                    assert!((40..=120).contains(&n), "{n}: {block}");
                    assert!(block.ends_with('.'), "{block}");
                    assert_eq!(block.matches("**").count() % 2, 0, "{block}");
                }
            }
            assert!(!d.body.contains("](") && !d.body.contains("!["));
            assert!((2..=6).contains(&d.keywords.len()));
            assert_eq!(d.authors[0].name, d.byline);
            assert_eq!(d.authors[0].role, AuthorRole::Reporter);
            assert!(d.authors.len() <= 2);
        }
        assert!(short >= 10 && long >= 10, "{short} short, {long} long");
        let bold = articles
            .iter()
            .filter(|a| a.draft.body.contains("**"))
            .count();
        let headings = articles
            .iter()
            .filter(|a| a.draft.body.contains("## "))
            .count();
        let photographers = articles
            .iter()
            .filter(|a| a.draft.authors.len() == 2)
            .count();
        assert!(bold > 30 && bold < 290, "{bold} with bold");
        assert!(headings > 30 && headings < 290, "{headings} with headings");
        assert!(
            (30..=100).contains(&photographers),
            "{photographers} with photographers"
        );
    }

    #[test]
    fn common_words_are_everywhere_and_rare_ones_are_not() {
        let articles = sample(400, 3);
        let sets: Vec<BTreeSet<String>> = articles.iter().map(words_of).collect();
        for w in COMMON {
            let n = sets.iter().filter(|s| s.contains(w)).count();
            assert!(n >= 380, "'{w}' in only {n} of 400 articles");
        }
        // The rarest nouns and verbs appear in few articles.
        let v = vocab();
        for class in [Class::Noun, Class::Verb] {
            let entries = &v.table(class).entries;
            let rare = &entries[entries.len() - 1].text;
            let n = articles
                .iter()
                .filter(|a| contains_phrase(&a.draft.body, rare))
                .count();
            assert!(n <= 20, "'{rare}' in {n} of 400 articles");
        }
        // A Zipf-like curve: the function words at the head, frequency
        // falling with rank (log-log slope near -1), and a long tail.
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        let mut total = 0;
        for a in &articles {
            for w in a
                .draft
                .body
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
                total += 1;
            }
        }
        let mut ranked: Vec<(usize, &str)> = counts.iter().map(|(w, &n)| (n, w.as_str())).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let freq: Vec<usize> = ranked.iter().map(|(n, _)| *n).collect();
        assert!(freq.len() >= 1_400, "{} distinct syllables", freq.len());
        assert!(
            freq[0] * 1000 / total >= 15,
            "top syllable is {} of {total}",
            freq[0]
        );
        for w in COMMON {
            let rank = ranked.iter().position(|(_, x)| *x == w);
            assert!(rank.is_some_and(|r| r < 30), "'{w}' ranks {rank:?}");
        }
        let points: Vec<(f64, f64)> = (1..=1000)
            .map(|r| ((r as f64).ln(), (freq[r - 1] as f64).ln()))
            .collect();
        let n = points.len() as f64;
        let (mx, my) = (
            points.iter().map(|p| p.0).sum::<f64>() / n,
            points.iter().map(|p| p.1).sum::<f64>() / n,
        );
        let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
            / points.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
        assert!(
            (-1.6..=-0.8).contains(&slope),
            "rank-frequency slope {slope}"
        );
        let singles = freq.iter().filter(|&&f| f <= 3).count();
        assert!(singles >= 100, "{singles} syllables seen at most 3 times");
    }

    #[test]
    fn drafts_are_already_normalized() {
        for a in sample(200, 11) {
            let d = a.draft.clone();
            let normalized = d.normalized();
            assert!(
                normalized.as_ref().is_ok_and(|n| *n == a.draft),
                "{:?}",
                a.draft.headline
            );
            let d = &a.draft;
            for s in [
                &d.headline,
                &d.sapo,
                &d.body,
                &d.byline,
                &d.category,
                &d.editor_note,
            ] {
                assert!(is_nfc(s));
            }
            assert!(d.keywords.iter().all(|k| is_nfc(k)));
            assert!(d.authors.iter().all(|k| is_nfc(&k.name)));
            assert_eq!(d.language, "vi");
            assert!(d.slug.is_none() && d.photos.is_empty() && d.related.is_empty());
            assert!(CATEGORIES.iter().any(|(c, _)| *c == d.category));
            let first = d.headline.chars().next();
            assert!(first.is_some_and(char::is_uppercase), "{}", d.headline);
            for p in d.body.split("\n\n") {
                let c = p.chars().next();
                assert!(
                    c.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '#'),
                    "{p}"
                );
            }
        }
    }

    #[test]
    fn times_rise_with_the_index() {
        let articles = sample(2_000, 5);
        let first = DateTime::parse_from_rfc3339("2016-01-01T00:00:00+07:00").map(|t| t.to_utc());
        let last = DateTime::parse_from_rfc3339("2026-10-31T23:59:59+07:00").map(|t| t.to_utc());
        let (Ok(first), Ok(last)) = (first, last) else {
            panic!("bad constants");
        };
        let mut published = 0;
        for pair in articles.windows(2) {
            assert!(pair[0].created_at <= pair[1].created_at);
        }
        for a in &articles {
            assert!(a.created_at <= a.updated_at);
            assert!(a.updated_at - a.created_at <= TimeDelta::days(8));
            if let Some(p) = a.draft.published_at {
                published += 1;
                assert_eq!(p.offset().local_minus_utc(), 7 * 3600);
                let p = p.to_utc();
                assert!(a.created_at < p && p - a.created_at <= TimeDelta::days(4));
                assert!(first <= p && p <= last);
            }
        }
        assert!(
            (1_600..=1_800).contains(&published),
            "{published} published"
        );
        // Published times rise over the sequence: each tenth is later than the last.
        let tenths: Vec<i64> = articles
            .chunks(200)
            .map(|chunk| {
                let times: Vec<i64> = chunk
                    .iter()
                    .filter_map(|a| a.draft.published_at)
                    .map(|p| p.timestamp())
                    .collect();
                times.iter().sum::<i64>() / times.len().max(1) as i64
            })
            .collect();
        assert!(tenths.windows(2).all(|w| w[0] < w[1]), "{tenths:?}");
        assert!(articles[0].created_at < utc(FIRST + 30 * DAY));
        assert!(articles[1_999].created_at > utc(LAST - 30 * DAY));
        // Some come out the same second as others; none before the calendar.
        assert!(articles.iter().all(|a| a.created_at >= first));
    }

    #[test]
    fn categories_are_skewed() {
        let articles = sample(1_000, 9);
        let count = |c: &str| articles.iter().filter(|a| a.draft.category == c).count();
        assert!(count("Thời sự") > count("Kinh tế") && count("Xã hội") > count("Kinh tế"));
        assert!(count("Pháp luật") > 0 && count("Pháp luật") < count("Chính trị"));
        let notes = articles
            .iter()
            .filter(|a| !a.draft.editor_note.is_empty())
            .count();
        assert!((20..=120).contains(&notes), "{notes} notes");
        // Keywords are Zipf-weighted: the top one is common, most are rare.
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for a in &articles {
            for k in &a.draft.keywords {
                *counts.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut freq: Vec<usize> = counts.values().copied().collect();
        freq.sort_unstable_by(|a, b| b.cmp(a));
        assert!(freq[0] >= 150, "top keyword in {} of 1000", freq[0]);
        assert!(freq.iter().filter(|&&f| f <= 5).count() >= 80);
    }

    #[test]
    fn no_count_is_an_empty_iterator() {
        assert_eq!(articles(0, 1).count(), 0);
        let one = sample(1, 1);
        assert_eq!(one.len(), 1);
    }
}
