//! The only place where user text becomes markup. The app's preview and the
//! HTML export both call [`article_fragment`], so what the writer previews is
//! what gets published.
//!
//! Two gates: comrak, configured here and nowhere else, renders Markdown with raw
//! HTML and dangerous URLs dropped; ammonia then cleans the result against an
//! allow-list, so a comrak bug or a future option cannot let markup through.

use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

use askama::Template;
use comrak::{Options, markdown_to_html};

use crate::{article::Article, text};

/// comrak's options: CommonMark plus GFM tables, strikethrough, autolinks and
/// footnotes; raw HTML is never passed through (`render.unsafe` stays false).
fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = false;
    options
}

/// URL schemes a link or image may use; relative URLs pass too. `javascript:`,
/// `vbscript:` and `data:` never do.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(URL_SCHEMES.iter().copied().collect())
            .add_tags(["section"])
            // Footnotes link to each other by id; tables keep their alignment.
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("a", ["id"])
            .add_tag_attributes("th", ["align"])
            .add_tag_attributes("td", ["align"])
            .allowed_classes(HashMap::from([
                ("section", HashSet::from(["footnotes"])),
                ("sup", HashSet::from(["footnote-ref"])),
                ("a", HashSet::from(["footnote-backref"])),
            ]))
            // comrak empties a dangerous URL (`href=""`), which would still be a
            // link to the page itself; drop the attribute instead.
            .attribute_filter(|_element, attribute, value| match attribute {
                "href" | "src" if value.trim().is_empty() => None,
                _ => Some(value.into()),
            })
            .strip_comments(true);
        b
    })
}

/// Markdown to safe HTML.
pub fn markdown(md: &str) -> String {
    let html = markdown_to_html(md, &comrak_options());
    sanitizer().clean(&html).to_string()
}

/// What the article shows as a reader sees it: headline, dateline, sapo, body,
/// byline and keywords. The editor's note is internal and never appears here.
#[derive(Template)]
#[template(path = "article.html")]
struct ArticleFragment<'a> {
    article: &'a Article,
    dateline: Option<Dateline>,
    body_html: String,
    keywords_label: &'static str,
}

struct Dateline {
    iso: String,
    text: String,
}

/// The `<article>` element for the preview and for the exported page.
pub fn article_fragment(article: &Article) -> String {
    let fragment = ArticleFragment {
        article,
        dateline: article.published_at.map(|t| Dateline {
            iso: t.to_rfc3339(),
            text: text::dateline(&t, &article.language),
        }),
        body_html: markdown(&article.body),
        keywords_label: if text::is_vietnamese(&article.language) {
            "Từ khóa:"
        } else {
            "Keywords:"
        },
    };
    // askama escapes every value but `body_html`, which ammonia has just cleaned.
    fragment
        .render()
        .expect("the article template only formats strings, which cannot fail")
}
