use byline_core::{
    ArticleDraft, ArticleFields, ArticleId, CoreError, Store, samples, store::schema_version,
};
use rusqlite::Connection;

use crate::{empty_library, snapshot_files};

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
    let err = Store::open(&path).err().expect("refused");
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
    let err = Store::open(&text).err().expect("refused");
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
    let err = Store::open(&other).err().expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn a_library_path_that_cannot_be_opened_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path())
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

/// Opening adds nothing: a new library is empty until someone asks for the
/// first-run samples (the app does, when its first start created the
/// library). They go in once; asking again changes nothing.
#[test]
fn a_new_library_is_empty_until_the_samples_are_asked_for_once() {
    let (_dir, path, store) = empty_library();
    assert!(store.created());
    assert!(store.list_articles().unwrap().is_empty());
    let added = samples::add(&store).unwrap();
    assert_eq!(added.len(), 4);
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
    let again = Store::open(&path).unwrap();
    assert!(!again.created());
    assert_eq!(again.list_articles().unwrap().len(), 4);
    let before = snapshot_files(&path);
    let refused = samples::add(&again).unwrap_err();
    assert!(refused.to_string().contains("slug"), "{refused}");
    assert_eq!(again.list_articles().unwrap().len(), 4);
    assert_eq!(snapshot_files(&path), before);
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
    let store = Store::open(&path).unwrap();
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
    let store = Store::open(&path).unwrap();
    let revisions = store.revisions(a.id).unwrap();
    assert_eq!(revisions.len(), 3);
    assert!(revisions.iter().all(|r| r.reason == RevisionReason::Save));
    let mut uids: Vec<&str> = revisions.iter().map(|r| r.uid.as_str()).collect();
    assert!(uids.iter().all(|u| u.len() == 36), "{uids:?}");
    uids.dedup();
    assert_eq!(uids.len(), 3);
}

/// The store's own writes leave `data_version` alone; a commit through
/// another connection to the same file (what the `byline` command is to the
/// app) changes it, and the first store then reads what was written.
#[test]
fn another_connections_commit_changes_the_data_version() {
    let (_dir, path, app) = empty_library();
    let start = app.data_version().unwrap();
    app.create_article(draft("Viết trong ứng dụng")).unwrap();
    assert_eq!(
        app.data_version().unwrap(),
        start,
        "own writes do not count"
    );

    let cli = Store::open(&path).unwrap();
    let opened = app.data_version().unwrap();
    let outside = cli.create_article(draft("Viết từ dòng lệnh")).unwrap();
    let after = app.data_version().unwrap();
    assert_ne!(after, opened, "another connection's commit counts");
    assert_eq!(
        app.article(&outside.id.to_string()).unwrap().headline,
        "Viết từ dòng lệnh"
    );
    // Nothing more written, nothing more to see.
    assert_eq!(app.data_version().unwrap(), after);
}

/// Two stores on one file writing at the same time (the app autosaving while
/// the `byline` command imports): every write lands, none is lost or half
/// done. WAL, BEGIN IMMEDIATE and the busy timeout make the second writer
/// wait its turn instead of failing.
#[test]
fn two_writers_on_one_library_lose_nothing() {
    const EACH: usize = 40;
    let (_dir, path, app) = empty_library();
    let cli = Store::open(&path).unwrap();
    let app_article = app.create_article(draft("Bài đang sửa")).unwrap();
    let work = |store: &Store, who: &str, own: ArticleId| {
        for i in 0..EACH {
            store
                .create_article(draft(&format!("{who} {i}")))
                .unwrap_or_else(|e| panic!("{who} {i}: {e}"));
            store
                .update_fields(
                    own,
                    ArticleFields {
                        headline: format!("{who} lưu lần {i}"),
                        body: format!("Thân bài lần {i}."),
                        ..ArticleFields::default()
                    },
                )
                .unwrap_or_else(|e| panic!("{who} save {i}: {e}"));
        }
    };
    let cli_article = cli.create_article(draft("Bài của dòng lệnh")).unwrap();
    std::thread::scope(|scope| {
        scope.spawn(|| work(&app, "ứng dụng", app_article.id));
        scope.spawn(|| work(&cli, "dòng lệnh", cli_article.id));
    });
    let all = app.list_articles().unwrap();
    assert_eq!(all.len(), 2 * EACH + 2);
    for who in ["ứng dụng", "dòng lệnh"] {
        for i in 0..EACH {
            let headline = format!("{who} {i}");
            assert!(all.iter().any(|a| a.headline == headline), "{headline}");
        }
    }
    let last = format!("lưu lần {}", EACH - 1);
    for id in [app_article.id, cli_article.id] {
        let article = cli.article(&id.to_string()).unwrap();
        assert!(article.headline.ends_with(&last), "{}", article.headline);
        assert_eq!(article.body, format!("Thân bài lần {}.", EACH - 1));
    }
}

/// A library opened read-only reads as usual and refuses every write by
/// name, and its file is left as it was.
#[test]
fn a_library_opened_read_only_reads_and_refuses_every_write() {
    let (_dir, path, store) = empty_library();
    let a = store.create_article(draft("Bài trên đĩa chỉ đọc")).unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();

    let store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.article(&a.slug).unwrap().headline, a.headline);
    assert_eq!(store.list_articles().unwrap().len(), 1);
    let filter = byline_core::store::Filter::default();
    assert_eq!(store.search("chi doc", &filter, 10).unwrap().len(), 1);

    let err = store
        .update_fields(a.id, ArticleFields::default())
        .unwrap_err();
    assert!(matches!(err, CoreError::ReadOnly { .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("the library is read-only (its file, folder or disk cannot be written); the change was not saved"),
        "{err}"
    );
    assert!(matches!(
        store.create_article(draft("Bài mới")),
        Err(CoreError::ReadOnly { .. })
    ));
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A read-only library that this build would have to migrate (or create)
/// is refused with a reason the person can act on, and left as it was.
#[test]
fn a_read_only_library_that_needs_a_migration_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("../../../../migrations/0001_articles.sql"))
            .unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    let before = std::fs::read(&old).unwrap();
    let err = Store::open_read_only(&old).err().expect("refused");
    assert!(
        matches!(err, CoreError::ReadOnlyOutdated { found: 1, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("read-only and was made by an older Byline (schema 1;"),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with("copy it to a folder you can write to and open the copy")
    );
    assert_eq!(std::fs::read(&old).unwrap(), before);

    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    let err = Store::open_read_only(&empty).err().expect("refused");
    assert!(err.to_string().contains("read-only and empty"), "{err}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
}

/// A library whose file (0444) and folder (0555) cannot be written opens
/// read-only. "Cannot be written" is the system's answer, asked the way
/// SQLite asks it, never the permission bits read by hand: the tests run as
/// root in CI, and root writes whatever the bits say, so there the library
/// is writable and must open read-write; run by anyone else, it must open
/// read-only. Either way the store must agree with the system. (SQLite's
/// read-only answers themselves are covered where they are classified,
/// `store::tests::what_counts_as_cannot_write`, and `Store::open_read_only`
/// above is what the fallback opens.)
#[cfg(unix)]
#[test]
fn a_library_that_cannot_be_written_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;

    /// Gives the folder back its write bit whatever happens, so it can be removed.
    struct Restore(std::path::PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }

    let (dir, path, store) = empty_library();
    store
        .create_article(draft("Bài trong thư mục khóa"))
        .unwrap();
    drop(store);
    let _restore = Restore(dir.path().to_owned());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::OpenOptions::new().append(true).open(&path).is_ok();

    let store = Store::open(&path).unwrap();
    assert_eq!(store.is_read_only(), !writable, "writable: {writable}");
    assert_eq!(store.list_articles().unwrap().len(), 1);
    let write = store.create_article(draft("Bài mới"));
    if writable {
        write.unwrap();
    } else {
        assert!(
            matches!(write, Err(CoreError::ReadOnly { .. })),
            "{write:?}"
        );
    }
}

/// A save that meets a full disk (SQLITE_FULL; here the writer's page limit
/// stands in for the disk) is refused whole as `DiskFull`: the library
/// stays sound and holds the save before it, and once there is room the
/// same save goes through.
#[test]
fn a_full_disk_refuses_the_save_and_keeps_the_one_before() {
    let (_dir, path, store) = empty_library();
    let a = store
        .create_article(draft("Bài trước khi đầy đĩa"))
        .unwrap();
    let mut saved = a.to_fields();
    saved.body = "Bản đã lưu.".into();
    store.update_fields(a.id, saved.clone()).unwrap();

    let pages: i64 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    store.set_max_pages(pages).unwrap();
    let mut big = saved.clone();
    big.body = "Một đoạn rất dài. ".repeat(60_000);
    let err = store.update_fields(a.id, big.clone()).unwrap_err();
    assert!(matches!(err, CoreError::DiskFull { .. }), "{err}");
    assert!(err.is_disk_full());
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(store.article(&a.slug).unwrap().body, "Bản đã lưu.");
    drop(store);

    let check: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article(&a.slug).unwrap().body, "Bản đã lưu.");
    let stored = store.update_fields(a.id, big.clone()).unwrap();
    assert_eq!(stored.body, big.body);
}
