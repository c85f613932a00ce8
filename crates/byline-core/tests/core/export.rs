use byline_core::{ArticleDraft, export};

use crate::empty_library;

#[test]
fn html_export_writes_a_whole_page_and_replaces_atomically() {
    let (dir, _path, store) = empty_library();
    let article = store
        .create_article(ArticleDraft {
            headline: "Harbour town opens its first public reading room".into(),
            sapo: "The reading room on Quay Street…".into(),
            body: "Volunteers spent three months.".into(),
            byline: "Sam Ortega".into(),
            language: "en".into(),
            published_at: Some(byline_core::text::parse_time("2023-05-06T10:00:00+01:00").unwrap()),
            ..ArticleDraft::default()
        })
        .unwrap();
    let out = dir.path().join("harbour.html");
    std::fs::write(&out, "old").unwrap();
    export::html::write(&store, &article, &out).unwrap();
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{page}"
    );
    assert!(page.contains("<title>Harbour town opens its first public reading room</title>"));
    assert!(page.contains(
        "<time datetime=\"2023-05-06T10:00:00+01:00\">Saturday, 06/05/2023 | 10:00:00</time>"
    ));
    assert!(page.contains("<p class=\"byline\">Sam Ortega</p>"));
    // No temporary file is left beside the export.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".byline-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn exporting_into_a_missing_folder_fails_without_a_trace() {
    let (dir, _path, store) = empty_library();
    let article = store
        .create_article(ArticleDraft {
            headline: "A".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let out = dir.path().join("khong-co").join("a.html");
    let err = export::html::write(&store, &article, &out).unwrap_err();
    assert!(err.to_string().contains("khong-co"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_article_file_round_trips() {
    let (_dir, _path, store) = empty_library();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/an-thinh/article.md"
    ))
    .unwrap();
    let parsed = byline_core::import::front_matter::parse("article.md", &text).unwrap();
    let ids = store.save_incoming(vec![parsed.incoming], None).unwrap();
    let article = store.article(&ids[0].0.to_string()).unwrap();
    let written = export::article_file::to_markdown(&article);
    let again = byline_core::import::front_matter::parse("again.md", &written).unwrap();
    assert_eq!(again.incoming.id, Some(article.id));
    let saved = store.save_incoming(vec![again.incoming], None).unwrap();
    assert_eq!(saved[0], (article.id, byline_core::Saved::Updated));
    let back = store.article(&article.id.to_string()).unwrap();
    assert_eq!(
        (
            back.headline,
            back.sapo,
            back.body,
            back.keywords,
            back.authors,
            back.published_at,
            back.slug
        ),
        (
            article.headline,
            article.sapo,
            article.body,
            article.keywords,
            article.authors,
            article.published_at,
            article.slug
        )
    );
}
