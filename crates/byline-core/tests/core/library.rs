//! Photos, related articles, settings and pickers in the library.

use byline_core::{
    ArticleDraft, ArticleFields, PlacementInput, Settings, export, import::import_paths, photo,
    render,
};
use rusqlite::Connection;

use crate::{empty_library, library_with_samples, snapshot_files};

const HOI_NGHI: &[u8] = include_bytes!("../../../../samples/an-thinh/media/hoi-nghi-an-thinh.jpg");
const LOP: &[u8] = include_bytes!("../../../../samples/an-thinh/media/lop-huong-dan.jpg");

fn photo_rows(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM photos", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_same_photo_twice_is_stored_once() {
    let (_dir, path, store) = empty_library();
    let a = store.add_photo("Hội nghị.JPG", HOI_NGHI).unwrap();
    let b = store.add_photo("copy.jpg", HOI_NGHI).unwrap();
    assert_eq!(a.info.sha256, b.info.sha256);
    assert_eq!(
        a.file,
        format!("media/hoi-nghi-{}.jpg", &a.info.sha256[..8])
    );
    assert_eq!(
        store.photo_bytes(&a.info.sha256).unwrap().as_deref(),
        Some(HOI_NGHI)
    );
    drop(store);
    assert_eq!(photo_rows(&path), 1);
}

#[test]
fn a_refused_photo_leaves_nothing_behind() {
    let (dir, path, store) = empty_library();
    store.add_photo("a.jpg", LOP).unwrap();
    let before = snapshot_files(&path);
    let err = store
        .add_photo("ghi-chu.txt", b"not a photo at all")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ghi-chu.txt: is not a JPEG, PNG or WebP image"
    );
    let elsewhere = dir.path().join("anh");
    std::fs::create_dir(&elsewhere).unwrap();
    let huge = elsewhere.join("rat-lon.jpg");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(photo::MAX_PHOTO_BYTES as u64 + 1).unwrap();
    let err = store
        .add_photo_files(std::slice::from_ref(&huge))
        .unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}: is 50.1 MB; photos may be at most 50 MB",
            huge.display()
        )),
        "{err}"
    );
    assert_eq!(snapshot_files(&path), before);
    drop(store);
    assert_eq!(photo_rows(&path), 1);
}

#[test]
fn the_whole_samples_tree_imports_with_photos_and_related() {
    let (_dir, _path, store) = empty_library();
    let samples = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples"));
    let imported = import_paths(&store, &[samples], None).unwrap();
    assert_eq!(imported.len(), 4);
    let a = store
        .article("xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so")
        .unwrap();
    assert_eq!(a.photos.len(), 2);
    let first = &a.photos[0];
    assert!(first.featured);
    // The front matter gives no caption: it comes from the photo's XMP.
    assert_eq!(
        first.caption,
        "Đồng chí Trần Văn Đức, Bí thư Đảng ủy xã An Thịnh, phát biểu tại hội nghị ra mắt mô hình “Dân vận khéo”."
    );
    assert_eq!(first.credit, "Minh Anh");
    // Stored rotated (EXIF orientation 6): shown landscape.
    let second = &a.photos[1];
    assert_eq!((second.width, second.height), (1200, 800));
    assert_eq!(
        second.caption,
        "Đoàn viên thanh niên hướng dẫn người cao tuổi cài đặt ứng dụng định danh điện tử."
    );
    let resolved: Vec<_> = a
        .related
        .iter()
        .map(|r| r.resolved.as_ref().map(|x| x.headline.as_str()))
        .collect();
    assert_eq!(
        resolved,
        vec![
            Some("An Thịnh mở lớp kỹ năng số cho người cao tuổi"),
            Some("Hội Nông dân huyện Tiên Lãng tổng kết mô hình tổ hợp tác trồng rau an toàn"),
        ]
    );
}

#[test]
fn a_missing_photo_file_names_the_article_and_the_file() {
    let (dir, path, store) = empty_library();
    let md = dir.path().join("bai.md");
    std::fs::write(
        &md,
        "---\nheadline: A\nphotos:\n  - file: media/khong-co.jpg\n---\n",
    )
    .unwrap();
    let before = snapshot_files(&path);
    let err = import_paths(&store, std::slice::from_ref(&md), None).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}: front matter line 3: photos: media/khong-co.jpg: ",
            md.display()
        )),
        "{err}"
    );
    assert_eq!(snapshot_files(&path), before);
}

#[test]
fn an_unresolved_related_reference_is_kept_and_resolves_later() {
    let (_dir, _path, store) = empty_library();
    let a = store
        .create_article(ArticleDraft {
            headline: "Bài chính".into(),
            related: vec!["bai-se-viet".into()],
            ..ArticleDraft::default()
        })
        .unwrap();
    assert_eq!(a.related[0].reference, "bai-se-viet");
    assert!(a.related[0].resolved.is_none());
    let later = store
        .create_article(ArticleDraft {
            headline: "Bài sẽ viết".into(),
            sapo: "Một sapo rất dài ".repeat(20),
            ..ArticleDraft::default()
        })
        .unwrap();
    let a = store.article(&a.id.to_string()).unwrap();
    let resolved = a.related[0]
        .resolved
        .as_ref()
        .expect("resolved once it arrived");
    assert_eq!(resolved.id, later.id);
    assert!(resolved.excerpt.ends_with('…') && resolved.excerpt.chars().count() <= 161);
    // A slug change of the related article does not lose it.
    store
        .update_fields(
            later.id,
            ArticleFields {
                headline: "Tên mới".into(),
                ..ArticleFields::default()
            },
        )
        .unwrap();
    let a = store.article(&a.id.to_string()).unwrap();
    assert_eq!(a.related[0].resolved.as_ref().unwrap().headline, "Tên mới");
    // An article cannot be related to itself.
    let err = store
        .update_fields(
            a.id,
            ArticleFields {
                headline: "X".into(),
                related: vec![a.id.to_string()],
                ..ArticleFields::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("related:"), "{err}");
}

#[test]
fn placements_render_as_figures_with_caption_and_credit() {
    let (_dir, _path, store) = empty_library();
    let added = store.add_photo("lop.jpg", LOP).unwrap();
    let a = store
        .create_article(ArticleDraft {
            headline: "Ảnh".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let fields = ArticleFields {
        headline: "Ảnh".into(),
        sapo: "Sapo.".into(),
        body: format!(
            "Đoạn đầu có ![ảnh nhỏ]({}) trong dòng.\n\n![Lớp học]({})\n\n![Ngoài](media/khac.jpg \"Chú thích từ tiêu đề\")\n",
            added.file, added.file
        ),
        photos: vec![PlacementInput {
            sha256: added.info.sha256.clone(),
            file: added.file.clone(),
            caption: "Lớp hướng dẫn <tối thứ Bảy>".into(),
            credit: "Thu Hà".into(),
            alt: String::new(),
            featured: true,
        }],
        ..ArticleFields::default()
    };
    let html = store.preview(a.id, fields.clone()).unwrap();
    let url = render::app_photo_url(&added.info.sha256, Some(render::PREVIEW_PHOTO_WIDTH));
    assert!(
        html.contains(&format!(
            "<figure class=\"featured\"><img src=\"{url}\" alt=\"\"><figcaption>Lớp hướng dẫn &#60;tối thứ Bảy&#62; <span class=\"credit\">Thu Hà</span></figcaption></figure>"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<p>Đoạn đầu có <img src=\"{url}\" alt=\"ảnh nhỏ\"> trong dòng.</p>"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("<figure><img src=\"{url}\" alt=\"Lớp học\"><figcaption>Lớp hướng dẫn &lt;tối thứ Bảy&gt; <span class=\"credit\">Thu Hà</span></figcaption></figure>")),
        "{html}"
    );
    assert!(
        html.contains("<figure><img src=\"./media/khac.jpg\" alt=\"Ngoài\"><figcaption>Chú thích từ tiêu đề</figcaption></figure>"),
        "{html}"
    );
    // The export inlines the same photos, scaled, as data: URIs; nothing else may use data:.
    let saved = store.update_fields(a.id, fields).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.html");
    export::html::write(&store, &saved, &out).unwrap();
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        page.matches("src=\"data:image/jpeg;base64,").count(),
        3,
        "featured, inline and figure"
    );
    assert!(!page.contains("byline://"));
}

#[test]
fn settings_start_with_the_newsroom_defaults_and_are_checked() {
    let (_dir, _path, store) = empty_library();
    let s = store.settings().unwrap();
    assert_eq!((s.headline_max, s.sapo_min, s.sapo_max), (120, 120, 300));
    assert_eq!(
        s.categories,
        vec![
            "Thời sự",
            "Chính trị",
            "Kinh tế",
            "Xã hội",
            "Văn hóa",
            "Thể thao",
            "Giáo dục",
            "Pháp luật"
        ]
    );
    let updated = store
        .update_settings(Settings {
            headline_max: 100,
            categories: vec!["Thời sự".into(), " Đời sống ".into(), "".into()],
            ..s.clone()
        })
        .unwrap();
    assert_eq!(updated.headline_max, 100);
    assert_eq!(updated.categories, vec!["Thời sự", "Đời sống"]);
    let err = store
        .update_settings(Settings {
            categories: vec!["Văn hóa".into(), "văn hoá".into()],
            ..s.clone()
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "categories: 'văn hoá' is listed twice");
    let err = store
        .update_settings(Settings { sapo_min: 400, ..s })
        .unwrap_err();
    assert!(err.to_string().starts_with("sapo_min:"), "{err}");
}

#[test]
fn pickers_fold_vietnamese() {
    let (_dir, _path, store) = library_with_samples();
    assert_eq!(
        store.suggest_keywords("chuyen doi").unwrap(),
        vec!["chuyển đổi số"]
    );
    assert_eq!(
        store.suggest_keywords("AN THINH").unwrap(),
        vec!["An Thịnh"]
    );
    let found = store.search_articles("ky nang so", None).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].headline,
        "An Thịnh mở lớp kỹ năng số cho người cao tuổi"
    );
    assert!(found[0].excerpt.starts_with("Hơn 60 người cao tuổi"));
    assert!(
        store
            .search_articles("ky nang so", Some(found[0].id))
            .unwrap()
            .is_empty()
    );
    // đ counts as d.
    assert_eq!(
        store.search_articles("dan van kheo", None).unwrap().len(),
        1
    );
}

#[test]
fn the_slug_is_chosen_by_hand_or_follows_the_headline() {
    let (_dir, _path, store) = empty_library();
    let a = store
        .create_article(ArticleDraft {
            headline: "Tin một".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let manual = store
        .update_fields(
            a.id,
            ArticleFields {
                headline: "Tin hai".into(),
                slug: Some("tin-rieng".into()),
                ..ArticleFields::default()
            },
        )
        .unwrap();
    assert_eq!(
        (manual.slug.as_str(), manual.slug_manual),
        ("tin-rieng", true)
    );
    let follows = store
        .update_fields(
            a.id,
            ArticleFields {
                headline: "Tin ba".into(),
                slug: None,
                ..ArticleFields::default()
            },
        )
        .unwrap();
    assert_eq!(
        (follows.slug.as_str(), follows.slug_manual),
        ("tin-ba", false)
    );
}
