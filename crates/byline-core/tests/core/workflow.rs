//! The editorial workflow through the store: moves, refusals, the record.

use byline_core::{
    ArticleDraft, Status,
    workflow::{Actor, Role},
};

use crate::empty_library;

#[test]
fn an_article_goes_from_draft_to_published_and_every_move_is_recorded() {
    let (_dir, _path, store) = empty_library();
    let reporter = Actor::new("Duy Huy", Role::Reporter).unwrap();
    let editor = Actor::new("Thu Hà", Role::Editor).unwrap();
    let a = store
        .create_article(ArticleDraft {
            headline: "Quán triệt nghị quyết".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
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
        let moved = store.move_article(a.id, to, who, note).unwrap();
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
    let reporter = Actor::new("Duy Huy", Role::Reporter).unwrap();
    let a = store.create_article(ArticleDraft::default()).unwrap();
    let err = store
        .move_article(a.id, Status::Approved, &reporter, "")
        .unwrap_err();
    assert!(err.to_string().contains("cannot become approved"), "{err}");
    store
        .move_article(a.id, Status::Submitted, &reporter, "")
        .unwrap();
    let err = store
        .move_article(a.id, Status::InReview, &reporter, "")
        .unwrap_err();
    assert!(err.to_string().contains("only an editor"), "{err}");
    let after = store.article(&a.id.to_string()).unwrap();
    assert_eq!(after.status, Status::Submitted);
    assert_eq!(store.transitions(a.id).unwrap().len(), 1);
}

#[test]
fn spiked_articles_are_restored_to_draft_by_an_editor() {
    let (_dir, _path, store) = empty_library();
    let editor = Actor::new("Thu Hà", Role::Editor).unwrap();
    let a = store.create_article(ArticleDraft::default()).unwrap();
    store
        .move_article(a.id, Status::Spiked, &editor, "Trùng đề tài")
        .unwrap();
    let restored = store
        .move_article(a.id, Status::Draft, &editor, "")
        .unwrap();
    assert_eq!(restored.status, Status::Draft);
}

#[test]
fn the_profile_is_kept_in_the_library() {
    let (_dir, path, store) = empty_library();
    assert_eq!(store.profile().unwrap(), None);
    store.set_profile("  Duy   Huy ", Role::Reporter).unwrap();
    drop(store);
    let store = byline_core::Store::open(&path, &Default::default()).unwrap();
    assert_eq!(
        store.profile().unwrap(),
        Some(Actor::new("Duy Huy", Role::Reporter).unwrap())
    );
    assert!(store.set_profile("  ", Role::Editor).is_err());
}
