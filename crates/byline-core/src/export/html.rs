//! A standalone HTML page: the article fragment of the preview in a minimal,
//! valid document with its own small stylesheet and nothing loaded from
//! outside. Photos are inlined as `data:` URIs, oriented and scaled, so the
//! page is one file.

use std::{collections::HashMap, path::Path};

use askama::Template;
use base64::{Engine, engine::general_purpose::STANDARD};

use crate::{article::Article, error::Result, photo, render, store::Store};

/// Widest photo in an exported page, in pixels.
pub const EXPORT_PHOTO_WIDTH: u32 = 1600;

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    article: &'a Article,
    fragment: String,
}

/// The page, with photos as `photo_src` gives them.
pub fn page(
    article: &Article,
    photo_src: &dyn Fn(&crate::PhotoPlacement) -> Option<String>,
) -> String {
    Page {
        article,
        fragment: render::article_fragment(article, photo_src),
    }
    .render()
    .expect("the page template only formats strings, which cannot fail")
}

/// What an export wrote, and what it had to leave out (one line each).
#[derive(Debug, Default)]
pub struct Written {
    pub warnings: Vec<String>,
}

/// Writes the page to `out`, whole or not at all.
pub fn write(store: &Store, article: &Article, out: &Path) -> Result<Written> {
    let mut inlined = HashMap::new();
    for p in &article.photos {
        if let Some(bytes) = store.photo_bytes(&p.sha256)? {
            let (scaled, mime) = photo::render(&bytes, Some(EXPORT_PHOTO_WIDTH))?;
            inlined.insert(
                p.sha256.clone(),
                format!("data:{mime};base64,{}", STANDARD.encode(scaled)),
            );
        }
    }
    let html = page(article, &|p| inlined.get(&p.sha256).cloned());
    super::write_atomic(out, html.as_bytes())?;
    Ok(Written {
        warnings: article
            .related
            .iter()
            .filter(|r| r.resolved.is_none())
            .map(|r| {
                format!(
                    "related article '{}' is not in the library; left out",
                    r.reference
                )
            })
            .collect(),
    })
}
