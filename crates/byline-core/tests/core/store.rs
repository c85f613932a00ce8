use byline_core::{
    ArticleDraft, ArticleFields, ArticleId, CoreError, OpenOptions, Store, store::schema_version,
};
use rusqlite::Connection;

use crate::{empty_library, snapshot_files, temp_library};

fn draft(headline: &str) -> ArticleDraft {
    ArticleDraft {
        headline: headline.to_owned(),
        ..ArticleDraft::default()
    }
}

#[test]
fn a_new_library_gets_the_schema_and_wal() {
    let (_dir, path, store) = empty_library();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'articles'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn a_library_from_a_newer_byline_is_refused_and_left_alone() {
    let (_dir, path, store) = empty_library();
    drop(store);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
    }
    let before = snapshot_files(&path);
    let err = Store::open(&path, &OpenOptions::default())
        .err()
        .expect("refused");
    assert!(matches!(err, CoreError::LibraryTooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer version of Byline"), "{err}");
    assert_eq!(snapshot_files(&path), before);
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "plain text, not SQLite ".repeat(100)).unwrap();
    let before = snapshot_files(&text);
    let err = Store::open(&text, &OpenOptions::default())
        .err()
        .expect("refused");
    assert!(
        err.to_string()
            .contains("not a Byline library (not an SQLite file)"),
        "{err}"
    );
    assert_eq!(snapshot_files(&text), before);

    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = Store::open(&other, &OpenOptions::default())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn a_library_path_that_cannot_be_opened_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path(), &OpenOptions::default())
        .err()
        .expect("a folder is no library");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "{}: cannot open the library",
            dir.path().display()
        )),
        "{message}"
    );
}

#[test]
fn create_show_update_list() {
    let (_dir, _path, store) = empty_library();
    let a = store
        .create_article(ArticleDraft {
            headline: "Xã An Thịnh ra mắt mô hình mới".into(),
            sapo: "Sáng 14/3…".into(),
            keywords: vec!["chuyển đổi số".into(), "An Thịnh".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    assert_eq!(a.slug, "xa-an-thinh-ra-mat-mo-hinh-moi");
    assert_eq!(a.language, "vi");
    assert_eq!(store.article(&a.id.to_string()).unwrap(), a);
    assert_eq!(store.article(&a.slug).unwrap(), a);

    let b = store.create_article(draft("Bài thứ hai")).unwrap();
    let list = store.list_articles().unwrap();
    assert_eq!(
        list.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![b.id, a.id]
    );

    let updated = store
        .update_fields(
            a.id,
            ArticleFields {
                headline: "Xã An Thịnh tổng kết mô hình".into(),
                body: "Nội dung **mới**.".into(),
                keywords: vec!["dân vận khéo".into()],
                ..ArticleFields::default()
            },
        )
        .unwrap();
    assert_eq!(updated.body, "Nội dung **mới**.");
    assert_eq!(updated.created_at, a.created_at);
    assert!(updated.updated_at > a.updated_at);
    // A draft's slug follows its headline until someone chooses one.
    assert_eq!(updated.slug, "xa-an-thinh-tong-ket-mo-hinh");
    // The article just saved comes first.
    assert_eq!(store.list_articles().unwrap()[0].id, a.id);
}

#[test]
fn text_comes_back_nfc() {
    let (_dir, _path, store) = empty_library();
    let nfd = "Hoa\u{0300} Bi\u{0300}nh \u{0111}o\u{0302}\u{0301}i mo\u{031B}\u{0301}i"; // "Hoà Bình đối mới" decomposed
    let a = store
        .create_article(ArticleDraft {
            headline: nfd.into(),
            keywords: vec![nfd.into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    let expected = "Hoà Bình đối mới";
    assert_eq!(a.headline, expected);
    assert_eq!(a.keywords, vec![expected]);
    let b = store
        .update_fields(
            a.id,
            ArticleFields {
                headline: nfd.into(),
                body: nfd.into(),
                ..ArticleFields::default()
            },
        )
        .unwrap();
    assert_eq!(b.body, expected);
}

#[test]
fn derived_slugs_are_unique_and_chosen_slugs_are_checked() {
    let (_dir, _path, store) = empty_library();
    let first = store.create_article(draft("Họp báo")).unwrap();
    let second = store.create_article(draft("Họp báo")).unwrap();
    assert_eq!(
        (first.slug.as_str(), second.slug.as_str()),
        ("hop-bao", "hop-bao-2")
    );
    let untitled = store.create_article(draft("")).unwrap();
    assert_eq!(untitled.slug, "bai-viet");

    let err = store
        .create_article(ArticleDraft {
            slug: Some("hop-bao".into()),
            ..draft("Khác")
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("'hop-bao' is already the slug"),
        "{err}"
    );
    let err = store
        .create_article(ArticleDraft {
            slug: Some("Họp Báo".into()),
            ..draft("Khác")
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("slug:"), "{err}");
}

#[test]
fn updating_a_missing_article_says_so() {
    let (_dir, _path, store) = empty_library();
    let err = store
        .update_fields(ArticleId::new(), ArticleFields::default())
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound(_)), "{err}");
    assert!(store.article("khong-co").is_err());
}

#[test]
fn a_new_library_starts_with_the_samples_once() {
    let (_dir, path, store) = temp_library(&OpenOptions::default());
    let headlines: Vec<String> = store
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.headline)
        .collect();
    assert_eq!(headlines.len(), 4, "{headlines:?}");
    assert!(
        headlines
            .contains(&"Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số".to_owned())
    );
    assert!(headlines.contains(&"Harbour town opens its first public reading room".to_owned()));
    let an_thinh = store.article("an-thinh-mo-lop-ky-nang-so").unwrap();
    assert_eq!(an_thinh.byline, "Thu Hà");
    drop(store);
    let again = Store::open(&path, &OpenOptions::default()).unwrap();
    assert_eq!(again.list_articles().unwrap().len(), 4);
}

#[test]
fn published_time_keeps_the_writers_offset() {
    let (_dir, _path, store) = empty_library();
    let t = byline_core::text::parse_time("2023-05-06T10:00:00+01:00").unwrap();
    let a = store
        .create_article(ArticleDraft {
            published_at: Some(t),
            ..draft("Harbour")
        })
        .unwrap();
    let back = store
        .article(&a.id.to_string())
        .unwrap()
        .published_at
        .unwrap();
    assert_eq!(back.to_rfc3339(), "2023-05-06T10:00:00+01:00");
}

/// A library written by the previous version (schema 2, before search)
/// opens with every article, placement and related reference kept, and
/// searchable at once.
#[test]
fn a_schema_2_library_is_upgraded_and_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../../../migrations/0001_articles.sql"))
            .unwrap();
        conn.execute_batch(include_str!(
            "../../../../migrations/0002_photos_related_settings.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, headline, sapo, body, byline, keywords, category, slug,
                                   created_at, updated_at)
             VALUES ('0190a1b2-0000-7000-8000-000000000001', 'Quán triệt nghị quyết', 'Sapo',
                     'Thân bài ở **Đà Nẵng**.', 'Duy Huy', '[\"An Thịnh\"]', 'Thời sự',
                     'quan-triet', '2024-01-01T00:00:00.000000Z', '2024-01-02T00:00:00.000000Z'),
                    ('0190a1b2-0000-7000-8000-000000000002', 'Bài hai', '', '', '', '[]', '',
                     'bai-hai', '2024-01-03T00:00:00.000000Z', '2024-01-03T00:00:00.000000Z');
             INSERT INTO photos (sha256, bytes, mime, width, height, added_at)
             VALUES (printf('%064d', 1), x'00', 'image/jpeg', 10, 10, '2024-01-01T00:00:00.000000Z');
             INSERT INTO article_photos (article_id, position, photo, file, caption)
             VALUES ('0190a1b2-0000-7000-8000-000000000001', 0, printf('%064d', 1),
                     'media/a.jpg', 'Toàn cảnh hội nghị');
             INSERT INTO related_articles (article_id, position, reference, resolved_id)
             VALUES ('0190a1b2-0000-7000-8000-000000000001', 0, 'bai-hai',
                     '0190a1b2-0000-7000-8000-000000000002');
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let store = Store::open(&path, &OpenOptions::default()).unwrap();
    let a = store.article("quan-triet").unwrap();
    assert_eq!(a.body, "Thân bài ở **Đà Nẵng**.");
    assert_eq!(a.photos.len(), 1);
    assert_eq!(a.photos[0].caption, "Toàn cảnh hội nghị");
    assert_eq!(a.related[0].resolved.as_ref().unwrap().slug, "bai-hai");
    // No sample articles were added to a library that had articles.
    assert_eq!(store.list_articles().unwrap().len(), 2);
    let filter = byline_core::store::Filter::default();
    for query in ["da nang", "toan canh", "an thinh", "duy huy"] {
        let hits = store.search(query, &filter, 10).unwrap();
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].article.slug, "quan-triet");
    }
    let by_headline = store
        .list_page(&filter, byline_core::store::Sort::Headline, None, 10)
        .unwrap();
    assert_eq!(by_headline.rows[0].headline, "Bài hai");
}

/// A library from before revisions had ids (schema 4) gets one for each of
/// its revisions on opening, every one different: a package can then name
/// them.
#[test]
fn revisions_made_before_schema_5_get_an_id_each() {
    use byline_core::{
        store::{RevisionReason, SaveKind},
        workflow::{Actor, Role},
    };
    let (_dir, path, store) = empty_library();
    let actor = Actor::new("Duy Huy", Role::Reporter).unwrap();
    let a = store.create_article(draft("Bài một")).unwrap();
    for word in ["hai", "ba", "bốn"] {
        let mut fields = a.to_fields();
        fields.body = format!("Thân bài {word}.");
        store
            .save_fields(a.id, fields, Some(&actor), SaveKind::Explicit)
            .unwrap();
    }
    drop(store);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE article_merges;
             DROP INDEX article_revisions_by_uid;
             ALTER TABLE article_revisions DROP COLUMN uid;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let store = Store::open(&path, &OpenOptions::default()).unwrap();
    let revisions = store.revisions(a.id).unwrap();
    assert_eq!(revisions.len(), 3);
    assert!(revisions.iter().all(|r| r.reason == RevisionReason::Save));
    let mut uids: Vec<&str> = revisions.iter().map(|r| r.uid.as_str()).collect();
    assert!(uids.iter().all(|u| u.len() == 36), "{uids:?}");
    uids.dedup();
    assert_eq!(uids.len(), 3);
}
