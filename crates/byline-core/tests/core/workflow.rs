//! The editorial workflow through the store: moves, refusals, the record.

use byline_core::{
    Article, ArticleDraft, CoreError, Status, Store,
    error::{Arg, Message},
    messages::Lang,
    revision::DiffKind,
    store::{CommentTarget, RevisionReason, SaveKind},
    workflow::{Actor, Role},
};
use chrono::{Duration, TimeZone, Utc};

use crate::empty_library;

/// The catalogue keys of the findings a refused move reports, in order.
fn finding_keys(findings: &[Message]) -> Vec<&'static str> {
    findings
        .iter()
        .map(|f| match f.get("message") {
            Some(Arg::Message(words)) => words.key,
            other => panic!("a finding without its words: {other:?}"),
        })
        .collect()
}

fn reporter() -> Actor {
    Actor::new("Duy Huy", Role::Reporter).unwrap()
}

fn editor() -> Actor {
    Actor::new("Thu Hà", Role::Editor).unwrap()
}

/// An article the pre-publish checklist lets through (a warning or two).
fn ready(store: &Store) -> Article {
    store
        .create_article(ArticleDraft {
            headline: "Quán triệt nghị quyết".into(),
            sapo: "Sáng 6/12, Đảng ủy xã An Thịnh tổ chức hội nghị quán triệt nghị quyết.".into(),
            body: "Hội nghị có 120 đảng viên dự. Bà con thấy tiện lợi thì mới làm theo.".into(),
            category: "Thời sự".into(),
            keywords: vec!["An Thịnh".into(), "nghị quyết".into()],
            published_at: Some(
                chrono::FixedOffset::east_opt(7 * 3600)
                    .unwrap()
                    .with_ymd_and_hms(2022, 12, 6, 0, 0, 0)
                    .unwrap(),
            ),
            ..ArticleDraft::default()
        })
        .unwrap()
}

fn edit(
    store: &Store,
    a: &Article,
    change: impl FnOnce(&mut byline_core::ArticleFields),
) -> Article {
    let mut fields = store.article(&a.id.to_string()).unwrap().to_fields();
    change(&mut fields);
    store.update_fields(a.id, fields).unwrap()
}

#[test]
fn an_article_goes_from_draft_to_published_and_every_move_is_recorded() {
    let (_dir, _path, store) = empty_library();
    let (reporter, editor) = (reporter(), editor());
    let a = ready(&store);
    let steps = [
        (Status::Submitted, &reporter, ""),
        (Status::InReview, &editor, ""),
        (Status::ChangesRequested, &editor, "Thêm nguồn cho số liệu."),
        (Status::Submitted, &reporter, "Đã thêm nguồn."),
        (Status::InReview, &editor, ""),
        (Status::Approved, &editor, ""),
        (Status::Published, &editor, ""),
    ];
    for (to, who, note) in steps {
        let moved = store.move_article(a.id, to, who, note, None).unwrap();
        assert_eq!(moved.status, to);
    }
    let timeline = store.transitions(a.id).unwrap();
    assert_eq!(timeline.len(), steps.len());
    assert_eq!(timeline[0].from, Status::Draft);
    assert_eq!(timeline[2].note, "Thêm nguồn cho số liệu.");
    assert_eq!(timeline[2].actor, editor);
    assert_eq!(timeline[3].actor, reporter);
    assert!(
        timeline
            .windows(2)
            .all(|w| w[0].at <= w[1].at && w[0].to == w[1].from)
    );
}

#[test]
fn a_refused_move_changes_nothing_and_says_why() {
    let (_dir, _path, store) = empty_library();
    let reporter = reporter();
    let a = ready(&store);
    let err = store
        .move_article(a.id, Status::Approved, &reporter, "", None)
        .unwrap_err();
    assert!(err.to_string().contains("cannot become approved"), "{err}");
    store
        .move_article(a.id, Status::Submitted, &reporter, "", None)
        .unwrap();
    let err = store
        .move_article(a.id, Status::InReview, &reporter, "", None)
        .unwrap_err();
    assert!(err.to_string().contains("only an editor"), "{err}");
    let after = store.article(&a.id.to_string()).unwrap();
    assert_eq!(after.status, Status::Submitted);
    assert_eq!(store.transitions(a.id).unwrap().len(), 1);
}

#[test]
fn spiked_articles_are_restored_to_draft_by_an_editor() {
    let (_dir, _path, store) = empty_library();
    let editor = editor();
    let a = store.create_article(ArticleDraft::default()).unwrap();
    store
        .move_article(a.id, Status::Spiked, &editor, "Trùng đề tài", None)
        .unwrap();
    let restored = store
        .move_article(a.id, Status::Draft, &editor, "", None)
        .unwrap();
    assert_eq!(restored.status, Status::Draft);
}

#[test]
fn the_profile_is_kept_in_the_library() {
    let (_dir, path, store) = empty_library();
    assert_eq!(store.profile().unwrap(), None);
    store.set_profile("  Duy   Huy ", Role::Reporter).unwrap();
    drop(store);
    let store = byline_core::Store::open(&path).unwrap();
    assert_eq!(
        store.profile().unwrap(),
        Some(Actor::new("Duy Huy", Role::Reporter).unwrap())
    );
    assert!(store.set_profile("  ", Role::Editor).is_err());
}

#[test]
fn the_checklist_blocks_submission_until_fixed_and_only_an_editor_may_override() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    let a = edit(&store, &a, |f| {
        f.sapo.clear();
        f.body.push_str(" Số liệu TK.");
    });
    let err = store
        .move_article(a.id, Status::Submitted, &reporter(), "", None)
        .unwrap_err();
    let CoreError::Blocked { findings } = &err else {
        panic!("expected the checklist to block: {err}");
    };
    let rules = finding_keys(findings);
    assert!(rules.contains(&"checkSapoMissing"), "{rules:?}");
    assert!(rules.contains(&"checkPlaceholder"), "{rules:?}");
    // Each finding with its field, in English and in Vietnamese.
    assert!(
        err.to_string()
            .contains("sapo: The sapo (lead paragraph) is missing."),
        "{err}"
    );
    assert!(
        err.render(Lang::Vi)
            .contains("body: Nội dung còn dấu chờ bổ sung “TK”: cần thay bằng nội dung thật."),
        "{}",
        err.render(Lang::Vi)
    );
    // Refused: nothing moved, nothing recorded.
    assert_eq!(
        store.article(&a.id.to_string()).unwrap().status,
        Status::Draft
    );
    assert!(store.transitions(a.id).unwrap().is_empty());
    assert!(store.revisions(a.id).unwrap().is_empty());

    // A reporter cannot override.
    let err = store
        .move_article(a.id, Status::Submitted, &reporter(), "", Some("gấp"))
        .unwrap_err();
    assert!(err.to_string().contains("only an editor"), "{err}");

    // Fixed, it goes.
    edit(&store, &a, |f| {
        f.sapo = "Sáng 6/12, hội nghị quán triệt nghị quyết.".into();
        f.body = f.body.replace(" Số liệu TK.", "");
    });
    store
        .move_article(a.id, Status::Submitted, &reporter(), "", None)
        .unwrap();
    store
        .move_article(a.id, Status::InReview, &editor(), "", None)
        .unwrap();

    // An editor approves over a blocking finding with a reason, which is kept.
    edit(&store, &a, |f| f.category.clear());
    assert!(matches!(
        store.move_article(a.id, Status::Approved, &editor(), "", None),
        Err(CoreError::Blocked { .. })
    ));
    store
        .move_article(
            a.id,
            Status::Approved,
            &editor(),
            "",
            Some("  Chuyên mục chọn khi dàn trang "),
        )
        .unwrap();
    let last = store.transitions(a.id).unwrap().pop().unwrap();
    assert_eq!(last.to, Status::Approved);
    assert_eq!(
        last.overridden.as_deref(),
        Some("Chuyên mục chọn khi dàn trang")
    );
}

#[test]
fn marking_published_needs_a_publish_time() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    for (to, who) in [
        (Status::Submitted, reporter()),
        (Status::InReview, editor()),
        (Status::Approved, editor()),
    ] {
        store.move_article(a.id, to, &who, "", None).unwrap();
    }
    edit(&store, &a, |f| f.published_at = None);
    let err = store
        .move_article(a.id, Status::Published, &editor(), "", None)
        .unwrap_err();
    let CoreError::Blocked { findings } = err else {
        panic!("expected the checklist to block");
    };
    assert_eq!(finding_keys(&findings), ["checkPublishTimeMissing"]);
}

#[test]
fn every_move_records_the_text_as_moved_and_an_unchanged_text_is_not_stored_twice() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    store
        .move_article(a.id, Status::Submitted, &reporter(), "", None)
        .unwrap();
    store
        .move_article(a.id, Status::Draft, &reporter(), "Rút lại để sửa", None)
        .unwrap();
    edit(&store, &a, |f| {
        f.headline = "Quán triệt Nghị quyết Đại hội".into()
    });
    store
        .move_article(a.id, Status::Submitted, &reporter(), "", None)
        .unwrap();
    let revisions = store.revisions(a.id).unwrap();
    // Withdrawing changed no text: the first submission's revision stands for it.
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    assert!(
        revisions
            .iter()
            .all(|r| r.reason == RevisionReason::Transition)
    );
    assert_eq!(revisions[0].actor, reporter());
    let timeline = store.transitions(a.id).unwrap();
    let at: Vec<Option<u32>> = timeline.iter().map(|t| t.revision).collect();
    assert_eq!(at, [Some(1), Some(1), Some(2)]);
    assert_eq!(
        store.revision(a.id, 1).unwrap().headline,
        "Quán triệt nghị quyết"
    );
    assert_eq!(
        store.revision(a.id, 2).unwrap().headline,
        "Quán triệt Nghị quyết Đại hội"
    );
}

#[test]
fn autosave_makes_a_revision_at_most_every_five_minutes_and_save_makes_one_now() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    let who = reporter();
    let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
    let mut n = 0;
    let mut autosave = |minutes: i64, seconds: i64| {
        n += 1;
        let mut fields = store.article(&a.id.to_string()).unwrap().to_fields();
        fields.body.push_str(&format!(" Câu {n}."));
        store
            .save_fields_at(
                a.id,
                fields,
                Some(&who),
                SaveKind::Auto,
                t0 + Duration::minutes(minutes) + Duration::seconds(seconds),
            )
            .unwrap();
    };
    // Typing for twelve minutes, a save every 20 s.
    for i in 0..36 {
        autosave(i / 3, (i % 3) * 20);
    }
    let revisions = store.revisions(a.id).unwrap();
    let minutes: Vec<i64> = revisions
        .iter()
        .map(|r| (r.at - t0).num_minutes())
        .collect();
    assert_eq!(minutes, [0, 5, 10]);
    assert!(
        revisions
            .iter()
            .all(|r| r.reason == RevisionReason::Editing)
    );

    // Ctrl+S: a revision at once, with what was typed since.
    let mut fields = store.article(&a.id.to_string()).unwrap().to_fields();
    fields.body.push_str(" Đoạn cuối.");
    let t = t0 + Duration::minutes(11);
    store
        .save_fields_at(a.id, fields.clone(), Some(&who), SaveKind::Explicit, t)
        .unwrap();
    // Saving again without a change adds nothing.
    store
        .save_fields_at(a.id, fields, Some(&who), SaveKind::Explicit, t)
        .unwrap();
    let revisions = store.revisions(a.id).unwrap();
    assert_eq!(revisions.len(), 4);
    assert_eq!(revisions[3].reason, RevisionReason::Save);
    assert!(
        store
            .revision(a.id, 4)
            .unwrap()
            .body
            .ends_with("Câu 36. Đoạn cuối.")
    );

    // Nobody at the keyboard yet: the text is saved, no revision is made.
    let mut fields = store.article(&a.id.to_string()).unwrap().to_fields();
    fields.body.push_str(" Thêm.");
    let saved = store
        .save_fields(a.id, fields, None, SaveKind::Explicit)
        .unwrap();
    assert!(saved.body.ends_with("Thêm."));
    assert_eq!(store.revisions(a.id).unwrap().len(), 4);
}

#[test]
fn restoring_a_revision_makes_a_new_one_and_deletes_nothing() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    store
        .make_revision(a.id, &reporter(), RevisionReason::Save)
        .unwrap()
        .unwrap();
    edit(&store, &a, |f| {
        f.headline = "Tiêu đề mới".into();
        f.keywords.push("chuyển đổi số".into());
        f.editor_note = "Kiểm tra số liệu".into();
    });
    store
        .make_revision(a.id, &reporter(), RevisionReason::Save)
        .unwrap()
        .unwrap();
    let restored = store.restore_revision(a.id, 1, &editor()).unwrap();
    assert_eq!(restored.headline, "Quán triệt nghị quyết");
    assert_eq!(restored.keywords, ["An Thịnh", "nghị quyết"]);
    assert_eq!(restored.editor_note, "");
    let revisions = store.revisions(a.id).unwrap();
    assert_eq!(revisions.len(), 3);
    assert_eq!(revisions[2].reason, RevisionReason::Restore);
    assert_eq!(revisions[2].actor, editor());
    assert_eq!(store.revision(a.id, 2).unwrap().headline, "Tiêu đề mới");
    assert!(store.revision(a.id, 9).is_err());
}

#[test]
fn two_revisions_compare_field_by_field_and_the_body_syllable_by_syllable() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    store
        .make_revision(a.id, &reporter(), RevisionReason::Save)
        .unwrap();
    edit(&store, &a, |f| {
        f.body = f.body.replace("120 đảng viên", "135 đảng viên");
        f.category = "Xã hội".into();
    });
    store
        .make_revision(a.id, &editor(), RevisionReason::Save)
        .unwrap();
    let changes = store.compare_revisions(a.id, 1, 2).unwrap();
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["body", "category"]);
    let body = &changes[0];
    let changed: Vec<(DiffKind, &str)> = body
        .parts
        .iter()
        .filter(|p| p.kind != DiffKind::Same)
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        [(DiffKind::Removed, "120"), (DiffKind::Added, "135")]
    );
}

/// The UTF-16 range of `needle` in `text`, as a web editor's selection gives it.
fn utf16_range(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).unwrap();
    let units = |s: &str| s.encode_utf16().count();
    units(&text[..start])..units(&text[..start + needle.len()])
}

#[test]
fn an_anchored_comment_follows_its_sentence_and_shows_outdated_when_it_is_gone() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    let quote = "Bà con thấy tiện lợi thì mới làm theo.";
    let range = utf16_range(&a.body, quote);
    let comment = store
        .add_comment(
            a.id,
            &editor(),
            "Ai nói câu này? Ghi rõ nguồn.",
            Some((CommentTarget::Body, range.clone())),
        )
        .unwrap();
    let anchor = comment.anchor.clone().unwrap();
    assert_eq!(anchor.quote, quote);
    assert_eq!(anchor.range, Some(range));

    // Text added before it: the anchor moves with the sentence.
    let a = edit(&store, &a, |f| {
        f.body = format!("Mở đầu mới của bài. {}", f.body);
    });
    let moved = store.comments(a.id).unwrap()[0].anchor.clone().unwrap();
    assert_eq!(moved.range, Some(utf16_range(&a.body, quote)));

    // The sentence reworded a little: still found, on the new words.
    let a = edit(&store, &a, |f| {
        f.body = f.body.replace("thì mới làm theo", "thì mới chịu làm theo");
    });
    let found = store.comments(a.id).unwrap()[0].anchor.clone().unwrap();
    let range = found.range.clone().unwrap();
    let now: String = a
        .body
        .encode_utf16()
        .collect::<Vec<u16>>()
        .get(range)
        .map(String::from_utf16_lossy)
        .unwrap();
    assert_eq!(now, "Bà con thấy tiện lợi thì mới chịu làm theo.");

    // Gone: outdated, with the original quote.
    let a = edit(&store, &a, |f| {
        f.body = "Hội nghị có 120 đảng viên dự.".into();
    });
    let gone = store.comments(a.id).unwrap()[0].anchor.clone().unwrap();
    assert_eq!(gone.range, None);
    assert_eq!(gone.quote, quote);
}

#[test]
fn comments_on_the_article_and_on_a_caption_resolve_and_reopen() {
    let (_dir, _path, store) = empty_library();
    let a = ready(&store);
    let general = store
        .add_comment(a.id, &editor(), "  Bài tốt, cần thêm ảnh. ", None)
        .unwrap();
    assert_eq!(general.body, "Bài tốt, cần thêm ảnh.");
    assert_eq!(general.anchor, None);
    assert!(
        store
            .add_comment(a.id, &editor(), "   ", None)
            .unwrap_err()
            .to_string()
            .contains("comment")
    );
    // A caption of a photo the article does not have is refused by name.
    let err = store
        .add_comment(
            a.id,
            &editor(),
            "Sai tên",
            Some((CommentTarget::Caption("khong-co.jpg".into()), 0..3)),
        )
        .unwrap_err();
    assert!(err.to_string().contains("khong-co.jpg"), "{err}");

    let resolved = store.resolve_comment(&general.id, &reporter()).unwrap();
    assert_eq!(resolved.resolved.as_ref().unwrap().1, "Duy Huy");
    let reopened = store.reopen_comment(&general.id).unwrap();
    assert_eq!(reopened.resolved, None);
    assert_eq!(store.comments(a.id).unwrap().len(), 1);
}

#[test]
fn a_long_history_reads_back_across_keyframes_and_ends_at_the_article() {
    let (_dir, _path, store) = empty_library();
    byline_core::synthetic::add_articles(&store, 3, 7, |_| {}).unwrap();
    // 40 revisions: a keyframe, 31 deltas, a keyframe, 7 deltas.
    byline_core::synthetic::add_history(&store, 40, 7, |_| {}).unwrap();
    for row in store.list_articles().unwrap() {
        let revisions = store.revisions(row.id).unwrap();
        assert_eq!(revisions.len(), 40);
        let last = store.revision(row.id, 40).unwrap();
        let article = store.article(&row.id.to_string()).unwrap();
        // The synthetic edits retouch headlines without deriving a slug;
        // the store derives it when it saves the last one.
        assert_eq!(
            byline_core::revision::Snapshot {
                slug: article.slug.clone(),
                ..last
            },
            byline_core::revision::Snapshot::of(&article)
        );
        // Every revision differs from the one before, and reads back.
        for n in 2..=40 {
            assert_ne!(
                store.revision(row.id, n - 1).unwrap(),
                store.revision(row.id, n).unwrap(),
                "revisions {} and {n} of {}",
                n - 1,
                row.id
            );
        }
        assert!(!store.compare_revisions(row.id, 1, 40).unwrap().is_empty());
    }
}
