//! Packages between two libraries: the round trip, the reporter–editor
//! hand-off (fast-forward, clean merge, conflict and resolve), determinism
//! and what a refused package leaves behind.

use std::path::Path;

use byline_core::{
    Article, Status, Store,
    export::package::{self, PackageKind},
    import,
    merge::MergeField,
    store::{CommentTarget, Outcome, RevisionReason, SaveKind, Side},
    workflow::{Actor, Role},
};

use crate::{empty_library, library_with_samples, snapshot_files};

fn reporter() -> Actor {
    Actor::new("Duy Huy", Role::Reporter).unwrap()
}

fn editor() -> Actor {
    Actor::new("Thu Hà", Role::Editor).unwrap()
}

/// A library holding the samples, and its An Thịnh article (photos,
/// related articles, an editor's note).
fn reporter_library() -> (tempfile::TempDir, Store, Article) {
    let (dir, _, store) = library_with_samples();
    let article = store
        .list_articles()
        .unwrap()
        .into_iter()
        .find(|a| a.headline.starts_with("Xã An Thịnh"))
        .map(|a| store.article(&a.id.to_string()).unwrap())
        .expect("the An Thịnh sample");
    (dir, store, article)
}

fn export(
    store: &Store,
    article: &Article,
    actor: &Actor,
    dir: &Path,
    name: &str,
) -> std::path::PathBuf {
    let out = dir.join(name);
    package::write(store, article.id, actor, PackageKind::Handoff, &out).unwrap();
    out
}

fn edit(
    store: &Store,
    a: &Article,
    actor: &Actor,
    change: impl FnOnce(&mut byline_core::ArticleFields),
) {
    let mut fields = store.article(&a.id.to_string()).unwrap().to_fields();
    change(&mut fields);
    store
        .save_fields(a.id, fields, Some(actor), SaveKind::Explicit)
        .unwrap();
}

fn utf16_range(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).unwrap();
    let before = text[..start].encode_utf16().count();
    before..before + needle.encode_utf16().count()
}

#[test]
fn a_package_imported_into_a_fresh_library_gives_back_the_same_article() {
    let (dir, a, article) = reporter_library();
    let quote = "tổ công nghệ số cộng đồng";
    a.add_comment(
        article.id,
        &reporter(),
        "Có nên nêu số tổ đã thành lập?",
        Some((CommentTarget::Body, utf16_range(&article.body, quote))),
    )
    .unwrap();
    let general = a
        .add_comment(
            article.id,
            &editor(),
            "Ảnh thứ hai cần chú thích rõ hơn.",
            None,
        )
        .unwrap();
    a.resolve_comment(&general.id, &reporter()).unwrap();
    a.move_article(article.id, Status::Submitted, &reporter(), "", None)
        .unwrap();
    let sent = a.article(&article.id.to_string()).unwrap();
    let zip = export(&a, &sent, &reporter(), dir.path(), "an-thinh.zip");

    let (_bdir, _, b) = empty_library();
    let (id, outcome) = import::import_package(&b, &zip, &editor()).unwrap();
    assert_eq!((id, outcome), (sent.id, Outcome::Created));
    let got = b.article(&id.to_string()).unwrap();

    // Every field a writer sets, and the state it is in; the photos are the
    // copies the package carried (source protection), named by their bytes.
    let mut expected = sent.to_draft();
    for p in &mut expected.photos {
        let copy =
            byline_core::photo::protect(&a.photo_bytes(&p.sha256).unwrap().unwrap()).unwrap();
        p.sha256 = byline_core::photo::sha256_hex(&copy);
    }
    assert_eq!(got.to_draft(), expected);
    assert_eq!(got.status, Status::Submitted);
    assert_eq!(
        (&got.slug, got.slug_manual),
        (&sent.slug, sent.slug_manual),
        "a slug nobody chose still follows the headline"
    );
    for (p, q) in got.photos.iter().zip(&sent.photos) {
        assert_eq!(
            (&p.mime, p.width, p.height),
            (&q.mime, q.width, q.height),
            "{}",
            p.file
        );
        assert_eq!(
            b.photo_bytes(&p.sha256).unwrap().unwrap(),
            byline_core::photo::protect(&a.photo_bytes(&q.sha256).unwrap().unwrap()).unwrap(),
            "photo {} is the protected copy",
            p.file
        );
    }
    // Related articles travel as written; this library does not hold them.
    let refs = |a: &Article| {
        a.related
            .iter()
            .map(|r| r.reference.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(refs(&got), refs(&sent));
    assert!(got.related.iter().all(|r| r.resolved.is_none()));

    // The discussion and the record came along.
    let comments = b.comments(id).unwrap();
    assert_eq!(comments.len(), 2);
    let anchored = comments.iter().find(|c| c.anchor.is_some()).unwrap();
    assert_eq!(anchored.anchor.as_ref().unwrap().quote, quote);
    assert_eq!(
        anchored.anchor.as_ref().unwrap().range,
        Some(utf16_range(&got.body, quote)),
        "the anchor points at its quote in the imported body"
    );
    let resolved = comments.iter().find(|c| c.id == general.id).unwrap();
    assert_eq!(resolved.resolved.as_ref().unwrap().1, "Duy Huy");
    let moves = b.transitions(id).unwrap();
    assert_eq!(moves.len(), 1);
    assert_eq!(
        (moves[0].actor.name.as_str(), moves[0].from, moves[0].to),
        ("Duy Huy", Status::Draft, Status::Submitted)
    );
    assert!(
        moves[0].revision.is_some(),
        "the move names the text as submitted"
    );
    let revisions = b.revisions(id).unwrap();
    assert_eq!(revisions.last().unwrap().reason, RevisionReason::Received);
    assert_eq!(revisions.last().unwrap().actor.name, "Duy Huy");
}

#[test]
fn exporting_the_same_revision_twice_gives_the_same_bytes() {
    let (_dir, a, article) = reporter_library();
    let first = package::build(&a, article.id, &reporter(), PackageKind::Handoff).unwrap();
    let second = package::build(&a, article.id, &reporter(), PackageKind::Handoff).unwrap();
    assert!(
        first.zip == second.zip,
        "two exports of one revision differ"
    );
    // A change is a new revision, and a different package.
    edit(&a, &article, &reporter(), |f| {
        f.headline.push_str(" (cập nhật)")
    });
    let third = package::build(&a, article.id, &reporter(), PackageKind::Handoff).unwrap();
    assert!(first.zip != third.zip);
}

#[test]
fn an_upload_package_leaves_out_the_editors_note_and_the_discussion() {
    let (dir, a, article) = reporter_library();
    assert!(!article.editor_note.is_empty());
    a.add_comment(article.id, &editor(), "Nội bộ", None)
        .unwrap();
    let out = dir.path().join("cms.zip");
    package::write(&a, article.id, &reporter(), PackageKind::Upload, &out).unwrap();
    let contents = import::package::read(&out).unwrap();
    assert!(contents.handoff.is_none(), "no comments.json for a CMS");
    assert!(
        contents.article.incoming.draft.editor_note.is_empty(),
        "the editor's note is internal"
    );
    assert_eq!(contents.article.incoming.draft.headline, article.headline);
}

#[test]
fn an_unchanged_local_article_fast_forwards_to_the_editors_version() {
    let (dir, a, article) = reporter_library();
    let p1 = export(&a, &article, &reporter(), dir.path(), "p1.zip");
    let (_bdir, _, b) = empty_library();
    import::import_package(&b, &p1, &editor()).unwrap();

    edit(&b, &article, &editor(), |f| {
        f.headline = "An Thịnh ra mắt mô hình “Dân vận khéo”".into();
    });
    b.move_article(article.id, Status::InReview, &editor(), "", None)
        .ok();
    let p2 = export(&b, &article, &editor(), dir.path(), "p2.zip");

    let (_, outcome) = import::import_package(&a, &p2, &reporter()).unwrap();
    assert_eq!(outcome, Outcome::FastForward);
    let now = a.article(&article.id.to_string()).unwrap();
    assert_eq!(now.headline, "An Thịnh ra mắt mô hình “Dân vận khéo”");
    // Importing it again changes nothing.
    let (_, again) = import::import_package(&a, &p2, &reporter()).unwrap();
    assert_eq!(again, Outcome::Unchanged);
    // Nor does the reporter's own first package, which is older.
    let (_, older) = import::import_package(&a, &p1, &reporter()).unwrap();
    assert_eq!(older, Outcome::Unchanged);
    assert_eq!(
        a.article(&article.id.to_string()).unwrap().headline,
        now.headline
    );
}

#[test]
fn changes_to_different_fields_on_both_sides_merge_and_comments_of_both_are_kept() {
    let (dir, a, article) = reporter_library();
    let p1 = export(&a, &article, &reporter(), dir.path(), "p1.zip");
    let (_bdir, _, b) = empty_library();
    import::import_package(&b, &p1, &editor()).unwrap();

    edit(&a, &article, &reporter(), |f| {
        f.sapo.push_str(" Hội nghị kéo dài hai giờ.")
    });
    a.add_comment(article.id, &reporter(), "Em đã bổ sung sapo.", None)
        .unwrap();
    edit(&b, &article, &editor(), |f| {
        f.body = f.body.replace("từ 5 đến 7", "5–7");
        f.keywords.push("thanh niên".into());
    });
    b.add_comment(article.id, &editor(), "Rút gọn số liệu.", None)
        .unwrap();
    let p2 = export(&b, &article, &editor(), dir.path(), "p2.zip");

    let (_, outcome) = import::import_package(&a, &p2, &reporter()).unwrap();
    assert_eq!(
        outcome,
        Outcome::Merged(vec![MergeField::Body, MergeField::Keywords])
    );
    let merged = a.article(&article.id.to_string()).unwrap();
    assert!(
        merged.sapo.ends_with("Hội nghị kéo dài hai giờ."),
        "local sapo kept"
    );
    assert!(
        merged.body.contains("gồm 5–7 thành viên"),
        "incoming body taken"
    );
    assert!(merged.keywords.contains(&"thanh niên".to_owned()));
    let bodies: Vec<String> = a
        .comments(article.id)
        .unwrap()
        .into_iter()
        .map(|c| c.body)
        .collect();
    assert!(bodies.contains(&"Em đã bổ sung sapo.".to_owned()));
    assert!(bodies.contains(&"Rút gọn số liệu.".to_owned()));
    let reasons: Vec<RevisionReason> = a
        .revisions(article.id)
        .unwrap()
        .into_iter()
        .map(|r| r.reason)
        .collect();
    assert!(
        reasons.ends_with(&[RevisionReason::Received, RevisionReason::Merge]),
        "{reasons:?}"
    );
}

#[test]
fn a_field_changed_on_both_sides_waits_for_a_person_and_nothing_changes_until_then() {
    let (dir, a, article) = reporter_library();
    let p1 = export(&a, &article, &reporter(), dir.path(), "p1.zip");
    let (_bdir, _, b) = empty_library();
    import::import_package(&b, &p1, &editor()).unwrap();

    edit(&a, &article, &reporter(), |f| {
        f.headline = "Tiêu đề của phóng viên".into();
        f.keywords.push("Hội nghị".into());
    });
    edit(&b, &article, &editor(), |f| {
        f.headline = "Tiêu đề của biên tập viên".into();
        f.byline = "Minh Anh – Thu Hà".into();
    });
    let p2 = export(&b, &article, &editor(), dir.path(), "p2.zip");

    let before = a.article(&article.id.to_string()).unwrap();
    let (_, outcome) = import::import_package(&a, &p2, &reporter()).unwrap();
    assert_eq!(outcome, Outcome::Conflict(vec![MergeField::Headline]));
    assert_eq!(outcome.to_string(), "conflict: headline");
    let after = a.article(&article.id.to_string()).unwrap();
    assert_eq!(
        after.to_draft(),
        before.to_draft(),
        "the local article is unchanged"
    );

    let pending = a
        .pending_merge(article.id)
        .unwrap()
        .expect("a pending merge");
    assert_eq!(pending.conflicts.len(), 1);
    assert_eq!(pending.conflicts[0].local, "Tiêu đề của phóng viên");
    assert_eq!(pending.conflicts[0].incoming, "Tiêu đề của biên tập viên");
    assert_eq!(pending.take_incoming, [MergeField::Byline]);
    let incoming = a.revision(article.id, pending.incoming_revision).unwrap();
    assert_eq!(
        incoming.headline, "Tiêu đề của biên tập viên",
        "the incoming version is a revision"
    );

    let err = a
        .resolve_conflict(article.id, MergeField::Sapo, Side::Local, &reporter())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("'sapo' is not in conflict (waiting: headline)"),
        "{err}"
    );

    let waiting = a
        .resolve_conflict(
            article.id,
            MergeField::Headline,
            Side::Incoming,
            &reporter(),
        )
        .unwrap();
    assert!(waiting.is_empty());
    let merged = a.article(&article.id.to_string()).unwrap();
    assert_eq!(merged.headline, "Tiêu đề của biên tập viên");
    assert_eq!(
        merged.byline, "Minh Anh – Thu Hà",
        "the one-sided change came too"
    );
    assert!(
        merged.keywords.contains(&"Hội nghị".to_owned()),
        "and the local one stayed"
    );
    assert!(a.pending_merge(article.id).unwrap().is_none());
    assert_eq!(
        a.revisions(article.id).unwrap().last().unwrap().reason,
        RevisionReason::Merge
    );
}

#[test]
fn keeping_the_local_side_keeps_it() {
    let (dir, a, article) = reporter_library();
    let p1 = export(&a, &article, &reporter(), dir.path(), "p1.zip");
    let (_bdir, _, b) = empty_library();
    import::import_package(&b, &p1, &editor()).unwrap();
    edit(&a, &article, &reporter(), |f| f.sapo = "Sapo A".into());
    edit(&b, &article, &editor(), |f| f.sapo = "Sapo B".into());
    let p2 = export(&b, &article, &editor(), dir.path(), "p2.zip");
    import::import_package(&a, &p2, &reporter()).unwrap();
    a.resolve_conflict(article.id, MergeField::Sapo, Side::Local, &reporter())
        .unwrap();
    assert_eq!(a.article(&article.id.to_string()).unwrap().sapo, "Sapo A");
}

#[test]
fn a_refused_package_leaves_the_library_file_exactly_as_it_was() {
    let (dir, a, article) = reporter_library();
    let good = package::build(&a, article.id, &reporter(), PackageKind::Handoff).unwrap();
    let (_bdir, b_path, b) = empty_library();
    let before = snapshot_files(&b_path);
    // The same package with one photo's bytes changed after the manifest
    // was made: refused on its checksum.
    let mut bad = good.zip.clone();
    let at = bad
        .windows(4)
        .rposition(|w| w == [0xFF, 0xD8, 0xFF, 0xE0] || w == [0xFF, 0xD8, 0xFF, 0xE1])
        .expect("a JPEG in the package");
    bad[at + 40] ^= 0xFF;
    let path = dir.path().join("bad.zip");
    std::fs::write(&path, &bad).unwrap();
    let err = import::import_package(&b, &path, &editor())
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.zip"), "{err}");
    assert_eq!(snapshot_files(&b_path), before);
    assert!(b.list_articles().unwrap().is_empty());
}

/// A package or page goes to a web server or a colleague: not private to
/// the account that exported it, as a temporary file would be.
#[cfg(unix)]
#[test]
fn an_exported_file_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, a, article) = reporter_library();
    let zip = export(&a, &article, &reporter(), dir.path(), "an-thinh.zip");
    let mode = std::fs::metadata(&zip).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}

/// A newer package from the same side replaces the conflicts an older one
/// left: the merge is made again with what it brings.
#[test]
fn a_newer_package_supersedes_the_conflicts_of_an_older_one() {
    let (dir, a, article) = reporter_library();
    let p1 = export(&a, &article, &reporter(), dir.path(), "p1.zip");
    let (_bdir, _, b) = empty_library();
    import::import_package(&b, &p1, &editor()).unwrap();
    edit(&a, &article, &reporter(), |f| {
        f.headline = "Tiêu đề A".into()
    });
    edit(&b, &article, &editor(), |f| f.headline = "Tiêu đề B".into());
    let p2 = export(&b, &article, &editor(), dir.path(), "p2.zip");
    import::import_package(&a, &p2, &reporter()).unwrap();
    let first = a.pending_merge(article.id).unwrap().unwrap();

    edit(&b, &article, &editor(), |f| {
        f.sapo = "Sapo của biên tập viên".into()
    });
    let p3 = export(&b, &article, &editor(), dir.path(), "p3.zip");
    let (_, outcome) = import::import_package(&a, &p3, &reporter()).unwrap();
    assert_eq!(outcome, Outcome::Conflict(vec![MergeField::Headline]));
    let second = a.pending_merge(article.id).unwrap().unwrap();
    assert!(second.incoming_revision > first.incoming_revision);
    assert_eq!(second.take_incoming, [MergeField::Sapo]);
    a.resolve_conflict(article.id, MergeField::Headline, Side::Local, &reporter())
        .unwrap();
    let merged = a.article(&article.id.to_string()).unwrap();
    assert_eq!(
        (merged.headline.as_str(), merged.sapo.as_str()),
        ("Tiêu đề A", "Sapo của biên tập viên")
    );
}
