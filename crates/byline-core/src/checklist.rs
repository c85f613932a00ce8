//! The pre-publish checklist: one rule engine for the app (before a workflow
//! move) and the CLI (`byline check`). A finding says which rule, how serious,
//! which field and the values its message needs; [`words`] names its message
//! in the catalogue (`messages/`) and [`message`] renders it in the UI
//! language, so the app and the CLI say the same thing.
//!
//! Blocking findings stop the move; warnings are shown and may be ignored.
//!
//! Characters are counted as the editor's counters count them
//! (`ui/src/lib/counters.ts`, `countChars`): Unicode scalar values of the NFC
//! text, so "Hòa" is three characters typed precomposed or decomposed.
//!
//! Findings come in a fixed order: the blocking rules in the order of [`Rule`]
//! (headline, sapo, category, photos photo by photo — caption, credit, alt —,
//! placeholders field by field, broken photo references, publish time), then
//! the warnings (sapo length, keywords, headline length, featured photo,
//! related articles). Within a rule, findings follow the article's order.

use std::ops::Range;

use crate::{
    article::Article,
    error::Message,
    messages::{self, Lang},
    msg, render, search_text,
    settings::Settings,
    text,
};

/// Headlines longer than this (characters) read poorly in listings and get a
/// warning, unless they are already over the newsroom's hard limit.
pub const HEADLINE_RECOMMENDED: usize = 100;

/// Fewer keywords than this get a warning: tag pages and related-article
/// suggestions need at least two.
const KEYWORDS_RECOMMENDED: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Blocking,
    Warning,
}

/// Declared in the order findings are reported: every blocking rule before
/// every warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    HeadlineMissing,
    HeadlineTooLong,
    SapoMissing,
    CategoryMissing,
    PhotoCaptionMissing,
    PhotoCreditMissing,
    PhotoAltMissing,
    Placeholder,
    PhotoReferenceBroken,
    PublishTimeMissing,
    SapoLength,
    FewKeywords,
    HeadlineLong,
    NoFeaturedPhoto,
    RelatedUnresolved,
}

fn severity(rule: Rule) -> Severity {
    match rule {
        Rule::HeadlineMissing
        | Rule::HeadlineTooLong
        | Rule::SapoMissing
        | Rule::CategoryMissing
        | Rule::PhotoCaptionMissing
        | Rule::PhotoCreditMissing
        | Rule::PhotoAltMissing
        | Rule::Placeholder
        | Rule::PhotoReferenceBroken
        | Rule::PublishTimeMissing => Severity::Blocking,
        Rule::SapoLength
        | Rule::FewKeywords
        | Rule::HeadlineLong
        | Rule::NoFeaturedPhoto
        | Rule::RelatedUnresolved => Severity::Warning,
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// The field it is about: "headline", "sapo", "category", "keywords",
    /// "keywords[1]", "body", "byline", "authors[0]", "photos", "photos[2].caption",
    /// "related[0]", "published_at".
    pub field: String,
    /// Values the message needs:
    /// - lengths as `key=value` pairs: `length=134 max=120` (headline),
    ///   `length=95 min=120 max=250` (sapo), `count=1 min=2` (keywords),
    ///   `photos=0` (featured photo);
    /// - the photo's file name for a missing caption, credit or alt text;
    /// - the placeholder as found (NFC) for a placeholder;
    /// - the image path as written in the body for a broken photo reference;
    /// - the reference as written for an unresolved related article;
    /// - empty for a missing headline, sapo, category or publish time.
    pub detail: String,
}

/// Collects findings with their severity.
struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, rule: Rule, field: impl Into<String>, detail: impl Into<String>) {
        self.0.push(Finding {
            rule,
            severity: severity(rule),
            field: field.into(),
            detail: detail.into(),
        });
    }
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Characters as the editor counts them: scalar values of the NFC text.
fn char_count(s: &str) -> usize {
    text::nfc(s.trim()).chars().count()
}

/// Checks `article` against the newsroom's `settings`. `publishing`: the check
/// before marking the article published, which also needs a publish time.
pub fn check(article: &Article, settings: &Settings, publishing: bool) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    let headline_max = settings.headline_max as usize;
    let headline_len = char_count(&article.headline);
    let headline_present = !is_blank(&article.headline);

    // Blocking.
    if !headline_present {
        f.add(Rule::HeadlineMissing, "headline", "");
    } else if headline_len > headline_max {
        f.add(
            Rule::HeadlineTooLong,
            "headline",
            format!("length={headline_len} max={headline_max}"),
        );
    }
    if is_blank(&article.sapo) {
        f.add(Rule::SapoMissing, "sapo", "");
    }
    if is_blank(&article.category) {
        f.add(Rule::CategoryMissing, "category", "");
    }
    for (i, p) in article.photos.iter().enumerate() {
        if is_blank(&p.caption) {
            f.add(
                Rule::PhotoCaptionMissing,
                format!("photos[{i}].caption"),
                p.file.clone(),
            );
        }
        if is_blank(&p.credit) {
            f.add(
                Rule::PhotoCreditMissing,
                format!("photos[{i}].credit"),
                p.file.clone(),
            );
        }
        if is_blank(&p.alt) {
            f.add(
                Rule::PhotoAltMissing,
                format!("photos[{i}].alt"),
                p.file.clone(),
            );
        }
    }
    for (field, value, markdown) in published_text(article) {
        for found in placeholders(value, markdown) {
            f.add(Rule::Placeholder, field.clone(), found);
        }
    }
    // A body image must be one of the article's photos, or the published
    // page shows a broken image (or, for `file:`, `data:`…, only its alt
    // text). One on the web is shown as a link to it, which is no breakage.
    let mut broken: Vec<String> = Vec::new();
    for image in render::body_images(&text::nfc(&article.body)) {
        let url = image.url.trim();
        if matches!(render::image_target(url), render::ImageTarget::Web)
            || article.photos.iter().any(|p| same_file(&p.file, url))
            || broken.iter().any(|b| b == url)
        {
            continue;
        }
        broken.push(url.to_owned());
        f.add(Rule::PhotoReferenceBroken, "body", url);
    }
    if publishing && article.published_at.is_none() {
        f.add(Rule::PublishTimeMissing, "published_at", "");
    }

    // Warnings.
    if !is_blank(&article.sapo) {
        let (len, min, max) = (
            char_count(&article.sapo),
            settings.sapo_min as usize,
            settings.sapo_max as usize,
        );
        if len < min || len > max {
            f.add(
                Rule::SapoLength,
                "sapo",
                format!("length={len} min={min} max={max}"),
            );
        }
    }
    let keywords = article.keywords.iter().filter(|k| !is_blank(k)).count();
    if keywords < KEYWORDS_RECOMMENDED {
        f.add(
            Rule::FewKeywords,
            "keywords",
            format!("count={keywords} min={KEYWORDS_RECOMMENDED}"),
        );
    }
    if headline_present && headline_len <= headline_max && headline_len > HEADLINE_RECOMMENDED {
        f.add(
            Rule::HeadlineLong,
            "headline",
            format!("length={headline_len} max={HEADLINE_RECOMMENDED}"),
        );
    }
    // Warned whenever no photo is featured, even when the article has no photo
    // at all: the site's listings and social cards show the featured photo, so
    // an article without one looks broken there whatever its body holds.
    if article.featured_photo().is_none() {
        f.add(
            Rule::NoFeaturedPhoto,
            "photos",
            format!("photos={}", article.photos.len()),
        );
    }
    for (i, r) in article.related.iter().enumerate() {
        if r.resolved.is_none() {
            f.add(
                Rule::RelatedUnresolved,
                format!("related[{i}]"),
                r.reference.clone(),
            );
        }
    }
    f.0
}

pub fn has_blocking(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Blocking)
}

/// Every field a reader can see, in the order placeholders are reported:
/// (field, text, whether it is Markdown). The editor's note is left out on
/// purpose: it is internal to the newsroom and never published, so a "TK" or
/// "[cần kiểm tra]" there is a note to colleagues, not a hole in the story.
/// Slug and related references are identifiers, not prose, and are left out too.
fn published_text(article: &Article) -> Vec<(String, &str, bool)> {
    let mut fields: Vec<(String, &str, bool)> = vec![
        ("headline".into(), &article.headline, false),
        ("sapo".into(), &article.sapo, false),
        ("body".into(), &article.body, true),
        ("byline".into(), &article.byline, false),
    ];
    for (i, a) in article.authors.iter().enumerate() {
        fields.push((format!("authors[{i}]"), &a.name, false));
    }
    for (i, k) in article.keywords.iter().enumerate() {
        fields.push((format!("keywords[{i}]"), k, false));
    }
    fields.push(("category".into(), &article.category, false));
    for (i, p) in article.photos.iter().enumerate() {
        fields.push((format!("photos[{i}].caption"), &p.caption, false));
        fields.push((format!("photos[{i}].credit"), &p.credit, false));
        fields.push((format!("photos[{i}].alt"), &p.alt, false));
    }
    fields
}

/// Placeholders that are words: matched case-insensitively as whole words
/// ("TK", "tk"; not "TKV", "Tkachenko" or "XXXX").
const WORD_PLACEHOLDERS: [&str; 2] = ["tk", "xxx"];

/// Placeholders in square brackets, folded (no case, no tone marks), so
/// "[Cần kiểm tra]", "[CẦN KIỂM TRA]" and "[can kiem tra]" are all found.
const BRACKET_PLACEHOLDERS: [&str; 2] = ["can kiem tra", "kiem tra"];

/// The placeholders left in `s`, as found (in NFC), each once, in the order
/// they first appear. Web addresses are skipped (a `?` or `tk` in a URL is not
/// a placeholder), and in Markdown so are link and image destinations and the
/// text of a link (`[kiểm tra](…)` is a link on the words "kiểm tra").
fn placeholders(s: &str, markdown: bool) -> Vec<String> {
    let s = text::nfc(s);
    let visible = mask_addresses(&s, markdown);
    let mut found: Vec<(usize, &str)> = Vec::new();

    for word in search_text::words(&visible) {
        let w = &s[word.clone()];
        if WORD_PLACEHOLDERS.iter().any(|p| w.eq_ignore_ascii_case(p)) {
            found.push((word.start, w));
        }
    }

    // "???" and longer runs: three question marks never stand in print.
    let bytes = visible.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'?' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'?' {
            i += 1;
        }
        if i - start >= 3 {
            found.push((start, &s[start..i]));
        }
    }

    for (open, _) in visible.match_indices('[') {
        let rest = &visible[open + 1..];
        let Some(len) = rest.find(['[', ']', '\n']) else {
            continue;
        };
        let close = open + 1 + len;
        if bytes[close] != b']' || (markdown && matches!(bytes.get(close + 1), Some(b'(' | b'['))) {
            continue;
        }
        // A Markdown-escaped bracket (`\[cần kiểm tra\]`) prints as one.
        let inner = s[open + 1..close].trim_end_matches('\\');
        if BRACKET_PLACEHOLDERS.contains(&text::fold(&text::line_text(inner)).as_str()) {
            found.push((open, &s[open..=close]));
        }
    }

    found.sort_by_key(|&(at, _)| at);
    let mut out: Vec<String> = Vec::new();
    for (_, p) in found {
        if !out.iter().any(|o| o == p) {
            out.push(p.to_owned());
        }
    }
    out
}

/// `s` with web addresses (and, in Markdown, link destinations and autolinks)
/// blanked to spaces of the same byte length, so offsets into it are offsets
/// into `s`.
fn mask_addresses(s: &str, markdown: bool) -> String {
    let mut masked: Vec<Range<usize>> = Vec::new();
    if markdown {
        for (at, _) in s.match_indices("](") {
            let start = at + 2;
            masked.push(start..link_destination_end(s, start));
        }
        for (at, _) in s.match_indices('<') {
            let inner = &s[at + 1..];
            if let Some(len) = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())
                && inner[len..].starts_with('>')
                && inner[..len].contains(':')
            {
                masked.push(at + 1..at + 1 + len);
            }
        }
    }
    let mut previous: Option<char> = None;
    for (at, c) in s.char_indices() {
        let rest = &s[at..];
        let starts_address = ["http://", "https://", "www."].iter().any(|p| {
            rest.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        });
        if starts_address && !previous.is_some_and(|p| p.is_alphanumeric() || p == '/') {
            let mut end = at
                + rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                    .unwrap_or(rest.len());
            // Punctuation after an address ends the sentence, not the address.
            while let Some(last) = s[at..end].chars().last()
                && ".,:;!?*_~'\")]".contains(last)
            {
                end -= last.len_utf8();
            }
            masked.push(at..end);
        }
        previous = Some(c);
    }
    let mut hidden = vec![false; s.len()];
    for r in masked {
        hidden[r].fill(true);
    }
    s.char_indices()
        .map(|(at, c)| {
            if hidden[at] {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Where the destination of a Markdown link or image that starts at `start`
/// (just after `](`) ends: `<…>` or up to white space or the closing parenthesis.
fn link_destination_end(s: &str, start: usize) -> usize {
    let rest = &s[start..];
    let start = start + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let rest = &s[start..];
    if rest.starts_with('<') {
        return match rest.find(['>', '\n']) {
            Some(len) if rest[len..].starts_with('>') => start + len + 1,
            _ => start,
        };
    }
    let mut depth = 0usize;
    for (at, c) in rest.char_indices() {
        match c {
            c if c.is_whitespace() => return start + at,
            '(' => depth += 1,
            ')' if depth == 0 => return start + at,
            ')' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// Whether a body image path names a photo file, as the renderer decides it
/// (`render::same_file`): `./media/a.jpg` is `media/a.jpg`, and `%20` is a space.
fn same_file(file: &str, url: &str) -> bool {
    let url = text::nfc(url.trim_start_matches("./"));
    let file = text::nfc(file);
    url == file || text::percent_decode(&url).map(|u| text::nfc(&u)).as_deref() == Some(&file)
}

/// The value of `key` in a detail of `key=value` pairs.
fn detail_value<'a>(detail: &'a str, key: &str) -> &'a str {
    detail
        .split_whitespace()
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or("?")
}

/// The number in the first brackets of a field, counted from 1 for people:
/// `photos[1].alt` → 2.
fn position(field: &str) -> Option<usize> {
    let (_, rest) = field.split_once('[')?;
    let (n, _) = rest.split_once(']')?;
    n.parse::<usize>().ok().map(|n| n + 1)
}

/// The field as the editor labels it, as it starts a sentence. Only the
/// fields a placeholder or a related article is found in are named so.
fn field_name(field: &str) -> Message {
    let n = position(field).unwrap_or(0);
    let base = field.split('[').next().unwrap_or(field);
    let part = field.rsplit_once("].").map(|(_, p)| p);
    match (base, part) {
        ("headline", _) => msg!("checkFieldHeadline"),
        ("sapo", _) => msg!("checkFieldSapo"),
        ("body", _) => msg!("checkFieldBody"),
        ("byline", _) => msg!("checkFieldByline"),
        ("category", _) => msg!("checkFieldCategory"),
        ("keywords", _) => msg!("checklistFieldKeyword", n),
        ("authors", _) => msg!("checkFieldAuthor", n),
        ("photos", Some("caption")) => msg!("checkFieldPhotoCaption", n),
        ("photos", Some("credit")) => msg!("checkFieldPhotoCredit", n),
        ("photos", Some("alt")) => msg!("checkFieldPhotoAlt", n),
        ("related", _) => msg!("checklistFieldRelated", n),
        _ => Message::verbatim(field),
    }
}

/// The finding in words, as data: every message names the field.
pub fn words(finding: &Finding) -> Message {
    let detail = finding.detail.clone();
    let v = |key: &str| detail_value(&finding.detail, key).to_owned();
    let field = field_name(&finding.field);
    let photo = position(&finding.field).unwrap_or(0);
    match finding.rule {
        Rule::HeadlineMissing => msg!("checkHeadlineMissing"),
        Rule::HeadlineTooLong => msg!("checkHeadlineTooLong", length = v("length"), max = v("max")),
        Rule::SapoMissing => msg!("checkSapoMissing"),
        Rule::CategoryMissing => msg!("checkCategoryMissing"),
        Rule::PhotoCaptionMissing => msg!("checkPhotoCaptionMissing", photo, file = detail),
        Rule::PhotoCreditMissing => msg!("checkPhotoCreditMissing", photo, file = detail),
        Rule::PhotoAltMissing => msg!("checkPhotoAltMissing", photo, file = detail),
        Rule::Placeholder => msg!("checkPlaceholder", field, placeholder = detail),
        Rule::PhotoReferenceBroken if detail.is_empty() => msg!("checkPhotoReferenceEmpty"),
        Rule::PhotoReferenceBroken => msg!("checkPhotoReferenceBroken", image = detail),
        Rule::PublishTimeMissing => msg!("checkPublishTimeMissing"),
        Rule::SapoLength => {
            let (length, min, max) = (v("length"), v("min"), v("max"));
            if length.parse::<usize>().ok() < min.parse::<usize>().ok() {
                msg!("checkSapoShort", length, min, max)
            } else {
                msg!("checkSapoLong", length, min, max)
            }
        }
        Rule::FewKeywords if v("count") == "1" => msg!("checkFewKeywordsOne", min = v("min")),
        Rule::FewKeywords => msg!("checkFewKeywords", count = v("count"), min = v("min")),
        Rule::HeadlineLong => msg!("checkHeadlineLong", length = v("length"), max = v("max")),
        Rule::NoFeaturedPhoto if v("photos") == "0" => msg!("checkNoPhoto"),
        Rule::NoFeaturedPhoto => msg!("checkNoFeaturedPhoto"),
        Rule::RelatedUnresolved => msg!("checkRelatedUnresolved", field, reference = detail),
    }
}

/// The blocking findings as a workflow move refused by them reports them,
/// each with its field ([`crate::CoreError::Blocked`]).
pub fn blocking_words(findings: &[Finding]) -> Vec<Message> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Blocking)
        .map(|f| {
            msg!(
                "errorBlockedFinding",
                field = f.field.clone(),
                message = words(f)
            )
        })
        .collect()
}

/// The finding in the UI language: "en" (or any `en-…` tag) for English,
/// anything else for Vietnamese.
pub fn message(finding: &Finding, language: &str) -> String {
    messages::render(&words(finding), Lang::from_tag(language))
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::article::{
        ArticleId, Author, AuthorRole, PhotoPlacement, Related, RelatedArticle, Status,
    };

    fn settings() -> Settings {
        Settings {
            headline_max: 120,
            sapo_min: 20,
            sapo_max: 250,
            categories: vec!["Thời sự".into(), "Kinh tế".into()],
            base_url: String::new(),
            keep_photo_metadata: false,
        }
    }

    fn photo(file: &str, featured: bool) -> PhotoPlacement {
        PhotoPlacement {
            sha256: "a".repeat(64),
            file: file.into(),
            caption: "Quang cảnh hội nghị.".into(),
            credit: "Ảnh: Minh Anh".into(),
            alt: "Các đại biểu ngồi trong hội trường".into(),
            featured,
            width: 1200,
            height: 800,
            mime: "image/jpeg".into(),
        }
    }

    fn time(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// An article that passes every rule, even when publishing.
    fn clean() -> Article {
        Article {
            id: ArticleId::new(),
            headline: "Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số".into(),
            sapo: "Sáng 6/12, Đảng ủy xã An Thịnh tổ chức ra mắt mô hình mới.".into(),
            body: "Đoạn mở đầu.\n\n![Hội nghị](media/hoi-nghi.jpg)\n\nĐoạn cuối, xem \
                   [trang xã](https://anthinh.gov.vn/tin?id=1).\n\n![Biểu đồ](media/bieu-do.png)\n"
                .into(),
            byline: "Minh Anh".into(),
            authors: vec![Author {
                name: "Minh Anh".into(),
                role: AuthorRole::Reporter,
            }],
            keywords: vec!["chuyển đổi số".into(), "An Thịnh".into()],
            category: "Thời sự".into(),
            language: "vi".into(),
            status: Status::Draft,
            slug: "xa-an-thinh".into(),
            slug_manual: false,
            editor_note: "TK: hỏi lại số liệu [cần kiểm tra] XXX ???".into(),
            created_at: time("2022-12-05T10:00:00Z"),
            updated_at: time("2022-12-05T11:00:00Z"),
            published_at: Some(DateTime::parse_from_rfc3339("2022-12-06T00:00:00+07:00").unwrap()),
            photos: vec![
                photo("media/hoi-nghi.jpg", true),
                photo("media/bieu-do.png", false),
            ],
            related: vec![Related {
                reference: "bai-cu".into(),
                resolved: Some(RelatedArticle {
                    id: ArticleId::new(),
                    slug: "bai-cu".into(),
                    headline: "Bài cũ".into(),
                    excerpt: "".into(),
                }),
            }],
        }
    }

    fn rules(findings: &[Finding]) -> Vec<Rule> {
        findings.iter().map(|f| f.rule).collect()
    }

    fn found(article: &Article) -> Vec<(Rule, String, String)> {
        check(article, &settings(), true)
            .into_iter()
            .map(|f| (f.rule, f.field, f.detail))
            .collect()
    }

    fn one(rule: Rule, field: &str, detail: &str) -> Vec<(Rule, String, String)> {
        vec![(rule, field.to_owned(), detail.to_owned())]
    }

    #[test]
    fn a_clean_article_passes_everything() {
        let findings = check(&clean(), &settings(), true);
        assert_eq!(findings, vec![]);
        assert!(!has_blocking(&findings));
    }

    #[test]
    fn headline_missing_and_too_long() {
        let mut a = clean();
        a.headline = "   ".into();
        assert_eq!(found(&a), one(Rule::HeadlineMissing, "headline", ""));

        // 120 characters of Vietnamese, counted as NFC scalar values even when
        // typed decomposed: exactly at the limit passes (with the warning).
        a.headline = "Hòa ".repeat(29) + "Hòa!";
        assert_eq!(char_count(&a.headline), 120);
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd(a.headline.as_str()).collect();
        assert!(nfd.chars().count() > 120);
        a.headline = nfd;
        assert_eq!(
            found(&a),
            one(Rule::HeadlineLong, "headline", "length=120 max=100")
        );

        a.headline = "a".repeat(134);
        let findings = check(&a, &settings(), false);
        assert_eq!(
            findings,
            vec![Finding {
                rule: Rule::HeadlineTooLong,
                severity: Severity::Blocking,
                field: "headline".into(),
                detail: "length=134 max=120".into(),
            }]
        );
        assert!(has_blocking(&findings));
    }

    #[test]
    fn headline_recommended_length_is_a_warning_only_under_the_limit() {
        let mut a = clean();
        a.headline = "a".repeat(HEADLINE_RECOMMENDED);
        assert_eq!(found(&a), vec![]);
        a.headline = "a".repeat(HEADLINE_RECOMMENDED + 1);
        let findings = check(&a, &settings(), true);
        assert_eq!(rules(&findings), [Rule::HeadlineLong]);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(!has_blocking(&findings));
        // Over the hard limit: only the blocking finding, not both.
        a.headline = "a".repeat(121);
        assert_eq!(
            rules(&check(&a, &settings(), true)),
            [Rule::HeadlineTooLong]
        );
    }

    #[test]
    fn sapo_missing_and_length() {
        let mut a = clean();
        a.sapo = "\n ".into();
        // Missing is blocking; the length warning is not added on top.
        assert_eq!(found(&a), one(Rule::SapoMissing, "sapo", ""));

        a.sapo = "Ngắn quá.".into();
        assert_eq!(
            found(&a),
            one(Rule::SapoLength, "sapo", "length=9 min=20 max=250")
        );
        a.sapo = "dài ".repeat(70);
        assert_eq!(
            found(&a),
            one(Rule::SapoLength, "sapo", "length=279 min=20 max=250")
        );
        a.sapo = "x".repeat(20);
        assert_eq!(found(&a), vec![]);
        a.sapo = "x".repeat(250);
        assert_eq!(found(&a), vec![]);
    }

    #[test]
    fn category_missing() {
        let mut a = clean();
        a.category = String::new();
        assert_eq!(found(&a), one(Rule::CategoryMissing, "category", ""));
    }

    #[test]
    fn every_photo_needs_caption_credit_and_alt() {
        let mut a = clean();
        a.photos[1].caption = " ".into();
        a.photos[1].credit = String::new();
        a.photos[0].alt = String::new();
        assert_eq!(
            found(&a),
            vec![
                (
                    Rule::PhotoAltMissing,
                    "photos[0].alt".into(),
                    "media/hoi-nghi.jpg".into()
                ),
                (
                    Rule::PhotoCaptionMissing,
                    "photos[1].caption".into(),
                    "media/bieu-do.png".into()
                ),
                (
                    Rule::PhotoCreditMissing,
                    "photos[1].credit".into(),
                    "media/bieu-do.png".into()
                ),
            ]
        );
    }

    fn placeholders_in(s: &str) -> Vec<String> {
        placeholders(s, true)
    }

    #[test]
    fn placeholders_are_whole_words_in_any_case() {
        assert_eq!(placeholders_in("Ông Nguyễn Văn TK phát biểu"), ["TK"]);
        assert_eq!(placeholders_in("theo ông tk, giá tăng"), ["tk"]);
        assert_eq!(placeholders_in("Số điện thoại 0912.XXX.XXX"), ["XXX"]);
        assert_eq!(placeholders_in("(xxx)"), ["xxx"]);
        for clean in [
            "Tập đoàn TKV báo lãi",
            "Tkachenko ghi bàn",
            "Hãng bia XXXX",
            "Chương XXXIII",
            "Ông TKĐ",
            "Tiếng Việt: tiếc, tiến",
            "Vì sao? Tại sao?!",
            "Hỏi: ?? thôi",
        ] {
            assert_eq!(placeholders_in(clean), Vec::<String>::new(), "{clean}");
        }
    }

    #[test]
    fn question_marks_and_brackets_are_found_in_any_form() {
        assert_eq!(
            placeholders_in("Giá vé là bao nhiêu???"),
            ["???"],
            "at a sentence end"
        );
        assert_eq!(placeholders_in("Giá vé ???."), ["???"]);
        assert_eq!(placeholders_in("Giá vé ????"), ["????"]);
        assert_eq!(
            placeholders_in("Dân số [Cần kiểm tra] người"),
            ["[Cần kiểm tra]"]
        );
        assert_eq!(placeholders_in("Năm [KIỂM TRA]"), ["[KIỂM TRA]"]);
        assert_eq!(placeholders_in("Năm [ kiểm  tra ]"), ["[ kiểm  tra ]"]);
        assert_eq!(placeholders_in("Năm [can kiem tra]"), ["[can kiem tra]"]);
        assert_eq!(placeholders_in(r"Năm \[kiểm tra\]"), [r"[kiểm tra\]"]);
        // Decomposed input (as some Mac and web sources paste it) is found and
        // reported in NFC.
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Dân số [Cần kiểm tra] người")
                .collect();
        assert_ne!(nfd, "Dân số [Cần kiểm tra] người");
        assert_eq!(placeholders_in(&nfd), ["[Cần kiểm tra]"]);
        // The bracket must hold only the placeholder.
        for clean in [
            "[kiểm tra lại] đoạn",
            "đã kiểm tra",
            "Đợt [kiểm tra](https://bo.gov.vn/kt) của Bộ",
            "[Kiểm tra][1]",
        ] {
            assert_eq!(placeholders_in(clean), Vec::<String>::new(), "{clean}");
        }
    }

    #[test]
    fn addresses_are_not_placeholders() {
        for clean in [
            "![Ảnh](media/tk.jpg)",
            "[Trang](https://example.com/a?b=???)",
            "Xem https://example.com/xxx/tk?q=???&p=1",
            "Xem <https://example.com/TK>",
            "www.tk.vn",
        ] {
            assert_eq!(placeholders_in(clean), Vec::<String>::new(), "{clean}");
        }
        // The link's text and the image's alt text and title are read.
        assert_eq!(
            placeholders_in(r#"![Ảnh TK](media/a.jpg "XXX")"#),
            ["TK", "XXX"]
        );
        assert_eq!(placeholders_in("Xem https://example.com/a. TK"), ["TK"]);
        // Punctuation at the end of a bare address is the sentence's, as the
        // page shows it (GFM leaves it out of the link).
        assert_eq!(placeholders_in("Xem https://example.com/a???"), ["???"]);
    }

    #[test]
    fn placeholders_in_every_published_field_but_not_the_editor_note() {
        let a = clean();
        assert!(a.editor_note.contains("TK"));
        assert_eq!(found(&a), vec![]);

        let mut a = clean();
        a.headline = "Giá điện tăng XXX%".into();
        a.sapo = "Sáng nay, ông TK cho biết giá điện sẽ tăng.".into();
        a.body = "Dân số [cần kiểm tra] người. Lại [cần kiểm tra].\n\n\
                  ![Hội nghị](media/hoi-nghi.jpg)\n\n![Biểu đồ](media/bieu-do.png)"
            .into();
        a.byline = "TK".into();
        a.authors[0].name = "Xxx".into();
        a.keywords[1] = "???".into();
        a.category = "TK".into();
        a.photos[1].credit = "Ảnh: TK".into();
        a.photos[1].alt = "[kiểm tra]".into();
        assert_eq!(
            found(&a),
            vec![
                (Rule::Placeholder, "headline".into(), "XXX".into()),
                (Rule::Placeholder, "sapo".into(), "TK".into()),
                (Rule::Placeholder, "body".into(), "[cần kiểm tra]".into()),
                (Rule::Placeholder, "byline".into(), "TK".into()),
                (Rule::Placeholder, "authors[0]".into(), "Xxx".into()),
                (Rule::Placeholder, "keywords[1]".into(), "???".into()),
                (Rule::Placeholder, "category".into(), "TK".into()),
                (Rule::Placeholder, "photos[1].credit".into(), "TK".into()),
                (
                    Rule::Placeholder,
                    "photos[1].alt".into(),
                    "[kiểm tra]".into()
                ),
            ]
        );
    }

    #[test]
    fn body_photos_must_be_the_articles_photos() {
        let mut a = clean();
        a.body = "![a](./media/hoi-nghi.jpg) ![b](media/bieu%2Ddo.png) \
                  ![web](https://example.com/x.jpg)"
            .into();
        assert_eq!(found(&a), vec![]);

        a.body =
            "![a](media/khac.jpg)\n\n![a](media/khac.jpg)\n\n![b](/Users/an/anh.jpg)\n\n![c]()"
                .into();
        assert_eq!(
            found(&a),
            vec![
                (
                    Rule::PhotoReferenceBroken,
                    "body".into(),
                    "media/khac.jpg".into()
                ),
                (
                    Rule::PhotoReferenceBroken,
                    "body".into(),
                    "/Users/an/anh.jpg".into()
                ),
                (Rule::PhotoReferenceBroken, "body".into(), "".into()),
            ]
        );
    }

    #[test]
    fn publish_time_only_when_publishing() {
        let mut a = clean();
        a.published_at = None;
        assert_eq!(check(&a, &settings(), false), vec![]);
        assert_eq!(found(&a), one(Rule::PublishTimeMissing, "published_at", ""));
    }

    #[test]
    fn keywords() {
        let mut a = clean();
        a.keywords = vec!["An Thịnh".into()];
        assert_eq!(
            found(&a),
            one(Rule::FewKeywords, "keywords", "count=1 min=2")
        );
        a.keywords = vec![];
        assert_eq!(
            found(&a),
            one(Rule::FewKeywords, "keywords", "count=0 min=2")
        );
    }

    #[test]
    fn featured_photo() {
        let mut a = clean();
        a.photos[0].featured = false;
        assert_eq!(found(&a), one(Rule::NoFeaturedPhoto, "photos", "photos=2"));
        a.photos[1].featured = true;
        assert_eq!(found(&a), vec![]);
        // No photo at all is warned about too: the listings need one.
        a.photos.clear();
        a.body = "Không có ảnh.".into();
        assert_eq!(found(&a), one(Rule::NoFeaturedPhoto, "photos", "photos=0"));
    }

    #[test]
    fn related_unresolved() {
        let mut a = clean();
        a.related.push(Related {
            reference: "bai-chua-co".into(),
            resolved: None,
        });
        assert_eq!(
            found(&a),
            one(Rule::RelatedUnresolved, "related[1]", "bai-chua-co")
        );
    }

    #[test]
    fn blocking_findings_come_first_in_rule_order() {
        let mut a = clean();
        a.headline = String::new();
        a.sapo = "Ngắn.".into();
        a.category = String::new();
        a.keywords = vec![];
        a.photos[0].featured = false;
        a.photos[0].caption = String::new();
        a.published_at = None;
        a.body = "TK ![x](media/x.jpg)".into();
        a.related[0].resolved = None;
        let findings = check(&a, &settings(), true);
        assert_eq!(
            rules(&findings),
            [
                Rule::HeadlineMissing,
                Rule::CategoryMissing,
                Rule::PhotoCaptionMissing,
                Rule::Placeholder,
                Rule::PhotoReferenceBroken,
                Rule::PublishTimeMissing,
                Rule::SapoLength,
                Rule::FewKeywords,
                Rule::NoFeaturedPhoto,
                Rule::RelatedUnresolved,
            ]
        );
        let first_warning = findings
            .iter()
            .position(|f| f.severity == Severity::Warning)
            .unwrap();
        assert!(
            findings[..first_warning]
                .iter()
                .all(|f| f.severity == Severity::Blocking)
        );
        assert!(
            findings[first_warning..]
                .iter()
                .all(|f| f.severity == Severity::Warning)
        );
        // The same article gives the same list.
        assert_eq!(findings, check(&a, &settings(), true));
    }

    #[test]
    fn serialises_in_snake_case() {
        let f = Finding {
            rule: Rule::PhotoReferenceBroken,
            severity: Severity::Blocking,
            field: "body".into(),
            detail: "media/x.jpg".into(),
        };
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            serde_json::json!({
                "rule": "photo_reference_broken",
                "severity": "blocking",
                "field": "body",
                "detail": "media/x.jpg",
            })
        );
    }

    fn finding(rule: Rule, field: &str, detail: &str) -> Finding {
        Finding {
            rule,
            severity: severity(rule),
            field: field.into(),
            detail: detail.into(),
        }
    }

    #[test]
    fn messages_in_both_languages_name_the_field() {
        let long = finding(Rule::HeadlineTooLong, "headline", "length=134 max=120");
        assert_eq!(
            message(&long, "vi"),
            "Tiêu đề dài 134 ký tự, quá giới hạn 120."
        );
        assert_eq!(
            message(&long, "en"),
            "The headline is 134 characters, over the limit of 120."
        );
        // Anything but English is Vietnamese.
        assert_eq!(message(&long, ""), message(&long, "vi"));
        assert_eq!(message(&long, "fr"), message(&long, "vi"));
        assert_eq!(message(&long, "en-GB"), message(&long, "en"));

        let cases = [
            (
                finding(Rule::Placeholder, "photos[1].caption", "TK"),
                "Chú thích ảnh 2 còn dấu chờ bổ sung “TK”",
                "The caption of photo 2 still has the placeholder “TK”",
            ),
            (
                finding(Rule::Placeholder, "keywords[0]", "???"),
                "Từ khóa 1 còn",
                "Keyword 1 still has the placeholder “???”",
            ),
            (
                finding(Rule::Placeholder, "body", "[cần kiểm tra]"),
                "Nội dung còn dấu chờ bổ sung “[cần kiểm tra]”",
                "The body still has the placeholder “[cần kiểm tra]”",
            ),
            (
                finding(Rule::PhotoCreditMissing, "photos[0].credit", "media/a.jpg"),
                "Ảnh 1 (media/a.jpg) chưa ghi tác giả / nguồn ảnh.",
                "Photo 1 (media/a.jpg) has no credit.",
            ),
            (
                finding(Rule::PhotoAltMissing, "photos[2].alt", "media/c.jpg"),
                "Ảnh 3 (media/c.jpg) chưa có mô tả",
                "Photo 3 (media/c.jpg) has no alt text.",
            ),
            (
                finding(
                    Rule::PhotoCaptionMissing,
                    "photos[0].caption",
                    "media/a.jpg",
                ),
                "Ảnh 1 (media/a.jpg) chưa có chú thích.",
                "Photo 1 (media/a.jpg) has no caption.",
            ),
            (
                finding(Rule::SapoLength, "sapo", "length=9 min=20 max=250"),
                "Sapo dài 9 ký tự, ngắn hơn mức nên có (20–250).",
                "The sapo is 9 characters, shorter than the recommended 20–250.",
            ),
            (
                finding(Rule::SapoLength, "sapo", "length=300 min=20 max=250"),
                "Sapo dài 300 ký tự, dài hơn",
                "The sapo is 300 characters, longer than",
            ),
            (
                finding(Rule::HeadlineLong, "headline", "length=105 max=100"),
                "Tiêu đề dài 105 ký tự; nên không quá 100.",
                "The headline is 105 characters; at most 100",
            ),
            (
                finding(Rule::FewKeywords, "keywords", "count=1 min=2"),
                "Bài có 1 từ khóa; nên có ít nhất 2.",
                "The article has 1 keyword; at least 2",
            ),
            (
                finding(Rule::PhotoReferenceBroken, "body", "media/x.jpg"),
                "Nội dung dùng ảnh “media/x.jpg”",
                "The body shows “media/x.jpg”",
            ),
            (
                finding(Rule::RelatedUnresolved, "related[0]", "bai-cu"),
                "Bài liên quan 1 (“bai-cu”) chưa có trong thư viện.",
                "Related article 1 (“bai-cu”) is not in the library.",
            ),
            (
                finding(Rule::HeadlineMissing, "headline", ""),
                "Chưa có tiêu đề.",
                "The headline is missing.",
            ),
            (
                finding(Rule::SapoMissing, "sapo", ""),
                "Chưa có sapo",
                "The sapo",
            ),
            (
                finding(Rule::CategoryMissing, "category", ""),
                "Chưa chọn chuyên mục.",
                "The category is not set.",
            ),
            (
                finding(Rule::PublishTimeMissing, "published_at", ""),
                "Chưa đặt thời gian xuất bản.",
                "The publish time is not set.",
            ),
            (
                finding(Rule::NoFeaturedPhoto, "photos", "photos=0"),
                "ảnh đại diện",
                "featured photo",
            ),
            (
                finding(Rule::NoFeaturedPhoto, "photos", "photos=2"),
                "Chưa chọn ảnh đại diện",
                "featured photo",
            ),
        ];
        for (f, vi, en) in cases {
            let (got_vi, got_en) = (message(&f, "vi"), message(&f, "en"));
            assert!(got_vi.contains(vi), "{f:?}: {got_vi}");
            assert!(got_en.contains(en), "{f:?}: {got_en}");
            assert_ne!(got_vi, got_en);
        }
    }

    #[test]
    fn every_finding_of_a_bad_article_has_a_message() {
        let mut a = clean();
        a.headline = "XXX".into();
        a.photos[0].credit = String::new();
        a.related[0].resolved = None;
        a.keywords.clear();
        for f in check(&a, &settings(), true) {
            for lang in ["vi", "en"] {
                let m = message(&f, lang);
                assert!(m.ends_with('.'), "{m}");
                assert!(!m.contains('?') || f.detail.contains('?'), "{m}");
            }
        }
    }
}
