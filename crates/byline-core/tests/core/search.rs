//! Library search: the Vietnamese matching rules and the ranking, each as a
//! reporter would try them.

use byline_core::{
    ArticleDraft, ArticleFields, Store,
    store::{Filter, SearchHit},
};

use crate::empty_library;

fn add(store: &Store, headline: &str, body: &str) -> String {
    store
        .create_article(ArticleDraft {
            headline: headline.into(),
            body: body.into(),
            ..ArticleDraft::default()
        })
        .unwrap()
        .headline
}

fn headlines(store: &Store, query: &str) -> Vec<String> {
    hits(store, query)
        .into_iter()
        .map(|h| h.article.headline)
        .collect()
}

fn hits(store: &Store, query: &str) -> Vec<SearchHit> {
    store.search(query, &Filter::default(), 50).unwrap()
}

#[test]
fn queries_without_tone_marks_find_marked_text() {
    let (_dir, _path, store) = empty_library();
    add(&store, "Quán triệt nghị quyết Đại hội", "");
    add(&store, "Du lịch Đà Nẵng hút khách", "");
    add(&store, "Thời tiết hôm nay", "Trời nắng nhẹ.");
    assert_eq!(
        headlines(&store, "quan triet"),
        ["Quán triệt nghị quyết Đại hội"]
    );
    // đ is d.
    assert_eq!(headlines(&store, "da nang"), ["Du lịch Đà Nẵng hút khách"]);
    assert_eq!(headlines(&store, "DA NANG"), ["Du lịch Đà Nẵng hút khách"]);
    // Marks typed in the query find the same article.
    assert_eq!(headlines(&store, "Đà Nẵng"), ["Du lịch Đà Nẵng hút khách"]);
    assert!(headlines(&store, "hà nội").is_empty());
}

#[test]
fn nfd_and_nfc_text_find_each_other() {
    let (_dir, _path, store) = empty_library();
    // Stored text is NFC; the query arrives decomposed (as macOS file names
    // and some web pages give it), and the other way round.
    add(&store, "Quán triệt", "");
    let nfd = "qua\u{301}n trie\u{302}\u{323}t";
    assert_eq!(headlines(&store, nfd), ["Quán triệt"]);
}

#[test]
fn old_and_new_tone_placement_match() {
    let (_dir, _path, store) = empty_library();
    add(&store, "Hội nghị hoà giải ở cơ sở", "");
    add(&store, "Ủy ban nhân dân tỉnh họp", "");
    assert_eq!(headlines(&store, "hòa giải"), ["Hội nghị hoà giải ở cơ sở"]);
    assert_eq!(headlines(&store, "uỷ ban"), ["Ủy ban nhân dân tỉnh họp"]);
    assert_eq!(
        headlines(&store, "\"uỷ ban\""),
        ["Ủy ban nhân dân tỉnh họp"]
    );
}

#[test]
fn look_alike_letters_pasted_from_the_web_do_not_hide_a_match() {
    let (_dir, _path, store) = empty_library();
    // "Hà Nội" with a Cyrillic о and і, and a soft hyphen inside "chuyển".
    add(&store, "Hà Nоі chuy\u{ad}ển đổi số", "");
    assert_eq!(headlines(&store, "ha noi"), ["Hà Nоі chuy\u{ad}ển đổi số"]);
    assert_eq!(
        headlines(&store, "chuyển đổi"),
        ["Hà Nоі chuy\u{ad}ển đổi số"]
    );
    // And the other way round: the query has the look-alike.
    add(&store, "Bản tin Hà Nội", "");
    assert_eq!(headlines(&store, "Nоі").len(), 2);
}

#[test]
fn exact_matches_rank_first() {
    let (_dir, _path, store) = empty_library();
    add(&store, "Tin một", "Cây lúa mạ xanh tốt trên đồng.");
    add(&store, "Tin hai", "Người ta nói mà không làm.");
    add(&store, "Tin ba", "Bà ấy là má của em.");
    add(&store, "Tin bốn", "Con ma trong truyện cổ tích.");
    let found = hits(&store, "má");
    assert_eq!(found.len(), 4, "folded matches are found too");
    assert_eq!(found[0].article.headline, "Tin ba");
    assert!(found[0].exact);
    assert!(found[1..].iter().all(|h| !h.exact));
    // Typed without marks, all four are equal candidates: nothing is exact.
    assert!(hits(&store, "ma").iter().all(|h| !h.exact));
}

#[test]
fn a_headline_hit_ranks_above_a_body_hit() {
    let (_dir, _path, store) = empty_library();
    add(
        &store,
        "Tin địa phương",
        "Nông thôn mới ở xã. Nông thôn mới là chương trình lớn. Xây dựng nông thôn mới.",
    );
    add(&store, "Nông thôn mới ở An Thịnh", "Bài viết về xã.");
    assert_eq!(
        headlines(&store, "nong thon moi"),
        ["Nông thôn mới ở An Thịnh", "Tin địa phương"]
    );
}

#[test]
fn phrase_and_prefix_queries() {
    let (_dir, _path, store) = empty_library();
    add(&store, "Chuyển đổi số ở xã", "");
    add(&store, "Đổi mới và chuyển giao", "");
    add(&store, "Số hóa hồ sơ", "Chuyển sang đổi mới.");
    // Both words, anywhere.
    assert_eq!(headlines(&store, "chuyen doi").len(), 3);
    // Side by side, in that order.
    assert_eq!(headlines(&store, "\"chuyển đổi\""), ["Chuyển đổi số ở xã"]);
    // chuyển* finds chuyển and chuyển giao alike; chuy* finds them too.
    assert_eq!(headlines(&store, "chuyển*").len(), 3);
    assert_eq!(headlines(&store, "chuy*").len(), 3);
    assert_eq!(headlines(&store, "giao*"), ["Đổi mới và chuyển giao"]);
}

#[test]
fn every_field_is_searched() {
    let (_dir, _path, store) = empty_library();
    let a = store
        .create_article(ArticleDraft {
            headline: "Bài một".into(),
            sapo: "Sáng nay khai mạc hội chợ".into(),
            byline: "Duy Huy".into(),
            keywords: vec!["An Thịnh".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    assert_eq!(headlines(&store, "hoi cho"), ["Bài một"]);
    assert_eq!(headlines(&store, "duy huy"), ["Bài một"]);
    assert_eq!(headlines(&store, "an thinh"), ["Bài một"]);
    // An edit is searchable at once: the index is written with the article.
    let fields = ArticleFields {
        headline: a.headline.clone(),
        sapo: a.sapo.clone(),
        body: "Có cả **gốm Bát Tràng**.".into(),
        ..ArticleFields::default()
    };
    store.update_fields(a.id, fields).unwrap();
    assert_eq!(headlines(&store, "bat trang"), ["Bài một"]);
    // What the edit removed is no longer found.
    assert!(headlines(&store, "duy huy").is_empty());
    assert!(headlines(&store, "hoi cho xyz").is_empty());
}

#[test]
fn snippets_mark_the_matched_words_and_stay_text() {
    let (_dir, _path, store) = empty_library();
    add(
        &store,
        "Hội nghị <img src=x onerror=alert(1)>",
        "Mở đầu. Đoàn công tác đến **Đà Nẵng** vào sáng nay.",
    );
    let found = hits(&store, "da nang");
    let snippet = &found[0].snippet;
    let marked: Vec<&str> = snippet
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["Đà Nẵng"]);
    let text: String = snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(text.contains("đến Đà Nẵng vào"), "{text}");
    // The headline is returned as text parts; nothing is turned into markup.
    let headline: String = found[0].headline.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(headline, "Hội nghị <img src=x onerror=alert(1)>");
}

#[test]
fn fts_syntax_typed_by_a_writer_is_just_text() {
    let (_dir, _path, store) = empty_library();
    add(&store, "Bóng đá: NEAR và OR", "");
    for q in ["NEAR(", "\"", "a OR", "*", "-x", "{headline}:", "bóng)"] {
        assert!(store.search(q, &Filter::default(), 10).is_ok(), "{q}");
    }
    assert_eq!(headlines(&store, "near or"), ["Bóng đá: NEAR và OR"]);
}

#[test]
fn search_respects_the_filters() {
    let (_dir, _path, store) = empty_library();
    for (headline, category) in [("Lúa mùa", "Kinh tế"), ("Lúa chiêm", "Xã hội")] {
        store
            .create_article(ArticleDraft {
                headline: headline.into(),
                category: category.into(),
                ..ArticleDraft::default()
            })
            .unwrap();
    }
    let filter = Filter {
        category: Some("Xã hội".into()),
        ..Filter::default()
    };
    let found: Vec<String> = store
        .search("lua", &filter, 10)
        .unwrap()
        .into_iter()
        .map(|h| h.article.headline)
        .collect();
    assert_eq!(found, ["Lúa chiêm"]);
}
