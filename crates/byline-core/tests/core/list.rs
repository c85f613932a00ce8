//! The library list: keyset pages, filters, sorts and counts, checked
//! against a plain reading of the same articles.

use std::{
    collections::HashSet,
    sync::{Arc, Barrier},
};

use byline_core::{
    Article, ArticleDraft, ArticleId, Store,
    store::{DateField, DatedArticle, Filter, Sort},
    synthetic, text,
};
use chrono::NaiveDate;
use proptest::prelude::*;

use crate::empty_library;

/// Every page of the list, in order.
fn all_pages(store: &Store, filter: &Filter, sort: Sort, limit: usize) -> Vec<ArticleId> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store
            .list_page(filter, sort, cursor.as_deref(), limit)
            .unwrap();
        assert!(page.rows.len() <= limit);
        out.extend(page.rows.iter().map(|r| r.id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => return out,
        }
    }
}

fn seeded(count: usize) -> (tempfile::TempDir, Store, Vec<Article>) {
    let (dir, _path, store) = empty_library();
    let batch: Vec<DatedArticle> = synthetic::articles(count, 11)
        .enumerate()
        .map(|(i, a)| DatedArticle {
            id: ArticleId::from_time_and_bytes(a.created_at, [i as u8; 10]),
            draft: a.draft,
            created_at: a.created_at,
            updated_at: a.updated_at,
        })
        .collect();
    store.add_dated(batch).unwrap();
    let articles = store
        .list_articles()
        .unwrap()
        .iter()
        .map(|s| store.article(&s.id.to_string()).unwrap())
        .collect();
    (dir, store, articles)
}

fn in_range(t: chrono::DateTime<chrono::Utc>, f: &Filter) -> bool {
    let day = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .unwrap()
            .and_local_timezone(text::default_offset())
            .unwrap()
    };
    f.from.is_none_or(|from| t >= day(from))
        && f.to.is_none_or(|to| t < day(to.succ_opt().unwrap()))
}

/// The filter as a reader of the rules would apply it, one article at a time.
fn matches(a: &Article, f: &Filter) -> bool {
    let key = text::keyword_key;
    let people: Vec<String> = std::iter::once(a.byline.as_str())
        .chain(a.authors.iter().map(|p| p.name.as_str()))
        .map(key)
        .collect();
    let time = match f.date_field {
        DateField::Created => Some(a.created_at),
        DateField::Updated => Some(a.updated_at),
        DateField::Published => a.published_at.map(|t| t.to_utc()),
    };
    f.status.is_none_or(|s| a.status == s)
        && f.category.as_ref().is_none_or(|c| &a.category == c)
        && f.author.as_ref().is_none_or(|p| people.contains(&key(p)))
        && f.keyword
            .as_ref()
            .is_none_or(|k| a.keywords.iter().any(|w| key(w) == key(k)))
        && (f.from.is_none() && f.to.is_none() || time.is_some_and(|t| in_range(t, f)))
}

#[test]
fn pages_return_every_article_once_while_others_are_added() {
    let (_dir, _path, store) = empty_library();
    let store = Arc::new(store);
    let mut before = HashSet::new();
    for i in 0..120 {
        let a = store
            .create_article(ArticleDraft {
                headline: format!("Bài số {i}"),
                ..ArticleDraft::default()
            })
            .unwrap();
        before.insert(a.id);
    }
    for sort in [Sort::Updated, Sort::Published, Sort::Headline] {
        let start = Arc::new(Barrier::new(2));
        let writer = {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for i in 0..60 {
                    store
                        .create_article(ArticleDraft {
                            headline: format!("Bài chen vào {sort:?} {i}"),
                            ..ArticleDraft::default()
                        })
                        .unwrap();
                }
            })
        };
        start.wait();
        let seen = all_pages(&store, &Filter::default(), sort, 7);
        writer.join().unwrap();
        let unique: HashSet<ArticleId> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "{sort:?}: an article came twice");
        assert!(
            before.is_subset(&unique),
            "{sort:?}: {} articles were skipped",
            before.difference(&unique).count()
        );
    }
}

#[test]
fn headlines_sort_in_vietnamese_order() {
    let (_dir, _path, store) = empty_library();
    for h in [
        "Đà Lạt",
        "Dương Đông",
        "mạ non",
        "ma trận",
        "Mà thôi",
        "Ăn Tết",
        "An Giang",
    ] {
        store
            .create_article(ArticleDraft {
                headline: h.into(),
                ..ArticleDraft::default()
            })
            .unwrap();
    }
    let page = store
        .list_page(&Filter::default(), Sort::Headline, None, 50)
        .unwrap();
    let order: Vec<&str> = page.rows.iter().map(|r| r.headline.as_str()).collect();
    assert_eq!(
        order,
        // Letters decide before tones do, as in a dictionary: "ma non" < "ma thoi".
        [
            "An Giang",
            "Ăn Tết",
            "Dương Đông",
            "Đà Lạt",
            "mạ non",
            "Mà thôi",
            "ma trận"
        ]
    );
}

#[test]
fn a_bad_cursor_is_refused_by_name() {
    let (_dir, _path, store) = empty_library();
    let err = store
        .list_page(&Filter::default(), Sort::Updated, Some("zz.nope"), 10)
        .unwrap_err();
    assert!(err.to_string().contains("cursor"), "{err}");
}

#[test]
fn counts_apply_every_other_filter() {
    let (_dir, store, articles) = seeded(150);
    let category = articles[0].category.clone();
    let filter = Filter {
        category: Some(category.clone()),
        ..Filter::default()
    };
    let counts = store.counts(&filter).unwrap();
    let in_category = articles.iter().filter(|a| a.category == category).count();
    assert_eq!(counts.total as usize, in_category);
    // The category counts ignore the category filter: they say what
    // choosing another category would show.
    let total: u64 = counts.by_category.iter().map(|(_, n)| n).sum();
    assert_eq!(total as usize, articles.len());
    let drafts: u64 = counts.by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(drafts as usize, in_category);
}

fn filter_strategy(articles: &[Article]) -> impl Strategy<Value = (Filter, Sort)> {
    let categories: Vec<String> = articles.iter().map(|a| a.category.clone()).collect();
    let people: Vec<String> = articles.iter().map(|a| a.byline.clone()).collect();
    let keywords: Vec<String> = articles.iter().flat_map(|a| a.keywords.clone()).collect();
    let days: Vec<NaiveDate> = articles
        .iter()
        .map(|a| {
            a.created_at
                .with_timezone(&text::default_offset())
                .date_naive()
        })
        .collect();
    let pick = |v: Vec<String>| proptest::option::of(proptest::sample::select(v));
    let day = proptest::option::of(proptest::sample::select(days));
    (
        pick(categories),
        // Searched as typed differently: upper case, no marks.
        (pick(people), any::<bool>()).prop_map(|(p, fold)| {
            p.map(|p| {
                if fold {
                    text::fold(&p).to_uppercase()
                } else {
                    p
                }
            })
        }),
        pick(keywords),
        prop_oneof![
            Just(DateField::Created),
            Just(DateField::Updated),
            Just(DateField::Published)
        ],
        day.clone(),
        day,
        prop_oneof![
            Just(Sort::Updated),
            Just(Sort::Published),
            Just(Sort::Headline)
        ],
    )
        .prop_map(|(category, author, keyword, date_field, from, to, sort)| {
            (
                Filter {
                    status: None,
                    category,
                    author,
                    keyword,
                    date_field,
                    from,
                    to,
                },
                sort,
            )
        })
}

#[test]
fn filters_combine_like_their_definitions() {
    let (_dir, store, articles) = seeded(300);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 200,
        ..ProptestConfig::default()
    });
    runner
        .run(&filter_strategy(&articles), |(filter, sort)| {
            // Both ways a page query can run: from the sort's index, and
            // from the index of a filter that keeps few articles.
            store.set_few_rows(0);
            let walked = all_pages(&store, &filter, sort, 13);
            store.set_few_rows(1_000_000);
            let listed = all_pages(&store, &filter, sort, 13);
            prop_assert_eq!(&walked, &listed);
            let mut expected: Vec<&Article> =
                articles.iter().filter(|a| matches(a, &filter)).collect();
            match sort {
                Sort::Updated => expected.sort_by_key(|a| std::cmp::Reverse((a.updated_at, a.id))),
                Sort::Published => expected
                    .sort_by_key(|a| std::cmp::Reverse((a.published_at.map(|t| t.to_utc()), a.id))),
                Sort::Headline => {
                    expected.sort_by_key(|a| (text::collation_key(&a.headline), a.id))
                }
            }
            let expected: Vec<ArticleId> = expected.iter().map(|a| a.id).collect();
            prop_assert_eq!(&listed, &expected, "{:?} {:?}", filter, sort);
            let counts = store.counts(&filter).unwrap();
            prop_assert_eq!(counts.total as usize, expected.len());
            Ok(())
        })
        .unwrap();
}
