//! Whole-article revisions: the snapshot of what a writer can change, its
//! compact storage, and the comparison of two revisions.
//!
//! Storage. A revision's text is its snapshot as JSON (the field order of
//! [`Snapshot`], so the same snapshot always gives the same text). It is kept
//! either whole (a keyframe) or as a delta: the edit script that turns the
//! previous revision's text into this one's. Every record starts with one tag
//! byte:
//!
//! - `w`: a keyframe: the FNV-1a 32-bit hash of the JSON text (4 bytes,
//!   little-endian), then the text, raw-deflated.
//! - `d`: a delta, raw-deflated; `D`: the same delta uncompressed, when
//!   deflate would make it longer (small edits).
//!
//! A delta, once inflated, is: the byte lengths of the text it applies to and
//! of the text it makes (LEB128 varints), the FNV-1a 32-bit hash of the text
//! it makes (4 bytes, little-endian), the number of operations (varint), the
//! operations, and then every inserted byte, concatenated. An operation is one
//! varint `len << 2 | kind`, where kind 0 keeps the next `len` bytes of the old
//! text, 1 skips them, and 2 inserts the next `len` inserted bytes. The edit
//! script is found word by word (see [`compare`]'s tokens) with Myers' diff, so
//! an edited word costs a few bytes however long the article.
//!
//! Deltas are always against the text of the revision just before, and a
//! keyframe comes every [`KEYFRAME_EVERY`] revisions (sooner when a delta
//! would be no smaller than the keyframe), so restoring a revision inflates
//! one keyframe and replays fewer than `KEYFRAME_EVERY` deltas.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag};

use crate::article::{Article, ArticleDraft, Author, AuthorRole, PlacementInput};

/// Everything a writer can change, as one value: every field, photos with
/// caption, credit, alt, featured, keywords, authors, related references,
/// editor's note, slug, category, published_at. Not: id, timestamps, status
/// (nor the language, which the editor does not change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub headline: String,
    pub sapo: String,
    /// Markdown.
    pub body: String,
    pub byline: String,
    pub authors: Vec<Author>,
    pub keywords: Vec<String>,
    pub category: String,
    pub slug: String,
    /// True when a person chose the slug; false while it follows the headline.
    pub slug_manual: bool,
    pub published_at: Option<DateTime<FixedOffset>>,
    /// In the writer's order.
    pub photos: Vec<PlacementInput>,
    /// Ids or slugs, as written, in order.
    pub related: Vec<String>,
    pub editor_note: String,
}

impl Snapshot {
    pub fn of(article: &Article) -> Snapshot {
        let draft = article.to_draft();
        Snapshot {
            headline: draft.headline,
            sapo: draft.sapo,
            body: draft.body,
            byline: draft.byline,
            authors: draft.authors,
            keywords: draft.keywords,
            category: draft.category,
            slug: article.slug.clone(),
            slug_manual: article.slug_manual,
            published_at: draft.published_at,
            photos: draft.photos,
            related: draft.related,
            editor_note: draft.editor_note,
        }
    }

    /// What `draft` would make, as a revision holds it: a draft that names
    /// its slug has a slug a person chose; one that does not, the headline's
    /// (before any suffix that keeps it unique in a library).
    pub fn of_draft(draft: &ArticleDraft) -> Snapshot {
        Snapshot {
            headline: draft.headline.clone(),
            sapo: draft.sapo.clone(),
            body: draft.body.clone(),
            byline: draft.byline.clone(),
            authors: draft.authors.clone(),
            keywords: draft.keywords.clone(),
            category: draft.category.clone(),
            slug: draft
                .slug
                .clone()
                .unwrap_or_else(|| crate::text::slugify(&draft.headline)),
            slug_manual: draft.slug.is_some(),
            published_at: draft.published_at,
            photos: draft.photos.clone(),
            related: draft.related.clone(),
            editor_note: draft.editor_note.clone(),
        }
    }

    /// The draft that makes this revision again, for an article in
    /// `language`. A slug nobody chose comes back as `None`, so it keeps
    /// following the headline.
    pub fn into_draft(self, language: &str) -> ArticleDraft {
        ArticleDraft {
            headline: self.headline,
            sapo: self.sapo,
            body: self.body,
            byline: self.byline,
            authors: self.authors,
            keywords: self.keywords,
            category: self.category,
            language: language.to_owned(),
            slug: self.slug_manual.then_some(self.slug),
            published_at: self.published_at,
            editor_note: self.editor_note,
            photos: self.photos,
            related: self.related,
        }
    }

    /// The revision's text: what keyframes hold and deltas change.
    fn text(&self) -> Vec<u8> {
        // A struct of strings, lists and an RFC 3339 time always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------
// Storage

/// How a revision is stored: either whole (a keyframe) or as the change from
/// the previous revision's stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Whole(Vec<u8>),
    Delta(Vec<u8>),
}

impl Stored {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Stored::Whole(b) | Stored::Delta(b) => b,
        }
    }

    pub fn is_whole(&self) -> bool {
        matches!(self, Stored::Whole(_))
    }
}

/// A keyframe every this many revisions: one keyframe, then at most
/// `KEYFRAME_EVERY - 1` deltas.
pub const KEYFRAME_EVERY: usize = 32;

const TAG_WHOLE: u8 = b'w';
const TAG_DELTA: u8 = b'd';
const TAG_DELTA_RAW: u8 = b'D';

/// The longest revision text this version inflates or rebuilds (64 MiB), so a
/// corrupt length cannot ask for all the memory.
const MAX_TEXT: usize = 64 << 20;

/// Deflate's best (and slowest) level; revisions are small.
const LEVEL: u8 = 10;

/// How long the word diff of a delta may search for the shortest script
/// before settling for a longer one (only a rewrite of a long article gets
/// near it).
const DIFF_BUDGET: Duration = Duration::from_millis(250);

const OP_KEEP: u64 = 0;
const OP_SKIP: u64 = 1;
const OP_INSERT: u64 = 2;

/// Encodes `next`, given the previous revision's snapshot (`None` for the
/// first) and how many deltas follow the last keyframe. The caller counts:
/// after a [`Stored::Whole`] the count is 0, after a [`Stored::Delta`] one
/// more. A keyframe comes when there is no previous revision, when
/// `KEYFRAME_EVERY - 1` deltas already follow the last one, and when the
/// delta would be no smaller than the keyframe.
pub fn store(prev: Option<&Snapshot>, deltas_since_keyframe: usize, next: &Snapshot) -> Stored {
    let text = next.text();
    let whole = || {
        let mut out = vec![TAG_WHOLE];
        out.extend(fnv1a(&text).to_le_bytes());
        out.extend(miniz_oxide::deflate::compress_to_vec(&text, LEVEL));
        Stored::Whole(out)
    };
    let Some(prev) = prev else {
        return whole();
    };
    if deltas_since_keyframe + 1 >= KEYFRAME_EVERY {
        return whole();
    }
    let delta = encode_delta(&prev.text(), &text);
    // A delta under a tenth of the raw text is smaller than any keyframe
    // deflate makes of prose (news text deflates to a third or so): keep it
    // without deflating the whole text just to compare.
    if delta.len() * 10 < text.len() {
        return Stored::Delta(delta);
    }
    let whole = whole();
    if delta.len() >= whole.bytes().len() {
        whole
    } else {
        Stored::Delta(delta)
    }
}

/// Rebuilds a snapshot from a keyframe followed by the deltas after it, in
/// order. `Err` names what is corrupt.
pub fn load(keyframe: &[u8], deltas: &[&[u8]]) -> Result<Snapshot, String> {
    let mut text = match keyframe.split_first() {
        None => return Err("the keyframe is empty".to_owned()),
        Some((&TAG_WHOLE, rest)) => {
            let (hash, deflated) = rest
                .split_first_chunk::<4>()
                .ok_or("the keyframe ends before its text")?;
            let text = inflate(deflated)
                .map_err(|e| format!("the keyframe's compressed text is damaged ({e})"))?;
            if fnv1a(&text) != u32::from_le_bytes(*hash) {
                return Err("the keyframe's text does not match its hash".to_owned());
            }
            text
        }
        Some((&(TAG_DELTA | TAG_DELTA_RAW), _)) => {
            return Err("the keyframe is a delta, not a whole revision".to_owned());
        }
        Some((tag, _)) => {
            return Err(format!(
                "the keyframe starts with byte {tag:#04x}, not a revision this version knows"
            ));
        }
    };
    for (i, delta) in deltas.iter().enumerate() {
        let n = i + 1;
        let of = deltas.len();
        let payload = match delta.split_first() {
            None => return Err(format!("delta {n} of {of} is empty")),
            Some((&TAG_DELTA, rest)) => inflate(rest)
                .map_err(|e| format!("delta {n} of {of}: its compressed data is damaged ({e})"))?,
            Some((&TAG_DELTA_RAW, rest)) => rest.to_vec(),
            Some((&TAG_WHOLE, _)) => {
                return Err(format!("delta {n} of {of} is a keyframe, not a delta"));
            }
            Some((tag, _)) => {
                return Err(format!(
                    "delta {n} of {of} starts with byte {tag:#04x}, not a revision this version knows"
                ));
            }
        };
        text = apply_delta(&text, &payload).map_err(|e| format!("delta {n} of {of}: {e}"))?;
    }
    serde_json::from_slice(&text).map_err(|e| {
        if deltas.is_empty() {
            format!("the keyframe does not hold a revision ({e})")
        } else {
            format!(
                "the revision rebuilt from the keyframe and {} deltas is not a revision ({e})",
                deltas.len()
            )
        }
    })
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_TEXT).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            format!("it inflates to more than {MAX_TEXT} bytes")
        }
        status => format!("{status:?}"),
    })
}

fn encode_delta(old: &[u8], new: &[u8]) -> Vec<u8> {
    let ops = edit_script(old, new);
    let mut payload = Vec::with_capacity(16 + ops.len() * 3);
    put_varint(&mut payload, old.len() as u64);
    put_varint(&mut payload, new.len() as u64);
    payload.extend(fnv1a(new).to_le_bytes());
    put_varint(&mut payload, ops.len() as u64);
    let mut inserted = Vec::new();
    for op in &ops {
        match *op {
            Op::Keep(len) => put_varint(&mut payload, (len as u64) << 2 | OP_KEEP),
            Op::Skip(len) => put_varint(&mut payload, (len as u64) << 2 | OP_SKIP),
            Op::Insert(ref range) => {
                put_varint(&mut payload, (range.len() as u64) << 2 | OP_INSERT);
                inserted.extend_from_slice(&new[range.clone()]);
            }
        }
    }
    payload.extend(inserted);
    let deflated = miniz_oxide::deflate::compress_to_vec(&payload, LEVEL);
    let mut out = Vec::with_capacity(1 + payload.len().min(deflated.len()));
    if deflated.len() < payload.len() {
        out.push(TAG_DELTA);
        out.extend(deflated);
    } else {
        out.push(TAG_DELTA_RAW);
        out.extend(payload);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Keep(usize),
    Skip(usize),
    /// The bytes of the new text to insert.
    Insert(std::ops::Range<usize>),
}

/// The word-by-word edit script from `old` to `new`, in bytes. Both are JSON
/// texts, so UTF-8.
fn edit_script(old: &[u8], new: &[u8]) -> Vec<Op> {
    let old = String::from_utf8_lossy(old);
    let new_str = String::from_utf8_lossy(new);
    let a = tokens(&old);
    let b = tokens(&new_str);
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &a,
        &b,
        Some(Instant::now() + DIFF_BUDGET),
    );
    let len = |t: &[&str]| t.iter().map(|s| s.len()).sum::<usize>();
    // Byte offsets into `new` of each token's start.
    let mut new_offsets = Vec::with_capacity(b.len() + 1);
    let mut at = 0;
    for t in &b {
        new_offsets.push(at);
        at += t.len();
    }
    new_offsets.push(at);
    let mut out: Vec<Op> = Vec::new();
    let mut push = |op: Op| match (out.last_mut(), op) {
        (Some(Op::Keep(n)), Op::Keep(m)) | (Some(Op::Skip(n)), Op::Skip(m)) => *n += m,
        (Some(Op::Insert(r)), Op::Insert(s)) if r.end == s.start => r.end = s.end,
        (_, op) => out.push(op),
    };
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let insert = Op::Insert(new_offsets[new_range.start]..new_offsets[new_range.end]);
        match tag {
            DiffTag::Equal => push(Op::Keep(len(&a[old_range]))),
            DiffTag::Delete => push(Op::Skip(len(&a[old_range]))),
            DiffTag::Insert => push(insert),
            DiffTag::Replace => {
                push(Op::Skip(len(&a[old_range])));
                push(insert);
            }
        }
    }
    out.retain(|op| match op {
        Op::Keep(n) | Op::Skip(n) => *n > 0,
        Op::Insert(r) => !r.is_empty(),
    });
    out
}

fn apply_delta(old: &[u8], payload: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = Reader {
        data: payload,
        at: 0,
    };
    let base_len = r.varint("the length of the text it changes")?;
    if base_len != old.len() as u64 {
        return Err(format!(
            "it changes a text of {base_len} bytes, but the revision before it has {} bytes",
            old.len()
        ));
    }
    let new_len = r.varint("the length of the text it makes")?;
    let new_len = usize::try_from(new_len)
        .ok()
        .filter(|&n| n <= MAX_TEXT)
        .ok_or_else(|| format!("it claims a text of {new_len} bytes, more than {MAX_TEXT}"))?;
    let hash = r.u32("the hash of the text it makes")?;
    let count = r.varint("the number of its operations")?;
    let mut ops = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(payload.len()));
    let mut inserted_total: u64 = 0;
    for i in 0..count {
        let v = r.varint("an operation")?;
        let len = v >> 2;
        if v & 3 == OP_INSERT {
            inserted_total = inserted_total.saturating_add(len);
        }
        if v & 3 > OP_INSERT {
            return Err(format!("operation {} has unknown kind {}", i + 1, v & 3));
        }
        ops.push((v & 3, usize::try_from(len).unwrap_or(usize::MAX)));
    }
    let inserted = &payload[r.at..];
    if inserted_total != inserted.len() as u64 {
        return Err(format!(
            "its operations insert {inserted_total} bytes, but it carries {} bytes to insert",
            inserted.len()
        ));
    }
    let mut out = Vec::with_capacity(new_len);
    let (mut at_old, mut at_ins) = (0usize, 0usize);
    for (i, &(kind, len)) in ops.iter().enumerate() {
        match kind {
            OP_KEEP | OP_SKIP => {
                let end = at_old
                    .checked_add(len)
                    .filter(|&e| e <= old.len())
                    .ok_or_else(|| {
                        format!(
                            "operation {} runs past the end of the text before it ({} bytes)",
                            i + 1,
                            old.len()
                        )
                    })?;
                if kind == OP_KEEP {
                    out.extend_from_slice(&old[at_old..end]);
                }
                at_old = end;
            }
            _ => {
                // In bounds: the lengths sum to `inserted.len()`.
                out.extend_from_slice(&inserted[at_ins..at_ins + len]);
                at_ins += len;
            }
        }
        if out.len() > new_len {
            return Err(format!(
                "it makes more than the {new_len} bytes it claims (at operation {})",
                i + 1
            ));
        }
    }
    if at_old != old.len() {
        return Err(format!(
            "it leaves {} bytes of the text before it unaccounted for",
            old.len() - at_old
        ));
    }
    if out.len() != new_len {
        return Err(format!(
            "it makes {} bytes, not the {new_len} it claims",
            out.len()
        ));
    }
    if fnv1a(&out) != hash {
        return Err("the text it makes does not match its hash".to_owned());
    }
    Ok(out)
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self, what: &str) -> Result<u64, String> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.data.get(self.at) else {
                return Err(format!("it ends in the middle of {what}"));
            };
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("{what} is not a number (too many bytes)"))
    }

    fn u32(&mut self, what: &str) -> Result<u32, String> {
        let bytes = self
            .data
            .get(self.at..self.at + 4)
            .ok_or_else(|| format!("it ends in the middle of {what}"))?;
        self.at += 4;
        let mut b = [0u8; 4];
        b.copy_from_slice(bytes);
        Ok(u32::from_le_bytes(b))
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn fnv1a(data: &[u8]) -> u32 {
    data.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

// ---------------------------------------------------------------------------
// Comparison

/// One field's change between two revisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// "headline", "sapo", "body", "keywords", "photos[1].caption",
    /// "related", …: see [`compare`].
    pub field: String,
    pub before: String,
    pub after: String,
    /// The change word by word (Vietnamese words are syllables: split on
    /// white space and punctuation, keeping the separators, so the parts
    /// that are not `Added` rejoin to `before` and those not `Removed` to
    /// `after`).
    pub parts: Vec<DiffPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// Field by field, only the fields that differ, in the article's order:
/// `headline`, `sapo`, `body`, `byline`, `authors`, `keywords`, `category`,
/// `slug`, `slug_manual`, `published_at`, `photos` (the list of photo files,
/// when photos were added, removed or reordered), then for each photo of `b`
/// `photos[i].sha256`, `.caption`, `.credit`, `.alt` and `.featured` (`i`
/// counts from 0 in `b`; a photo is matched to `a`'s by its file name, and
/// one new in `b` is compared with empty values), `related`, `editor_note`.
///
/// Lists are shown one line of text: keywords and related references joined
/// with ", ", authors as "Name (role)" joined with "; ". Times are RFC 3339,
/// flags "true"/"false", and an absent value empty.
pub fn compare(a: &Snapshot, b: &Snapshot) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut field = |name: &str, before: String, after: String| {
        if before != after {
            out.push(FieldChange {
                field: name.to_owned(),
                parts: diff_words(&before, &after),
                before,
                after,
            });
        }
    };
    field("headline", a.headline.clone(), b.headline.clone());
    field("sapo", a.sapo.clone(), b.sapo.clone());
    field("body", a.body.clone(), b.body.clone());
    field("byline", a.byline.clone(), b.byline.clone());
    field(
        "authors",
        authors_text(&a.authors),
        authors_text(&b.authors),
    );
    field("keywords", a.keywords.join(", "), b.keywords.join(", "));
    field("category", a.category.clone(), b.category.clone());
    field("slug", a.slug.clone(), b.slug.clone());
    field(
        "slug_manual",
        a.slug_manual.to_string(),
        b.slug_manual.to_string(),
    );
    field(
        "published_at",
        time_text(a.published_at),
        time_text(b.published_at),
    );
    let files = |s: &Snapshot| {
        s.photos
            .iter()
            .map(|p| p.file.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    field("photos", files(a), files(b));
    let empty = PlacementInput::default();
    for (i, p) in b.photos.iter().enumerate() {
        let q = a.photos.iter().find(|q| q.file == p.file).unwrap_or(&empty);
        let name = |part: &str| format!("photos[{i}].{part}");
        field(&name("sha256"), q.sha256.clone(), p.sha256.clone());
        field(&name("caption"), q.caption.clone(), p.caption.clone());
        field(&name("credit"), q.credit.clone(), p.credit.clone());
        field(&name("alt"), q.alt.clone(), p.alt.clone());
        field(
            &name("featured"),
            q.featured.to_string(),
            p.featured.to_string(),
        );
    }
    field("related", a.related.join(", "), b.related.join(", "));
    field("editor_note", a.editor_note.clone(), b.editor_note.clone());
    out
}

fn authors_text(authors: &[Author]) -> String {
    authors
        .iter()
        .map(|a| {
            let role = match a.role {
                AuthorRole::Reporter => "reporter",
                AuthorRole::Photographer => "photographer",
                AuthorRole::Editor => "editor",
                AuthorRole::Translator => "translator",
            };
            format!("{} ({role})", a.name)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn time_text(t: Option<DateTime<FixedOffset>>) -> String {
    t.map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// A letter or digit of a word. NFC Vietnamese is precomposed, but a stray
/// combining mark stays with its letter.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// `s` cut into words (runs of letters and digits), runs of white space, a
/// backslash with the character it escapes, and single other characters.
/// The tokens rejoin to `s`.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let same_run = |d: char| {
            if is_word_char(c) {
                is_word_char(d)
            } else if c.is_whitespace() {
                d.is_whitespace()
            } else {
                false
            }
        };
        if c == '\\' {
            if let Some((i, d)) = chars.next() {
                end = i + d.len_utf8();
            }
        } else {
            while let Some(&(i, d)) = chars.peek() {
                if !same_run(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        out.push(&s[start..end]);
    }
    out
}

/// `before` → `after` word by word. A change is shown as what was removed,
/// then what was added; white space and punctuation alone between two
/// changed words join the change, so "a b" → "c d" reads Removed "a b",
/// Added "c d" rather than four pieces.
/// The change from `before` to `after` word by word (see [`FieldChange::parts`]).
pub fn diff_words(before: &str, after: &str) -> Vec<DiffPart> {
    let a = tokens(before);
    let b = tokens(after);
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &a,
        &b,
        Some(Instant::now() + DIFF_BUDGET),
    );
    // Runs of one kind, in order.
    let mut runs: Vec<(DiffKind, String)> = Vec::new();
    let mut push = |kind: DiffKind, text: String| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((k, t)) if *k == kind => t.push_str(&text),
            _ => runs.push((kind, text)),
        }
    };
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        let old_text = a[old].concat();
        let new_text = b[new].concat();
        match tag {
            DiffTag::Equal => push(DiffKind::Same, old_text),
            DiffTag::Delete => push(DiffKind::Removed, old_text),
            DiffTag::Insert => push(DiffKind::Added, new_text),
            DiffTag::Replace => {
                push(DiffKind::Removed, old_text);
                push(DiffKind::Added, new_text);
            }
        }
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        if runs[i].0 == DiffKind::Same {
            parts.push(DiffPart {
                kind: DiffKind::Same,
                text: std::mem::take(&mut runs[i].1),
            });
            i += 1;
            continue;
        }
        // A change: it goes on through separators that another change follows.
        let (mut removed, mut added) = (String::new(), String::new());
        while i < runs.len() {
            let (kind, text) = &runs[i];
            match kind {
                DiffKind::Removed => removed.push_str(text),
                DiffKind::Added => added.push_str(text),
                DiffKind::Same => {
                    let between = !text.chars().any(is_word_char)
                        && runs.get(i + 1).is_some_and(|(k, _)| *k != DiffKind::Same);
                    if !between {
                        break;
                    }
                    removed.push_str(text);
                    added.push_str(text);
                }
            }
            i += 1;
        }
        for (kind, text) in [(DiffKind::Removed, removed), (DiffKind::Added, added)] {
            if !text.is_empty() {
                parts.push(DiffPart { kind, text });
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejoin(parts: &[DiffPart], skip: DiffKind) -> String {
        parts
            .iter()
            .filter(|p| p.kind != skip)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn part(kind: DiffKind, text: &str) -> DiffPart {
        DiffPart {
            kind,
            text: text.to_owned(),
        }
    }

    #[test]
    fn body_diff_is_by_syllable() {
        let before = "Hội nghị diễn ra sáng nay";
        let after = "Hội nghị diễn ra chiều nay";
        let parts = diff_words(before, after);
        assert_eq!(
            parts,
            vec![
                part(DiffKind::Same, "Hội nghị diễn ra "),
                part(DiffKind::Removed, "sáng"),
                part(DiffKind::Added, "chiều"),
                part(DiffKind::Same, " nay"),
            ]
        );
        assert_eq!(rejoin(&parts, DiffKind::Added), before);
        assert_eq!(rejoin(&parts, DiffKind::Removed), after);
    }

    #[test]
    fn tokens_split_on_space_and_punctuation_and_rejoin() {
        let s = "Ông Nguyễn Văn A, 45 tuổi (Hà Nội) nói: \"Được\".\n\n## Tiếp";
        let t = tokens(s);
        assert_eq!(t.concat(), s);
        assert!(t.contains(&"Nguyễn") && t.contains(&"45") && t.contains(&","));
        assert!(t.contains(&"\n\n") && t.contains(&"#"));
        // No token mixes white space with anything else.
        assert!(t.iter().all(|w| w.trim().is_empty() || w.trim() == *w));
    }

    #[test]
    fn changes_between_close_words_read_as_one() {
        let parts = diff_words("giá xăng tăng mạnh, dân lo", "giá dầu giảm nhẹ, dân lo");
        assert_eq!(
            parts,
            vec![
                part(DiffKind::Same, "giá "),
                part(DiffKind::Removed, "xăng tăng mạnh"),
                part(DiffKind::Added, "dầu giảm nhẹ"),
                part(DiffKind::Same, ", dân lo"),
            ]
        );
    }

    #[test]
    fn diff_parts_always_rejoin() {
        let texts = [
            "",
            "Hà Nội",
            "Hà Nội, ngày 3/5",
            "TP.HCM – Sáng 3/5, UBND TP đã họp.",
            "Sáng 3/5, UBND TP   đã họp.\n\nChiều cùng ngày, đoàn kiểm tra.",
            "**Đậm** và \\*thường\\*",
            "Chiều 3/5 đoàn kiểm tra",
        ];
        for before in texts {
            for after in texts {
                let parts = diff_words(before, after);
                assert_eq!(
                    rejoin(&parts, DiffKind::Added),
                    before,
                    "{before:?} → {after:?}"
                );
                assert_eq!(
                    rejoin(&parts, DiffKind::Removed),
                    after,
                    "{before:?} → {after:?}"
                );
                assert!(parts.iter().all(|p| !p.text.is_empty()));
                assert!(parts.windows(2).all(|w| w[0].kind != w[1].kind));
                if before == after {
                    assert!(parts.iter().all(|p| p.kind == DiffKind::Same));
                }
            }
        }
    }

    fn sample() -> Snapshot {
        Snapshot {
            headline: "Hà Nội khai trương tuyến metro mới".to_owned(),
            sapo: "Sáng nay, tuyến metro Nhổn – ga Hà Nội chính thức đón khách.".to_owned(),
            body: "Hội nghị diễn ra sáng nay.\n\nHàng nghìn người dân đã đến ga.".to_owned(),
            byline: "Minh Anh – Quốc Tuấn".to_owned(),
            authors: vec![
                Author {
                    name: "Minh Anh".to_owned(),
                    role: AuthorRole::Reporter,
                },
                Author {
                    name: "Quốc Tuấn".to_owned(),
                    role: AuthorRole::Photographer,
                },
            ],
            keywords: vec!["metro".to_owned(), "giao thông".to_owned()],
            category: "Thời sự".to_owned(),
            slug: "ha-noi-khai-truong-tuyen-metro-moi".to_owned(),
            slug_manual: false,
            published_at: DateTime::parse_from_rfc3339("2024-08-08T07:30:00+07:00").ok(),
            photos: vec![
                PlacementInput {
                    sha256: "a".repeat(64),
                    file: "media/ga-nhon-aaaaaaaa.jpg".to_owned(),
                    caption: "Hành khách lên tàu tại ga Nhổn.".to_owned(),
                    credit: "Quốc Tuấn".to_owned(),
                    alt: "Đoàn tàu metro dừng ở sân ga".to_owned(),
                    featured: true,
                },
                PlacementInput {
                    sha256: "b".repeat(64),
                    file: "media/ve-tau-bbbbbbbb.jpg".to_owned(),
                    caption: "Vé tàu một lượt.".to_owned(),
                    credit: "Minh Anh".to_owned(),
                    alt: "Tấm vé giấy".to_owned(),
                    featured: false,
                },
            ],
            related: vec!["metro-ben-thanh".to_owned()],
            editor_note: "Kiểm tra giá vé trước khi đăng.".to_owned(),
        }
    }

    fn fields(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.field.as_str()).collect()
    }

    #[test]
    fn compare_of_equal_revisions_is_empty() {
        assert!(compare(&sample(), &sample()).is_empty());
    }

    #[test]
    fn compare_text_fields() {
        let a = sample();
        let mut b = a.clone();
        b.headline = "Hà Nội khai trương tuyến metro thứ hai".to_owned();
        b.sapo.push_str(" Giá vé từ 8.000 đồng.");
        b.body = b.body.replace("sáng nay", "chiều nay");
        b.byline = "Minh Anh".to_owned();
        b.category = "Giao thông".to_owned();
        b.editor_note = String::new();
        let changes = compare(&a, &b);
        assert_eq!(
            fields(&changes),
            [
                "headline",
                "sapo",
                "body",
                "byline",
                "category",
                "editor_note"
            ]
        );
        let body = &changes[2];
        assert_eq!(body.before, a.body);
        assert_eq!(body.after, b.body);
        assert_eq!(
            body.parts
                .iter()
                .filter(|p| p.kind != DiffKind::Same)
                .cloned()
                .collect::<Vec<_>>(),
            [
                part(DiffKind::Removed, "sáng"),
                part(DiffKind::Added, "chiều")
            ]
        );
        assert_eq!(
            changes[1].parts.last(),
            Some(&part(DiffKind::Added, " Giá vé từ 8.000 đồng."))
        );
        let note = &changes[5];
        assert_eq!(
            (note.before.as_str(), note.after.as_str()),
            (a.editor_note.as_str(), "")
        );
        assert_eq!(note.parts, [part(DiffKind::Removed, &a.editor_note)]);
        for c in &changes {
            assert_eq!(rejoin(&c.parts, DiffKind::Added), c.before, "{}", c.field);
            assert_eq!(rejoin(&c.parts, DiffKind::Removed), c.after, "{}", c.field);
        }
    }

    #[test]
    fn compare_lists_slug_and_time() {
        let a = sample();
        let mut b = a.clone();
        b.authors.pop();
        b.keywords.push("đường sắt đô thị".to_owned());
        b.slug = "metro-nhon-ga-ha-noi".to_owned();
        b.slug_manual = true;
        b.published_at = None;
        b.related = vec!["metro-ben-thanh".to_owned(), "gia-ve-metro".to_owned()];
        let changes = compare(&a, &b);
        assert_eq!(
            fields(&changes),
            [
                "authors",
                "keywords",
                "slug",
                "slug_manual",
                "published_at",
                "related"
            ]
        );
        assert_eq!(
            changes[0].before,
            "Minh Anh (reporter); Quốc Tuấn (photographer)"
        );
        assert_eq!(changes[0].after, "Minh Anh (reporter)");
        assert_eq!(changes[1].after, "metro, giao thông, đường sắt đô thị");
        assert_eq!(
            changes[1].parts.last(),
            Some(&part(DiffKind::Added, ", đường sắt đô thị"))
        );
        assert_eq!(
            (changes[3].before.as_str(), changes[3].after.as_str()),
            ("false", "true")
        );
        assert_eq!(changes[4].before, "2024-08-08T07:30:00+07:00");
        assert_eq!(changes[4].after, "");
        assert_eq!(changes[5].after, "metro-ben-thanh, gia-ve-metro");
    }

    #[test]
    fn compare_photos() {
        let a = sample();
        let mut b = a.clone();
        b.photos[1].caption = "Vé tàu một lượt, giá 8.000 đồng.".to_owned();
        b.photos[1].credit = "Quốc Tuấn".to_owned();
        b.photos[0].alt = "Tàu metro ở sân ga".to_owned();
        b.photos[0].featured = false;
        b.photos[1].featured = true;
        b.photos[0].sha256 = "c".repeat(64);
        let changes = compare(&a, &b);
        assert_eq!(
            fields(&changes),
            [
                "photos[0].sha256",
                "photos[0].alt",
                "photos[0].featured",
                "photos[1].caption",
                "photos[1].credit",
                "photos[1].featured",
            ]
        );
        assert_eq!(
            changes[3].parts,
            [
                part(DiffKind::Same, "Vé tàu một lượt"),
                part(DiffKind::Added, ", giá 8.000 đồng"),
                part(DiffKind::Same, "."),
            ]
        );

        // Reordered, one removed, one added: the list, then the new photo's
        // fields against nothing; the moved photo keeps its values.
        let mut c = a.clone();
        let new = PlacementInput {
            sha256: "d".repeat(64),
            file: "media/nha-ga-dddddddd.jpg".to_owned(),
            caption: "Nhà ga trên cao.".to_owned(),
            ..PlacementInput::default()
        };
        c.photos = vec![a.photos[1].clone(), new];
        let changes = compare(&a, &c);
        assert_eq!(
            fields(&changes),
            ["photos", "photos[1].sha256", "photos[1].caption"]
        );
        assert_eq!(
            changes[0].after,
            "media/ve-tau-bbbbbbbb.jpg, media/nha-ga-dddddddd.jpg"
        );
        assert_eq!(
            (changes[2].before.as_str(), changes[2].after.as_str()),
            ("", "Nhà ga trên cao.")
        );
    }

    #[test]
    fn compare_follows_the_article_order() {
        let a = sample();
        let mut b = a.clone();
        b.editor_note = "Đã kiểm tra.".to_owned();
        b.related.clear();
        b.photos[0].caption.push('!');
        b.photos.swap(0, 1);
        b.published_at = DateTime::parse_from_rfc3339("2024-08-08T09:00:00+07:00").ok();
        b.slug = "metro".to_owned();
        b.category = "Đô thị".to_owned();
        b.keywords.reverse();
        b.authors.reverse();
        b.byline = "Minh Anh, Quốc Tuấn".to_owned();
        b.body.push_str("\n\nThêm đoạn.");
        b.sapo = "Khác.".to_owned();
        b.headline = "Khác".to_owned();
        assert_eq!(
            fields(&compare(&a, &b)),
            [
                "headline",
                "sapo",
                "body",
                "byline",
                "authors",
                "keywords",
                "category",
                "slug",
                "published_at",
                "photos",
                "photos[1].caption",
                "related",
                "editor_note",
            ]
        );
    }

    fn article_from(draft: &ArticleDraft, slug: &str) -> Article {
        use crate::article::{ArticleId, PhotoPlacement, Related, Status};
        let now = chrono::Utc::now();
        Article {
            id: ArticleId::new(),
            headline: draft.headline.clone(),
            sapo: draft.sapo.clone(),
            body: draft.body.clone(),
            byline: draft.byline.clone(),
            authors: draft.authors.clone(),
            keywords: draft.keywords.clone(),
            category: draft.category.clone(),
            language: draft.language.clone(),
            status: Status::Draft,
            slug: draft.slug.clone().unwrap_or_else(|| slug.to_owned()),
            slug_manual: draft.slug.is_some(),
            editor_note: draft.editor_note.clone(),
            created_at: now,
            updated_at: now,
            published_at: draft.published_at,
            photos: draft
                .photos
                .iter()
                .map(|p| PhotoPlacement {
                    sha256: p.sha256.clone(),
                    file: p.file.clone(),
                    caption: p.caption.clone(),
                    credit: p.credit.clone(),
                    alt: p.alt.clone(),
                    featured: p.featured,
                    width: 800,
                    height: 600,
                    mime: "image/jpeg".to_owned(),
                })
                .collect(),
            related: draft
                .related
                .iter()
                .map(|r| Related {
                    reference: r.clone(),
                    resolved: None,
                })
                .collect(),
        }
    }

    #[test]
    fn snapshot_round_trips_through_a_draft() {
        for manual in [false, true] {
            let mut s = sample();
            s.slug_manual = manual;
            let draft = s.clone().into_draft("vi");
            assert_eq!(draft.language, "vi");
            assert_eq!(draft.slug, manual.then(|| s.slug.clone()));
            assert_eq!(draft.photos.len(), 2);
            assert_eq!(draft.photos[0].caption, s.photos[0].caption);
            assert!(draft.photos[0].featured);
            assert_eq!(draft.related, s.related);
            // Already normal: normalizing changes nothing.
            assert_eq!(draft.clone().normalized().ok().as_ref(), Some(&draft));
            let article = article_from(&draft, &s.slug);
            assert_eq!(Snapshot::of(&article), s);
            // And the article's own draft is the same, but for a slug that
            // follows the headline.
            let mut own = article.to_draft();
            if !manual {
                own.slug = None;
            }
            assert_eq!(own, draft);
        }
    }

    #[test]
    fn snapshot_round_trips_through_the_store() {
        let store = crate::Store::open_in_memory().expect("store");
        let mut s = sample();
        s.photos.clear(); // the store wants the photo bytes for these
        s.related.clear();
        let article = store
            .create_article(s.clone().into_draft("vi"))
            .expect("create");
        assert_eq!(Snapshot::of(&article), s);
        let again = store.article(&article.id.to_string()).expect("read");
        assert_eq!(Snapshot::of(&again), s);
    }

    #[test]
    fn snapshot_json_round_trips() {
        let s = sample();
        let text = s.text();
        let back: Snapshot = serde_json::from_slice(&text).expect("json");
        assert_eq!(back, s);
        // A revision stored by an older version, without later fields, loads.
        let old: Snapshot = serde_json::from_str(r#"{"headline":"Cũ"}"#).expect("old");
        assert_eq!(old.headline, "Cũ");
        assert!(old.photos.is_empty());
    }

    // --- storage ---

    fn chain(revisions: &[Snapshot]) -> Vec<Stored> {
        let mut out: Vec<Stored> = Vec::new();
        let mut since = 0;
        for (i, next) in revisions.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| &revisions[p]);
            let stored = store(prev, since, next);
            since = if stored.is_whole() { 0 } else { since + 1 };
            out.push(stored);
        }
        out
    }

    /// Revision `i` loaded the way a caller would: its last keyframe and the
    /// deltas after it.
    fn load_at(stored: &[Stored], i: usize) -> Result<Snapshot, String> {
        let key = (0..=i)
            .rev()
            .find(|&k| stored[k].is_whole())
            .expect("a keyframe");
        let deltas: Vec<&[u8]> = stored[key + 1..=i].iter().map(|s| s.bytes()).collect();
        load(stored[key].bytes(), &deltas)
    }

    #[test]
    fn first_revision_is_a_keyframe_and_a_small_edit_a_small_delta() {
        let a = sample();
        let mut b = a.clone();
        b.body = b.body.replace("sáng nay", "chiều nay");
        let first = store(None, 0, &a);
        assert!(first.is_whole());
        let second = store(Some(&a), 0, &b);
        assert!(!second.is_whole());
        assert!(second.bytes().len() < 40, "{} bytes", second.bytes().len());
        assert_eq!(load(first.bytes(), &[second.bytes()]), Ok(b.clone()));
        // The chain's length forces a keyframe.
        assert!(store(Some(&a), KEYFRAME_EVERY - 1, &b).is_whole());
        assert!(!store(Some(&a), KEYFRAME_EVERY - 2, &b).is_whole());
        // A rewrite of every word costs no more than a keyframe.
        let mut c = a.clone();
        let mut n = 0;
        c.body = tokens(&a.body)
            .into_iter()
            .map(|t| {
                n += 1;
                if t.chars().all(is_word_char) {
                    format!("từ{n}")
                } else {
                    t.to_owned()
                }
            })
            .collect();
        c.headline = "Một tin khác hẳn".to_owned();
        let rewrite = store(Some(&a), 0, &c);
        let keyframe = store(None, 0, &c);
        assert!(rewrite.bytes().len() <= keyframe.bytes().len());
    }

    #[test]
    fn load_refuses_corrupt_input() {
        let a = sample();
        let mut b = a.clone();
        b.headline.push_str(" thứ hai");
        let mut c = b.clone();
        c.keywords.push("đô thị".to_owned());
        let key = store(None, 0, &a);
        let d1 = store(Some(&a), 0, &b);
        let d2 = store(Some(&b), 1, &c);
        assert_eq!(load(key.bytes(), &[d1.bytes(), d2.bytes()]), Ok(c.clone()));

        let err = |k: &[u8], d: &[&[u8]]| load(k, d).expect_err("corrupt input loaded");
        assert!(err(&[], &[]).contains("keyframe is empty"));
        assert!(err(d1.bytes(), &[]).contains("keyframe is a delta"));
        assert!(err(b"xyz", &[]).contains("0x78"));
        let mut cut = key.bytes().to_vec();
        cut.truncate(cut.len() / 2);
        assert!(err(&cut, &[]).contains("keyframe's compressed text is damaged"));
        assert_eq!(
            err(&key.bytes()[..3], &[]),
            "the keyframe ends before its text"
        );
        let mut not_a_snapshot = vec![TAG_WHOLE];
        not_a_snapshot.extend(fnv1a(b"[1, 2]").to_le_bytes());
        not_a_snapshot.extend(miniz_oxide::deflate::compress_to_vec(b"[1, 2]", 6));
        assert!(err(&not_a_snapshot, &[]).contains("does not hold a revision"));
        // A keyframe with any one byte flipped is refused (or, where the
        // damage is harmless to deflate, still gives the right revision).
        for i in 0..key.bytes().len() {
            let mut bad = key.bytes().to_vec();
            bad[i] ^= 0x04;
            match load(&bad, &[]) {
                Err(e) => assert!(e.contains("keyframe"), "{e}"),
                Ok(s) => assert_eq!(s, a, "byte {i} flipped loaded as another revision"),
            }
        }

        // Deltas out of order, missing or repeated.
        let e = err(key.bytes(), &[d2.bytes(), d1.bytes()]);
        assert!(e.starts_with("delta 1 of 2: it changes a text of"), "{e}");
        let e = err(key.bytes(), &[d1.bytes(), d1.bytes()]);
        assert!(e.starts_with("delta 2 of 2"), "{e}");
        let e = err(key.bytes(), &[d1.bytes(), key.bytes()]);
        assert_eq!(e, "delta 2 of 2 is a keyframe, not a delta");
        let e = err(key.bytes(), &[d1.bytes(), &[]]);
        assert_eq!(e, "delta 2 of 2 is empty");

        // A delta with a flipped byte, wherever the flip lands, is refused
        // or (in the rare case the damage is harmless) gives the right text.
        let raw = encode_delta(&a.text(), &b.text());
        let payload = match raw.split_first() {
            Some((&TAG_DELTA, rest)) => {
                miniz_oxide::inflate::decompress_to_vec(rest).expect("inflate")
            }
            Some((_, rest)) => rest.to_vec(),
            None => unreachable!(),
        };
        let mut refused = 0;
        for i in 0..payload.len() {
            let mut bad = payload.clone();
            bad[i] ^= 0x21;
            let mut stored = vec![TAG_DELTA_RAW];
            stored.extend(bad);
            match load(key.bytes(), &[&stored]) {
                Err(e) => {
                    assert!(e.starts_with("delta 1 of 1: "), "{e}");
                    refused += 1;
                }
                Ok(s) => assert_eq!(s, b, "byte {i} flipped loaded as another revision"),
            }
        }
        assert_eq!(refused, payload.len());
        let mut short = vec![TAG_DELTA_RAW];
        short.extend(&payload[..payload.len() - 1]);
        assert!(err(key.bytes(), &[&short]).starts_with("delta 1 of 1: "));
        let mut long = vec![TAG_DELTA_RAW];
        long.extend(&payload);
        long.push(b'x');
        assert!(err(key.bytes(), &[&long]).contains("carries"));
    }

    /// A deterministic stand-in for a writer's session of editing.
    struct Editor {
        rng: rand_chacha::ChaCha8Rng,
        /// Syllables and paragraphs to type, from other synthetic articles.
        words: Vec<String>,
        paragraphs: Vec<String>,
    }

    impl Editor {
        fn below(&mut self, n: usize) -> usize {
            use rand::RngCore;
            (self.rng.next_u64() % n as u64) as usize
        }

        fn word(&mut self) -> String {
            let i = self.below(self.words.len());
            self.words[i].clone()
        }

        /// Replaces one to three syllables of `text` in place.
        fn change_words(&mut self, text: &str) -> String {
            let mut t: Vec<String> = tokens(text).into_iter().map(str::to_owned).collect();
            let words: Vec<usize> = (0..t.len())
                .filter(|&i| t[i].chars().all(is_word_char))
                .collect();
            let at = words[self.below(words.len())];
            let n = 1 + self.below(3);
            for &i in words.iter().filter(|&&i| i >= at).take(n) {
                t[i] = self.word();
            }
            t.concat()
        }

        fn edit(&mut self, s: &Snapshot, revision: usize) -> Snapshot {
            let mut s = s.clone();
            match revision % 10 {
                // Add a paragraph somewhere in the body.
                3 | 8 => {
                    let mut paras: Vec<String> = s.body.split("\n\n").map(str::to_owned).collect();
                    let i = self.below(self.paragraphs.len());
                    let at = self.below(paras.len() + 1);
                    paras.insert(at, self.paragraphs[i].clone());
                    s.body = paras.join("\n\n");
                }
                5 => {
                    let i = self.below(s.photos.len());
                    s.photos[i].caption = self.change_words(&s.photos[i].caption);
                }
                7 if revision < 20 => {
                    let w = format!("{} {}", self.word(), self.word());
                    s.keywords.push(w);
                }
                7 => {
                    s.keywords.remove(0);
                }
                0 => s.headline = self.change_words(&s.headline),
                6 => s.sapo = self.change_words(&s.sapo),
                // Most revisions fix a few words of the body.
                _ => {
                    for _ in 0..=self.below(2) {
                        s.body = self.change_words(&s.body);
                    }
                }
            }
            s
        }
    }

    #[test]
    fn thirty_revisions_of_an_article_stay_small_and_all_load() {
        use rand::SeedableRng;
        // The first synthetic article near 1,000 words.
        let synthetic = crate::synthetic::articles(40, 7)
            .find(|a| a.draft.body.split_whitespace().count().abs_diff(1000) < 100)
            .expect("an article of about 1,000 words");
        let draft = synthetic.draft;
        let mut first = article_from(&draft, &crate::text::slugify(&draft.headline));
        first.photos = article_from(&sample().into_draft("vi"), "x").photos;
        let first = Snapshot::of(&first);
        let words = first.body.split_whitespace().count();
        assert!((700..=1500).contains(&words), "{words} words");

        let others: Vec<Snapshot> = crate::synthetic::articles(6, 8)
            .map(|a| Snapshot::of(&article_from(&a.draft, "x")))
            .collect();
        let mut editor = Editor {
            rng: rand_chacha::ChaCha8Rng::seed_from_u64(30),
            words: others
                .iter()
                .flat_map(|o| {
                    tokens(&o.body)
                        .into_iter()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .filter(|w| w.chars().all(is_word_char))
                .collect(),
            paragraphs: others
                .iter()
                .flat_map(|o| o.body.split("\n\n").map(str::to_owned).collect::<Vec<_>>())
                .filter(|p| !p.starts_with('#'))
                .collect(),
        };
        let mut revisions = vec![first];
        for r in 1..30 {
            let next = editor.edit(&revisions[r - 1], r);
            assert_ne!(next, revisions[r - 1], "revision {r} changes nothing");
            revisions.push(next);
        }

        let started = Instant::now();
        let stored = chain(&revisions);
        let store_time = started.elapsed() / 30;
        for (s, r) in stored.iter().zip(&revisions) {
            assert!(s.bytes().len() <= store(None, 0, r).bytes().len());
        }
        let started = Instant::now();
        let last = load_at(&stored, 29);
        let load_time = started.elapsed();
        assert_eq!(last.as_ref(), Ok(&revisions[29]));
        for (i, s) in revisions.iter().enumerate() {
            assert_eq!(load_at(&stored, i).as_ref(), Ok(s), "revision {i}");
        }
        let json = revisions[0].text().len();
        let last_json = revisions[29].text().len();
        let keyframes: usize = stored
            .iter()
            .filter(|s| s.is_whole())
            .map(|s| s.bytes().len())
            .sum();
        let deltas: usize = stored
            .iter()
            .filter(|s| !s.is_whole())
            .map(|s| s.bytes().len())
            .sum();
        let total = keyframes + deltas;
        eprintln!(
            "{words} words; JSON {json} B first, {last_json} B last; stored {total} B = \
             {} keyframes {keyframes} B + {} deltas {deltas} B ({:.2}× the first JSON); \
             store {store_time:?} each, load of the last {load_time:?}; sizes: {:?}",
            stored.iter().filter(|s| s.is_whole()).count(),
            stored.iter().filter(|s| !s.is_whole()).count(),
            total as f64 / json as f64,
            stored.iter().map(|s| s.bytes().len()).collect::<Vec<_>>(),
        );
        assert!(
            total * 2 <= json * 3,
            "30 revisions take {total} bytes, more than 1.5 × the article's {json}"
        );
    }
}
