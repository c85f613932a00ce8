//! A standalone HTML page: the article fragment of the preview in a minimal,
//! valid document with its own small stylesheet and nothing loaded from outside.

use std::path::Path;

use askama::Template;

use crate::{article::Article, error::Result, render};

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    article: &'a Article,
    fragment: String,
}

pub fn page(article: &Article) -> String {
    Page {
        article,
        fragment: render::article_fragment(article),
    }
    .render()
    .expect("the page template only formats strings, which cannot fail")
}

pub fn write(article: &Article, out: &Path) -> Result<()> {
    super::write_atomic(out, page(article).as_bytes())
}
