//! Reads an article file: YAML front matter between two `---` lines, then the
//! Markdown body (see docs/ARTICLE-FORMAT.md). Every error names the file and,
//! where there is one, the line.

use serde::Deserialize;

use crate::{
    article::{ArticleDraft, ArticleId, Author, DEFAULT_LANGUAGE, Status},
    error::{CoreError, Message, Result},
    msg, render,
    store::Incoming,
    text,
};

/// The keys an article file may have, in the order the format documents them.
pub const KEYS: &[&str] = &[
    "id",
    "headline",
    "sapo",
    "byline",
    "authors",
    "keywords",
    "category",
    "language",
    "published_at",
    "slug",
    "status",
    "editor_note",
    "photos",
    "related",
];

/// The front matter as written. Every key is optional here, so that a missing
/// headline gets our message rather than serde's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    headline: Option<String>,
    sapo: Option<String>,
    byline: Option<String>,
    authors: Option<Vec<Author>>,
    keywords: Option<Vec<String>>,
    category: Option<String>,
    language: Option<String>,
    published_at: Option<String>,
    slug: Option<String>,
    status: Option<String>,
    editor_note: Option<String>,
    photos: Option<Vec<PhotoEntry>>,
    related: Option<Vec<String>>,
}

/// One entry of `photos:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoEntry {
    file: String,
    path: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    alt: Option<String>,
    #[serde(default)]
    featured: bool,
}

/// A photo file an article needs, as the file asks for it. Caption and credit
/// left empty here are filled from the photo's own metadata on import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRequest {
    /// The name the body's Markdown uses for the photo, as written
    /// (relative to the article file); also where the file is, unless `path`
    /// says otherwise.
    pub file: String,
    /// Where the photo's file is, relative to the article file, when that is
    /// not `file` (a package keeps `media/hoi-nghi.jpg` as
    /// `media/<sha256>.jpg`). None for a body image.
    pub path: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: String,
    pub featured: bool,
    /// Where it was asked for, for messages: the front matter line, or None
    /// for an image found in the body.
    pub line: Option<usize>,
}

/// One parsed file. Its photos still have to be read (`photos`) before it can
/// be saved.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    pub incoming: Incoming,
    pub photos: Vec<PhotoRequest>,
}

/// Parses the text of an article file. `source` names it in messages.
pub fn parse(source: &str, content: &str) -> Result<ParsedArticle> {
    let err = |line: Option<usize>, message: Message| CoreError::ArticleFile {
        file: source.to_owned(),
        line,
        message,
    };
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(err(None, msg!("frontMatterMissing")));
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|i| i + 1)
        .ok_or_else(|| err(None, msg!("frontMatterUnclosed")))?;
    let yaml: String = lines[1..close].concat();
    let body: String = lines[close + 1..].concat();

    let key_lines = top_level_keys(&lines[1..close]);
    let line_of = |key: &str| key_lines.iter().find(|(k, _)| k == key).map(|(_, l)| *l);
    let mut seen: Vec<&str> = Vec::new();
    for (key, line) in &key_lines {
        if !KEYS.contains(&key.as_str()) {
            return Err(err(Some(*line), msg!("frontMatterUnknownKey", key)));
        }
        if seen.contains(&key.as_str()) {
            return Err(err(Some(*line), msg!("frontMatterKeyTwice", key)));
        }
        seen.push(key);
    }

    // serde counts lines from the first line after the opening `---`.
    let yaml_line = |e: &serde_norway::Error| e.location().map(|l| l.line() + 1);
    // The YAML reader's own words.
    let yaml_error = |e: serde_norway::Error| {
        err(
            yaml_line(&e),
            Message::verbatim(strip_location(&e.to_string())),
        )
    };
    let fm: FrontMatter = if yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        expansion::check(&yaml).map_err(|refusal| match refusal {
            expansion::Refusal::Expands(e) => err(
                yaml_line(&e),
                msg!("frontMatterAliases", factor = expansion::FACTOR),
            ),
            expansion::Refusal::Yaml(e) => yaml_error(e),
        })?;
        serde_norway::from_str(&yaml).map_err(yaml_error)?
    };

    let field = |key: &'static str, message: Message| {
        err(line_of(key), msg!("errorInvalid", field = key, message))
    };
    let headline = fm
        .headline
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(|| match line_of("headline") {
            Some(_) => field("headline", msg!("valueEmpty")),
            None => err(None, msg!("frontMatterHeadlineMissing")),
        })?;
    let id = fm
        .id
        .map(|s| s.parse::<ArticleId>())
        .transpose()
        .map_err(|_| field("id", msg!("frontMatterIdInvalid")))?;
    let published_at = fm
        .published_at
        .map(|s| text::parse_time(&s))
        .transpose()
        .map_err(|m| field("published_at", m))?;
    if let Some(status) = &fm.status {
        status.parse::<Status>().map_err(|e| match e {
            CoreError::Invalid { message, .. } => field("status", message),
            other => other,
        })?;
    }

    let body = body.trim_start_matches(['\r', '\n']).trim_end().to_owned();
    let mut photos: Vec<PhotoRequest> = fm
        .photos
        .unwrap_or_default()
        .into_iter()
        .map(|p| PhotoRequest {
            file: p.file.trim().trim_start_matches("./").to_owned(),
            path: p
                .path
                .map(|f| f.trim().trim_start_matches("./").to_owned())
                // An empty `path` says nothing: the file is at `file`.
                .filter(|f| !f.is_empty()),
            caption: p.caption.filter(|c| !c.trim().is_empty()),
            credit: p.credit.filter(|c| !c.trim().is_empty()),
            alt: p.alt.unwrap_or_default(),
            featured: p.featured,
            line: line_of("photos"),
        })
        .collect();
    // A body image not listed under `photos` comes in with its Markdown alt
    // text, and its title as the caption. Web addresses stay links.
    for image in render::body_images(&body) {
        let file = image.url.trim_start_matches("./").to_owned();
        let local = matches!(render::image_target(&file), render::ImageTarget::Local(_));
        if local && !photos.iter().any(|p| p.file == file) {
            photos.push(PhotoRequest {
                file,
                path: None,
                caption: Some(image.title).filter(|t| !t.trim().is_empty()),
                credit: None,
                alt: image.alt,
                featured: false,
                line: None,
            });
        }
    }

    let draft = ArticleDraft {
        headline,
        sapo: fm.sapo.unwrap_or_default(),
        body,
        byline: fm.byline.unwrap_or_default(),
        authors: fm.authors.unwrap_or_default(),
        keywords: fm.keywords.unwrap_or_default(),
        category: fm.category.unwrap_or_default(),
        language: fm.language.unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
        slug: fm.slug,
        published_at,
        editor_note: fm.editor_note.unwrap_or_default(),
        // Filled once the photo files are read.
        photos: Vec::new(),
        related: fm.related.unwrap_or_default(),
    };
    Ok(ParsedArticle {
        incoming: Incoming {
            id,
            draft,
            source: source.to_owned(),
            key_lines,
            photo_files: Vec::new(),
        },
        photos,
    })
}

/// YAML aliases (`*name`) repeat what an anchor (`&name`) holds without
/// writing it again, so a small file can stand for gigabytes of text: 100 KB
/// with one string aliased 20,000 times would take 0.8 GB to read. No article
/// needs them, but YAML allows them, so what the front matter stands for is
/// measured before anything is built from it, walking the parser's events
/// without keeping any of it, and a front matter that stands for more than
/// [`expansion::FACTOR`] times its own size is refused.
mod expansion {
    use std::cell::Cell;

    use serde::de::{
        self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess,
        Visitor,
    };

    /// Escapes can make a scalar longer than it is written (`\L` is 3 bytes
    /// in 2 characters), never twice as long, so without aliases text is at
    /// most this many times its size.
    pub const FACTOR: usize = 2;

    /// Why the front matter was not read.
    pub enum Refusal {
        /// It stands for more than [`FACTOR`] times its size (where: the error).
        Expands(serde_norway::Error),
        /// It is not YAML.
        Yaml(serde_norway::Error),
    }

    pub fn check(yaml: &str) -> Result<(), Refusal> {
        let left = Cell::new(FACTOR * yaml.len() + 1024);
        let expands = Cell::new(false);
        Walk {
            left: &left,
            expands: &expands,
        }
        .deserialize(serde_norway::Deserializer::from_str(yaml))
        .map_err(|e| match expands.get() {
            true => Refusal::Expands(e),
            false => Refusal::Yaml(e),
        })
    }

    #[derive(Clone, Copy)]
    struct Walk<'a> {
        left: &'a Cell<usize>,
        /// Set when the walk stops because `left` ran out.
        expands: &'a Cell<bool>,
    }

    impl Walk<'_> {
        /// Every node costs a byte, and a scalar its length as well, so that
        /// an alias of an empty list costs something too.
        fn charge<E: de::Error>(self, bytes: usize) -> Result<(), E> {
            match self.left.get().checked_sub(bytes + 1) {
                Some(left) => {
                    self.left.set(left);
                    Ok(())
                }
                None => {
                    self.expands.set(true);
                    Err(E::custom("expands past its budget"))
                }
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            self.charge(v.len())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            self.charge(0)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.charge(0)?;
            self.deserialize(d)
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.charge(0)?;
            self.deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.charge(0)?;
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.charge(0)?;
            while map.next_key_seed(self)?.is_some() {
                map.next_value_seed(self)?;
            }
            Ok(())
        }
        /// A tagged value (`!tag value`).
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            self.charge(0)?;
            let ((), variant) = data.variant_seed(self)?;
            variant.newtype_variant_seed(self)
        }
    }
}

/// Top-level keys of a block mapping and their line in the file (the opening
/// `---` is line 1). Keys of nested mappings are indented and so not matched.
fn top_level_keys(yaml_lines: &[&str]) -> Vec<(String, usize)> {
    yaml_lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let first = line.chars().next()?;
            if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[') {
                return None;
            }
            let (key, _) = line.split_once(':')?;
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            Some((key.to_owned(), i + 2))
        })
        .collect()
}

/// serde appends "at line L column C"; we say the line our own way.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_are_not_top_level() {
        let lines = [
            "headline: a\n",
            "authors:\n",
            "  - name: b\n",
            "    role: reporter\n",
        ];
        assert_eq!(
            top_level_keys(&lines),
            vec![("headline".to_owned(), 2), ("authors".to_owned(), 3)]
        );
    }
}
