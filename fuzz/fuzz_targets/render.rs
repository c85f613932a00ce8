//! The Markdown render pipeline on any input: `render::markdown`, and the
//! article around it (`article_fragment`, `published_fragment`,
//! `body_fragment`, the exported page) with photos whose names, captions,
//! credits and alt texts come from the input too.
//!
//! Asserted, for every output: no panic; no `<script`; no `on…=` attribute;
//! no `javascript:` (or any scheme but http, https, mailto and tel) in a URL
//! attribute, character references and ignored tabs included; no `style`
//! attribute, no element that runs or loads code (byline_fuzz::check). The
//! exported page may have its one JSON-LD script, which must parse as JSON.
#![no_main]

use std::sync::Once;

use byline_core::{
    Article, ArticleId, Status,
    article::{PhotoPlacement, Related, RelatedArticle},
    export, package,
    render::{self, app_photo_url},
    text,
};
use byline_fuzz::{Mode, check, self_test};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

static ORACLE: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    ORACLE.call_once(self_test);
    let md = String::from_utf8_lossy(data);

    let html = render::markdown(&md);
    assert_safe(&html, Mode::Fragment, &[], "markdown");

    // Each input also goes through one of the four ways an article is shown
    // (each renders the body again; one per input keeps the target fast).
    let article = article_from(&md);
    let photo_urls: Vec<String> = article.photos.iter().filter_map(photo_src).collect();
    let base_url = if data.len() % 8 < 4 {
        "https://toasoan.example.vn/tin/"
    } else {
        ""
    };
    match data.len() % 4 {
        0 => {
            let html = render::article_fragment(&article, &photo_src);
            assert_safe(&html, Mode::Fragment, &photo_urls, "article_fragment");
        }
        1 => {
            let html = render::body_fragment(&article, &photo_src);
            assert_safe(&html, Mode::Fragment, &photo_urls, "body_fragment");
        }
        2 => {
            let html = render::published_fragment(&article, &photo_src, base_url);
            assert_safe(&html, Mode::Fragment, &photo_urls, "published_fragment");
        }
        _ => {
            // The `html` export's page: photos at media/<sha256>.<ext>, relative.
            let page = export::html::folder_page(&article, base_url);
            let media: Vec<String> = article.photos.iter().map(package::media_path).collect();
            assert_safe(&page, Mode::Page, &media, "folder_page");
        }
    }
});

fn assert_safe(html: &str, mode: Mode, photo_urls: &[String], what: &str) {
    if let Err(problem) = check(html, mode, photo_urls) {
        panic!("{what}: {problem}\n--- output ---\n{html}");
    }
}

/// The preview's photo URLs for even photos; none (the image loses its
/// `src`) for odd ones, as for a photo the library no longer has.
fn photo_src(p: &PhotoPlacement) -> Option<String> {
    let n = p.sha256.bytes().last().unwrap_or(b'0');
    n.is_multiple_of(2)
        .then(|| app_photo_url(&p.sha256, Some(render::PREVIEW_PHOTO_WIDTH)))
}

/// An article whose every field comes from the input: the whole input is the
/// body, its first lines are the headline, sapo, byline, keywords and
/// category, the next ones related headlines, and each body image (up to 4)
/// is a photo with the image's title as caption and its alt text as credit.
fn article_from(md: &str) -> Article {
    let mut lines = md.lines();
    let mut next = || lines.next().unwrap_or_default().to_owned();
    let headline = next();
    let sapo = next();
    let byline = next();
    let keywords: Vec<String> = next().split(',').map(str::to_owned).collect();
    let category = next();
    let related: Vec<Related> = (0..3)
        .map(|i| {
            let line = next();
            Related {
                reference: line.clone(),
                // The last one stays unresolved: a related article the
                // library does not hold.
                resolved: (i < 2).then(|| RelatedArticle {
                    id: id(),
                    slug: Some(text::slugify(&line))
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "bai-viet".into()),
                    headline: line.clone(),
                    excerpt: text::excerpt(&line, 160),
                }),
            }
        })
        .collect();

    let mut photos: Vec<PhotoPlacement> = render::body_images(md)
        .into_iter()
        .take(4)
        .enumerate()
        .map(|(i, image)| {
            let file = image.url.trim_start_matches("./");
            // Odd photos are named as the body writes them (%20 and all), even
            // ones decoded: both must be found.
            let file = match i % 2 {
                0 => text::percent_decode(file).unwrap_or_else(|| file.to_owned()),
                _ => file.to_owned(),
            };
            PhotoPlacement {
                sha256: format!("{:063x}{i}", md.len()),
                file,
                caption: image.title,
                credit: image.alt.clone(),
                // Every third photo has no alt text of its own: the body's is used.
                alt: if i % 3 == 0 { String::new() } else { image.alt },
                featured: i == 0,
                width: 1200,
                height: 800,
                mime: ["image/jpeg", "image/png", "image/webp"][i % 3].to_owned(),
            }
        })
        .collect();
    // A featured photo the body does not show.
    if photos.is_empty() {
        photos.push(PhotoPlacement {
            sha256: format!("{:064x}", md.len()),
            file: "media/anh.jpg".into(),
            caption: sapo.clone(),
            credit: byline.clone(),
            alt: headline.clone(),
            featured: true,
            width: 1,
            height: 1,
            mime: "image/jpeg".into(),
        });
    }

    let created = Utc
        .with_ymd_and_hms(2024, 5, 6, 7, 8, 9)
        .single()
        .expect("a valid time");
    Article {
        id: id(),
        slug: Some(text::slugify(&headline))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "bai-viet".into()),
        headline,
        sapo,
        body: md.to_owned(),
        byline,
        authors: Vec::new(),
        keywords,
        category,
        language: if md.len().is_multiple_of(3) {
            "en"
        } else {
            "vi"
        }
        .into(),
        status: Status::Draft,
        slug_manual: false,
        editor_note: "<script>internal</script>".into(),
        created_at: created,
        updated_at: created,
        published_at: (!md.len().is_multiple_of(5)).then(|| published(md.len())),
        photos,
        related,
    }
}

fn published(n: usize) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(7 * 3600).expect("+07:00");
    offset
        .with_ymd_and_hms(2022, 12, 6, 0, 0, 0)
        .single()
        .expect("a valid time")
        + chrono::Duration::seconds((n % 100_000) as i64)
}

fn id() -> ArticleId {
    let t = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid time");
    ArticleId::from_time_and_bytes(t, [7; 10])
}
