//! The article file reader on any text: `import::front_matter::parse` on the
//! input (decoded lossily when it is not UTF-8, as a package's article.md
//! never is but a file on disk may be).
//!
//! Asserted: no panic, in `parse` or in what import does next with its result
//! (`ArticleDraft::normalized`); a parsed file has a headline; and a file that
//! parses and normalises comes back the same from the article file Byline
//! writes for it (`export::article_file::to_markdown`, what `byline show` and
//! the `md` export print and `import` reads back).
#![no_main]

use byline_core::{
    Article, ArticleDraft, ArticleId, Related, Status, export::article_file, import::front_matter,
    text,
};
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let content = String::from_utf8_lossy(data);
    let Ok(parsed) = front_matter::parse("fuzz.md", &content) else {
        return;
    };
    let draft = parsed.incoming.draft;
    assert!(
        !draft.headline.trim().is_empty(),
        "a parsed article file has a headline"
    );
    for photo in &parsed.photos {
        assert!(photo.path.as_deref() != Some(""), "an empty path is None");
    }
    let Ok(first) = draft.normalized() else {
        return;
    };

    // The file Byline writes for this article, read back.
    let id = parsed.incoming.id.unwrap_or_else(|| {
        ArticleId::from_time_and_bytes(
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
                .single()
                .expect("a valid time"),
            [1; 10],
        )
    });
    let written = article_file::to_markdown(&article(id, &first));
    let again = match front_matter::parse("fuzz.md", &written) {
        Ok(p) => p,
        Err(e) => panic!("the written file does not parse: {e}\n--- written ---\n{written}"),
    };
    assert_eq!(
        again.incoming.id,
        Some(id),
        "id\n--- written ---\n{written}"
    );
    let second = match again.incoming.draft.normalized() {
        Ok(d) => d,
        Err(e) => panic!("the written file does not normalise: {e}\n--- written ---\n{written}"),
    };
    assert_eq!(
        comparable(&first),
        comparable(&second),
        "the article changed on its way through its file\n--- written ---\n{written}"
    );
    assert_eq!(
        slug(&first),
        slug(&second),
        "slug\n--- written ---\n{written}"
    );
});

/// The slug the library gives the draft: the one chosen, else one from the
/// headline, else "bai-viet" (store/articles.rs).
fn slug(d: &ArticleDraft) -> String {
    d.slug.clone().unwrap_or_else(|| {
        Some(text::slugify(&d.headline))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "bai-viet".into())
    })
}

/// Everything but the slug (compared as the library would set it) and the
/// photos (filled from the photo files on import).
fn comparable(d: &ArticleDraft) -> ArticleDraft {
    ArticleDraft {
        slug: None,
        photos: Vec::new(),
        ..d.clone()
    }
}

fn article(id: ArticleId, d: &ArticleDraft) -> Article {
    let at = Utc
        .with_ymd_and_hms(2024, 5, 6, 7, 8, 9)
        .single()
        .expect("a valid time");
    Article {
        id,
        headline: d.headline.clone(),
        sapo: d.sapo.clone(),
        body: d.body.clone(),
        byline: d.byline.clone(),
        authors: d.authors.clone(),
        keywords: d.keywords.clone(),
        category: d.category.clone(),
        language: d.language.clone(),
        status: Status::Draft,
        slug: slug(d),
        slug_manual: d.slug.is_some(),
        editor_note: d.editor_note.clone(),
        created_at: at,
        updated_at: at,
        published_at: d.published_at,
        photos: Vec::new(),
        related: d
            .related
            .iter()
            .map(|r| Related {
                reference: r.clone(),
                resolved: None,
            })
            .collect(),
    }
}
