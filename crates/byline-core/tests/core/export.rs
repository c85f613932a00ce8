//! Exports: the published HTML page in its two modes, and the article file.
//! The page is checked as a website's CMS and a reader meet it: what its head
//! tells link previews and search engines, the order of the article's parts,
//! and which files come with it. Validity (Nu HTML Checker) and accessibility
//! (axe-core) are checked on the same exports by `e2e/published-html.test.mjs`.

use std::path::Path;

use byline_core::{
    Article, ArticleDraft, Settings, Store,
    error::Message,
    export::{self, html, media::PhotoMetadata},
    messages::{Lang, render},
    package, photo,
};
use chrono::Timelike;
use sha2::{Digest, Sha256};

use crate::{empty_library, library_with_samples};

const AN_THINH: &str = "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so";
const HARBOUR: &str = "harbour-town-opens-its-first-public-reading-room";
const SAMPLE_MEDIA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/an-thinh/media");

/// A new library with the sample articles in it, as a first-run user has.
fn samples() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    library_with_samples()
}

/// The text between `start` and the next `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {page}"))
        + start.len();
    let len = page[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"));
    &page[from..from + len]
}

fn json_ld(page: &str) -> serde_json::Value {
    let block = between(page, "<script type=\"application/ld+json\">", "</script>");
    serde_json::from_str(block).unwrap_or_else(|e| panic!("{e}: {block}"))
}

/// Where `needle` is in `page`, failing when it is not there.
fn at(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("no {needle} in {page}"))
}

fn meta(page: &str, property: &str) -> Vec<String> {
    let tag = format!("<meta property=\"{property}\" content=\"");
    page.match_indices(&tag)
        .map(|(i, _)| between(&page[i..], &tag, "\">").to_owned())
        .collect()
}

fn media_name(article: &Article, file: &str) -> String {
    let placement = article.photos.iter().find(|p| p.file == file).unwrap();
    package::media_path(placement)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn set_base_url(store: &Store, base_url: &str) -> Settings {
    let settings = store.settings().unwrap();
    store
        .update_settings(Settings {
            base_url: base_url.into(),
            ..settings
        })
        .unwrap()
}

#[test]
fn the_vietnamese_sample_reads_in_the_order_of_a_news_page() {
    let (_dir, _path, store) = samples();
    let article = store.article(AN_THINH).unwrap();
    let page = html::folder_page(&article, "");
    let featured = media_name(&article, "media/hoi-nghi-an-thinh.jpg");
    let inline = media_name(&article, "media/lop-huong-dan.jpg");

    let order = [
        "<main>\n<article class=\"article\" lang=\"vi\">",
        "<h1 class=\"headline\">Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số</h1>",
        "<p class=\"dateline\"><time datetime=\"2023-03-14T09:30:00+07:00\">Thứ 3, 14/03/2023 | 09:30:00</time></p>",
        "<p class=\"sapo\"><strong>Sáng 14/3, Đảng ủy xã An Thịnh",
        &format!(
            "<figure class=\"featured\"><img src=\"{featured}\" alt=\"Hội trường hội nghị với các hàng ghế đại biểu\"><figcaption>"
        ),
        "<div class=\"body\">\n<p>Theo kế hoạch",
        &format!(
            "<figure><img src=\"{inline}\" alt=\"Màn hình máy tính bảng trên bàn hướng dẫn\"><figcaption>Đoàn viên thanh niên hướng dẫn người cao tuổi cài đặt ứng dụng định danh điện tử. <span class=\"credit\">Thu Hà</span></figcaption></figure>"
        ),
        "<h2 class=\"footnotes-title\">Chú thích</h2>",
        "</section>\n</div>\n<p class=\"byline\">Minh Anh</p>",
        "<section class=\"keywords\">\n<h2 class=\"keywords-label\">Từ khóa</h2>\n<ul>\n<li class=\"keyword\">dân vận khéo</li>\n<li class=\"keyword\">chuyển đổi số</li>\n<li class=\"keyword\">dịch vụ công trực tuyến</li>\n<li class=\"keyword\">An Thịnh</li>\n</ul>\n</section>",
        "<section class=\"related\">\n<h2>Tin liên quan</h2>\n<ul>\n<li><h3 class=\"related-headline\">An Thịnh mở lớp kỹ năng số cho người cao tuổi</h3>",
        "<h3 class=\"related-headline\">Hội Nông dân huyện Tiên Lãng tổng kết mô hình tổ hợp tác trồng rau an toàn</h3>",
        "</article>\n</main>",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(&page, n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "out of order: {positions:?}\n{page}"
    );
    // The featured photo's caption (from the photo's own XMP) comes first,
    // then the photographer.
    let caption = between(&page[positions[4]..], "<figcaption>", "</figcaption>");
    assert!(
        caption.starts_with("Đồng chí Trần Văn Đức")
            && caption.ends_with(". <span class=\"credit\">Minh Anh</span>"),
        "{caption}"
    );
    // A related article whose sapo fits is shown whole, without "…".
    assert!(page.contains(
        "<p class=\"related-excerpt\">Hơn 60 người cao tuổi ở xã An Thịnh đã hoàn thành lớp học kỹ năng số cơ bản do Đoàn Thanh niên xã phối hợp với Hội Người cao tuổi tổ chức trong tháng 2.</p>"
    ));
    assert!(
        !page.contains("Xin số liệu"),
        "the editor's note stays inside"
    );
    assert!(
        !page.contains("<a href=\"http"),
        "no base URL, no guessed links"
    );
}

#[test]
fn the_english_sample_speaks_english() {
    let (_dir, _path, store) = samples();
    let article = store.article(HARBOUR).unwrap();
    let page = html::folder_page(&article, "");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"),
        "{page}"
    );
    assert!(page.contains(
        "<p class=\"dateline\"><time datetime=\"2023-05-06T10:00:00+01:00\">Saturday, 06/05/2023 | 10:00:00</time></p>"
    ));
    assert!(page.contains(
        "<h2 class=\"keywords-label\">Keywords</h2>\n<ul>\n<li class=\"keyword\">libraries</li>\n<li class=\"keyword\">community</li>\n</ul>"
    ));
    assert!(!page.contains("Từ khóa") && !page.contains("Thứ"));
    assert_eq!(meta(&page, "og:locale"), ["en_US"]);
    let ld = json_ld(&page);
    assert_eq!(ld["inLanguage"], "en");
    // No structured authors: the printed byline is the author.
    assert_eq!(
        ld["author"],
        serde_json::json!([{ "@type": "Person", "name": "Sam Ortega" }])
    );
    assert_eq!(ld["datePublished"], "2023-05-06T10:00:00+01:00");
    // Not a photo in it: no image anywhere in the head.
    assert!(ld.get("image").is_none());
    assert!(meta(&page, "og:image").is_empty());
}

#[test]
fn the_head_tells_link_previews_what_the_article_is() {
    let (_dir, _path, store) = samples();
    let article = store.article(AN_THINH).unwrap();
    let page = html::folder_page(&article, "");
    let head = between(&page, "<head>", "</head>");
    assert!(
        head.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(
        head.contains(
            "<title>Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số</title>"
        )
    );
    assert!(head.contains(&format!(
        "<meta name=\"description\" content=\"{}\">",
        article.sapo
    )));
    assert_eq!(meta(head, "og:type"), ["article"]);
    assert_eq!(meta(head, "og:title"), [article.headline.as_str()]);
    assert_eq!(meta(head, "og:description"), [article.sapo.as_str()]);
    assert_eq!(
        meta(head, "og:image"),
        [media_name(&article, "media/hoi-nghi-an-thinh.jpg")]
    );
    assert_eq!(
        meta(head, "og:image:alt"),
        ["Hội trường hội nghị với các hàng ghế đại biểu"]
    );
    assert_eq!(meta(head, "og:locale"), ["vi_VN"]);
    assert_eq!(
        meta(head, "article:published_time"),
        ["2023-03-14T09:30:00+07:00"]
    );
    let modified = article
        .updated_at
        .with_timezone(&byline_core::text::default_offset())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    assert_eq!(meta(head, "article:modified_time"), [modified.as_str()]);
    assert_eq!(meta(head, "article:section"), ["Thời sự"]);
    assert_eq!(
        meta(head, "article:tag"),
        [
            "dân vận khéo",
            "chuyển đổi số",
            "dịch vụ công trực tuyến",
            "An Thịnh"
        ]
    );
    // Without the website's address a page cannot say where it lives.
    assert!(meta(head, "og:url").is_empty());
    assert!(!head.contains("rel=\"canonical\""));
    // Nothing to fetch, nothing to run but the JSON-LD.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<link rel=\"stylesheet\"") && !page.contains("@import"));
    assert!(head.contains("@media print"));
}

#[test]
fn the_json_ld_is_a_news_article() {
    let (_dir, _path, store) = samples();
    let article = store.article(AN_THINH).unwrap();
    let ld = json_ld(&html::folder_page(&article, ""));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], article.headline.as_str());
    assert_eq!(ld["description"], article.sapo.as_str());
    assert_eq!(ld["datePublished"], "2023-03-14T09:30:00+07:00");
    let modified = ld["dateModified"].as_str().unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(modified).unwrap(),
        article.updated_at.with_nanosecond(0).unwrap()
    );
    assert_eq!(
        ld["author"],
        serde_json::json!([{ "@type": "Person", "name": "Minh Anh" }])
    );
    assert_eq!(
        ld["keywords"],
        serde_json::json!([
            "dân vận khéo",
            "chuyển đổi số",
            "dịch vụ công trực tuyến",
            "An Thịnh"
        ])
    );
    assert_eq!(ld["articleSection"], "Thời sự");
    assert_eq!(ld["inLanguage"], "vi");
    // The featured photo first, then the body's.
    assert_eq!(
        ld["image"],
        serde_json::json!([
            media_name(&article, "media/hoi-nghi-an-thinh.jpg"),
            media_name(&article, "media/lop-huong-dan.jpg")
        ])
    );
    assert!(ld.get("url").is_none());
}

#[test]
fn structured_authors_are_people_in_their_roles() {
    let (_dir, _path, store) = empty_library();
    let draft: ArticleDraft = ArticleDraft {
        headline: "Lũ trên sông Hồng".into(),
        byline: "Nhóm phóng viên".into(),
        authors: serde_json::from_value(serde_json::json!([
            { "name": "Lê Văn Bình", "role": "reporter" },
            { "name": "Trần Thu", "role": "photographer" },
            { "name": "Ngô Hà", "role": "reporter" }
        ]))
        .unwrap(),
        ..ArticleDraft::default()
    };
    let article = store.create_article(draft).unwrap();
    let ld = json_ld(&html::folder_page(&article, ""));
    assert_eq!(
        ld["author"],
        serde_json::json!([
            { "@type": "Person", "name": "Lê Văn Bình" },
            { "@type": "Person", "name": "Ngô Hà" }
        ]),
        "the byline is not an author when the reporters are named"
    );
    assert_eq!(
        ld["contributor"],
        serde_json::json!([{ "@type": "Person", "name": "Trần Thu" }])
    );
    // Never published: no publish time is made up.
    assert!(ld.get("datePublished").is_none());
}

#[test]
fn a_headline_cannot_end_the_json_ld_block() {
    let (_dir, _path, store) = empty_library();
    let headline = "Tin nóng </script><script>alert(1)</script> <!-- & </SCRIPT >";
    let article = store
        .create_article(ArticleDraft {
            headline: headline.into(),
            sapo: "Sapo </script> cũng vậy.".into(),
            keywords: vec!["</script>".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    for page in [
        html::folder_page(&article, ""),
        html::single_page(&store, &article).unwrap(),
    ] {
        let lower = page.to_lowercase();
        // The one end of a script is the JSON-LD block's own.
        assert_eq!(lower.matches("</script").count(), 1, "{page}");
        assert_eq!(lower.matches("<script").count(), 1, "{page}");
        assert!(!page.contains("<!--"), "{page}");
        let ld = json_ld(&page);
        assert_eq!(ld["headline"], headline);
        assert_eq!(ld["description"], "Sapo </script> cũng vậy.");
        assert_eq!(ld["keywords"], serde_json::json!(["</script>"]));
        // Everywhere else it is text, escaped by the templates.
        assert!(page.contains("<title>Tin nóng &#60;/script&#62;"), "{page}");
    }
}

#[test]
fn related_excerpts_are_cut_at_a_word_within_160_characters() {
    let (_dir, _path, store) = empty_library();
    let long_sapo = "Sáng 14/3, Đảng ủy xã An Thịnh tổ chức hội nghị ra mắt mô hình “Dân vận khéo” hỗ trợ người dân sử dụng dịch vụ công trực tuyến, với sự tham dự của hơn 120 đại biểu là cán bộ, đoàn viên, hội viên và người dân các thôn.";
    assert!(long_sapo.chars().count() > 160);
    store
        .create_article(ArticleDraft {
            headline: "Bài dài".into(),
            sapo: long_sapo.into(),
            slug: Some("bai-dai".into()),
            ..ArticleDraft::default()
        })
        .unwrap();
    let one_word = "Đ".repeat(170);
    store
        .create_article(ArticleDraft {
            headline: "Một chữ".into(),
            sapo: one_word.clone(),
            slug: Some("mot-chu".into()),
            ..ArticleDraft::default()
        })
        .unwrap();
    let article = store
        .create_article(ArticleDraft {
            headline: "Bài chính".into(),
            related: vec!["bai-dai".into(), "mot-chu".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    let page = html::folder_page(&article, "");
    let excerpts: Vec<&str> = page
        .match_indices("<p class=\"related-excerpt\">")
        .map(|(i, _)| between(&page[i..], "<p class=\"related-excerpt\">", "</p>"))
        .collect();
    assert_eq!(excerpts.len(), 2, "{page}");
    for (excerpt, sapo) in excerpts.iter().zip([long_sapo, one_word.as_str()]) {
        assert!(excerpt.chars().count() <= 160, "{excerpt}");
        assert!(excerpt.ends_with('…'), "{excerpt}");
        assert!(sapo.starts_with(excerpt.trim_end_matches('…')), "{excerpt}");
    }
    // The long sapo is cut between two words, not inside one.
    let kept = excerpts[0].trim_end_matches('…');
    assert!(
        long_sapo[kept.len()..].starts_with([' ', ',']),
        "{}",
        excerpts[0]
    );
    assert!(kept.chars().count() > 120, "not cut shorter than needed");
}

#[test]
fn a_base_url_makes_the_page_say_where_it_lives() {
    let (_dir, _path, store) = samples();
    let settings = set_base_url(&store, " https://Bao.example.vn/tin ");
    assert_eq!(settings.base_url, "https://bao.example.vn/tin/");
    let article = store.article(AN_THINH).unwrap();
    let featured = media_name(&article, "media/hoi-nghi-an-thinh.jpg");
    let inline = media_name(&article, "media/lop-huong-dan.jpg");
    let url = format!("https://bao.example.vn/tin/{AN_THINH}/");

    let page = html::folder_page(&article, &settings.base_url);
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert_eq!(meta(&page, "og:url"), [url.as_str()]);
    assert_eq!(meta(&page, "og:image"), [format!("{url}{featured}")]);
    let ld = json_ld(&page);
    assert_eq!(ld["url"], url.as_str());
    assert_eq!(ld["mainEntityOfPage"], url.as_str());
    assert_eq!(
        ld["image"],
        serde_json::json!([format!("{url}{featured}"), format!("{url}{inline}")])
    );
    // The page's own photos stay beside it; related articles link to their pages.
    assert!(page.contains(&format!("<img src=\"{featured}\"")));
    assert!(page.contains(
        "<h3 class=\"related-headline\"><a href=\"https://bao.example.vn/tin/an-thinh-mo-lop-ky-nang-so/\">An Thịnh mở lớp kỹ năng số cho người cao tuổi</a></h3>"
    ));

    // The single file names the same addresses, the store's setting being the source.
    let single = html::single_page(&store, &article).unwrap();
    assert_eq!(meta(&single, "og:url"), [url.as_str()]);
    assert_eq!(meta(&single, "og:image"), [format!("{url}{featured}")]);
    assert_eq!(json_ld(&single)["image"][0], format!("{url}{featured}"));
}

#[test]
fn the_base_url_setting_is_checked_and_may_be_missing() {
    let (_dir, path, store) = empty_library();
    // A library written before the setting existed has no row for it.
    assert_eq!(store.settings().unwrap().base_url, "");
    for bad in [
        "bao.example.vn",
        "ftp://bao.example.vn/",
        "https://",
        "https:///tin/",
        "https://bao.example.vn/tin?trang=1",
        "https://bao.example.vn/#tin",
        "https://bao example.vn/",
        "javascript:alert(1)//",
    ] {
        let settings = store.settings().unwrap();
        let err = store
            .update_settings(Settings {
                base_url: bad.into(),
                ..settings
            })
            .unwrap_err();
        assert!(err.to_string().starts_with("base_url: "), "{bad}: {err}");
    }
    assert_eq!(store.settings().unwrap().base_url, "", "nothing was saved");
    assert_eq!(
        set_base_url(&store, "http://localhost:8080").base_url,
        "http://localhost:8080/"
    );
    assert_eq!(set_base_url(&store, "  ").base_url, "");
    set_base_url(&store, "https://bao.example.vn/");
    drop(store);
    // An older library, or one whose row someone removed, still opens.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("DELETE FROM settings WHERE key = 'base_url'", [])
        .unwrap();
    drop(c);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.settings().unwrap().base_url, "");
}

#[test]
fn html_mode_writes_the_page_and_the_protected_photos() {
    let (dir, _path, store) = samples();
    let article = store.article(AN_THINH).unwrap();
    let out = dir.path().join("xuat").join(AN_THINH);
    let written = html::write_folder(&store, &article, &out).unwrap();
    assert!(written.warnings.is_empty(), "{:?}", written.warnings);

    // The page names each photo by the file written for it.
    let exported = export::media::outgoing(&store, &article, PhotoMetadata::Protect)
        .unwrap()
        .article;
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(page, html::folder_page(&exported, ""));
    let mut files: Vec<String> = std::fs::read_dir(out.join("media"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected = Vec::new();
    for name in ["hoi-nghi-an-thinh.jpg", "lop-huong-dan.jpg"] {
        let original = std::fs::read(Path::new(SAMPLE_MEDIA).join(name)).unwrap();
        let copy = photo::protect(&original).unwrap();
        let media = media_name(&exported, &format!("media/{name}"));
        assert_eq!(media, format!("media/{}.jpg", sha256_hex(&copy)));
        // The photographer's file without what could locate a source (see
        // tests/core/source_protection.rs), not re-encoded, not scaled.
        assert_eq!(std::fs::read(out.join(&media)).unwrap(), copy, "{name}");
        assert!(page.contains(&format!("<img src=\"{media}\"")), "{media}");
        expected.push(media.trim_start_matches("media/").to_owned());
    }
    expected.sort();
    assert_eq!(
        files, expected,
        "only the article's photos, no temporary file"
    );
    assert!(!page.contains("data:"));

    // Exporting again gives the same bytes: nothing in the page reads the clock.
    let again = dir.path().join("lan-hai");
    html::write_folder(&store, &article, &again).unwrap();
    assert_eq!(
        std::fs::read(again.join("index.html")).unwrap(),
        page.as_bytes()
    );
}

#[test]
fn html_single_is_one_file_that_needs_nothing_else() {
    let (dir, _path, store) = samples();
    let article = store.article(AN_THINH).unwrap();
    let out = dir.path().join("an-thinh.html");
    html::write_single(&store, &article, &out).unwrap();
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(page, html::single_page(&store, &article).unwrap());
    assert_eq!(
        page.matches("<img src=\"data:image/jpeg;base64,").count(),
        2,
        "the featured photo and the body's"
    );
    assert!(!page.contains("media/"), "no file beside it to point at");
    for remote in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url("] {
        assert!(!page.contains(remote), "{remote}");
    }
    // Link previews get an address or nothing, never the inlined bytes.
    assert!(meta(&page, "og:image").is_empty());
    assert!(json_ld(&page).get("image").is_none());
    assert!(!between(&page, "<head>", "</head>").contains("data:"));
}

#[test]
fn related_articles_not_in_the_library_are_left_out_and_said_so() {
    let (dir, _path, store) = empty_library();
    let article = store
        .create_article(ArticleDraft {
            headline: "Bài có tin liên quan".into(),
            related: vec!["bai-chua-viet".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    let said = ["related article 'bai-chua-viet' is not in the library; left out"];
    let english = |warnings: &[Message]| -> Vec<String> {
        warnings.iter().map(|w| render(w, Lang::En)).collect()
    };
    let folder = html::write_folder(&store, &article, &dir.path().join("a")).unwrap();
    assert_eq!(english(&folder.warnings), said);
    assert_eq!(
        render(&folder.warnings[0], Lang::Vi),
        "bài liên quan 'bai-chua-viet' không có trong thư viện; đã bỏ ra khỏi trang"
    );
    assert!(dir.path().join("a/index.html").is_file());
    assert!(
        !dir.path().join("a/media").exists(),
        "no photos, no media folder"
    );
    let single = html::write_single(&store, &article, &dir.path().join("a.html")).unwrap();
    assert_eq!(english(&single.warnings), said);
    assert!(!html::folder_page(&article, "").contains("class=\"related\""));
}

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
    export::html::write_single(&store, &article, &out).unwrap();
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
fn an_export_clears_the_temporary_files_a_crash_left_and_nothing_else() {
    use byline_core::{
        export::batch::{self, Format},
        workflow::{Actor, Role},
    };
    use std::time::{Duration, SystemTime};
    let (dir, _path, store) = samples();
    let ids = [
        store.article(AN_THINH).unwrap().id,
        store.article(HARBOUR).unwrap().id,
    ];
    let out = dir.path().join("out");
    let hours_ago = |h: u64| SystemTime::now() - Duration::from_secs(h * 3600);
    let plant = |path: &Path, modified: SystemTime| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "half a page").unwrap();
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    };
    // What killed exports left, two hours ago, in each folder an export of
    // the two articles as pages writes to.
    let left = [
        out.join(".byline-a1B2c3"),
        out.join("media/.byline-Q9w8E7"),
        out.join(AN_THINH).join(".byline-zz00ZZ"),
        out.join(AN_THINH).join("media/.byline-000000"),
    ];
    for path in &left {
        plant(path, hours_ago(2));
    }
    // Another export's write in progress, and the user's own files, however old.
    let kept = [
        out.join(".byline-Fresh1"),
        out.join(".byline-notes"),
        out.join(".byline-a1B2c3.txt"),
        out.join("byline-a1B2c3"),
        out.join(HARBOUR).join(".byline-ab_123"),
    ];
    plant(&kept[0], SystemTime::now());
    for path in &kept[1..] {
        plant(path, hours_ago(48));
    }
    let actor = Actor::new("Duy Huy", Role::Reporter).unwrap();
    let report = batch::export(
        &store,
        &ids,
        Format::Html,
        &out,
        &actor,
        &std::sync::atomic::AtomicBool::new(false),
        |_| {},
    )
    .unwrap();
    assert_eq!(report.written.len(), 2);
    for path in &left {
        assert!(!path.exists(), "{} is still there", path.display());
    }
    for path in &kept {
        assert!(path.exists(), "{} was removed", path.display());
    }
    assert!(out.join(AN_THINH).join("index.html").exists());

    // A single file exported into a folder clears that folder too.
    let stale = dir.path().join(".byline-Old123");
    plant(&stale, hours_ago(2));
    batch::export(
        &store,
        &ids[..1],
        Format::HtmlSingle,
        &dir.path().join("an-thinh.html"),
        &actor,
        &std::sync::atomic::AtomicBool::new(false),
        |_| {},
    )
    .unwrap();
    assert!(!stale.exists());
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
    let err = export::html::write_single(&store, &article, &out).unwrap_err();
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
