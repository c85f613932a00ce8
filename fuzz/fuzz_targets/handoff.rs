//! Applying a hand-off package to a library that already holds its article:
//! `import::import_package_bytes`, which reads the package and then merges
//! it (`store/handoff.rs`: created, unchanged, fast-forward, merged or
//! conflict), and `Store::resolve_conflict` after a conflict.
//!
//! Each input is applied to a fresh library in memory that imported
//! `fuzz/seeds/handoff/base.zip` (a hand-off package of the An Thịnh sample,
//! its photos replaced by a tiny one; its ids are fixed, so a run is
//! reproducible) and then, as the input's first byte says, edited locally:
//! 1 the sapo, 2 the headline, 4 the keywords. 8 settles conflicts with the
//! incoming side, else the local one. The rest is the package: a zip, or
//! the structured form of the `package` target (`fuzz/seeds.py` makes
//! seeds from the base: the base again, an edit of theirs to the headline,
//! to the sapo, to both, and another article).
//!
//! Asserted, beside no panic:
//! - a package that is refused leaves the library as it was (the article,
//!   its revisions, comments, moves and waiting merge, and the list);
//! - a conflict names fields that `pending_merge` lists and the article is
//!   unchanged until they are settled; settling each one, in turn, ends
//!   with nothing waiting;
//! - once a package is in (created, fast-forward, merged), applying the
//!   same package again is `unchanged`.
#![no_main]

use byline_core::{
    Store, import,
    store::{Outcome, SaveKind, Side},
    workflow::{Actor, Role},
};
use byline_fuzz::{STRUCTURED_PACKAGE, package_from_structured};
use libfuzzer_sys::fuzz_target;

const BASE: &[u8] = include_bytes!("../seeds/handoff/base.zip");

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let zip = match rest.strip_prefix(STRUCTURED_PACKAGE) {
        Some(structured) => match package_from_structured(structured) {
            Some(zip) => zip,
            None => return,
        },
        None => rest.to_vec(),
    };
    let actor = Actor::new("Fuzz", Role::Editor).unwrap();
    let store = Store::open_in_memory().unwrap();
    let (base, outcome) = import::import_package_bytes(&store, "base.zip", BASE, &actor).unwrap();
    assert_eq!(outcome, Outcome::Created);
    if flags & 7 != 0 {
        let mut fields = store.article(&base.to_string()).unwrap().to_fields();
        if flags & 1 != 0 {
            fields.sapo = "Bản của tòa soạn: sapo sửa tại chỗ.".into();
        }
        if flags & 2 != 0 {
            fields.headline = "Tiêu đề sửa tại chỗ".into();
        }
        if flags & 4 != 0 {
            fields.keywords.push("sửa tại chỗ".into());
        }
        store
            .save_fields(base, fields, Some(&actor), SaveKind::Explicit)
            .unwrap();
    }

    let before = state(&store, base);
    let base_article = store.article(&base.to_string()).unwrap();
    let (id, outcome) = match import::import_package_bytes(&store, "fuzz.zip", &zip, &actor) {
        Ok(done) => done,
        Err(_) => {
            assert_eq!(
                state(&store, base),
                before,
                "a refused package changed the library"
            );
            return;
        }
    };
    // Whatever came in can be read back.
    let article = store.article(&id.to_string()).unwrap();
    assert_eq!(article.id, id);
    match outcome {
        Outcome::Conflict(fields) => {
            assert!(!fields.is_empty(), "a conflict on no field");
            let pending = store.pending_merge(id).unwrap().expect("a conflict waits");
            let waiting: Vec<_> = pending.conflicts.iter().map(|c| c.field).collect();
            assert_eq!(waiting, fields, "the fields said and the fields waiting");
            // Only an article the library held can conflict.
            assert_eq!(id, base);
            assert_eq!(
                article, base_article,
                "a conflict changed the article before it was settled"
            );
            let side = if flags & 8 != 0 {
                Side::Incoming
            } else {
                Side::Local
            };
            for (i, field) in fields.iter().enumerate() {
                let left = store.resolve_conflict(id, *field, side, &actor).unwrap();
                assert_eq!(
                    left.len(),
                    fields.len() - i - 1,
                    "settled {field:?}, still {left:?}"
                );
            }
            assert!(store.pending_merge(id).unwrap().is_none());
            store.article(&id.to_string()).unwrap();
        }
        Outcome::Created | Outcome::FastForward | Outcome::Merged(_) => {
            let (again_id, again) =
                import::import_package_bytes(&store, "fuzz.zip", &zip, &actor).unwrap();
            assert_eq!(again_id, id);
            assert_eq!(again, Outcome::Unchanged, "the same package a second time");
        }
        Outcome::Unchanged => {}
    }
});

/// What a refused package must leave as it was, as text (compared whole):
/// the base article with its revisions, comments, moves and waiting merge,
/// and every article in the list.
fn state(store: &Store, id: byline_core::ArticleId) -> String {
    let key = id.to_string();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        store.article(&key).unwrap(),
        store.revisions(id).unwrap(),
        store.comments(id).unwrap(),
        store.history(id).unwrap(),
        store.pending_merge(id).unwrap(),
        store.list_articles().unwrap(),
    )
}
