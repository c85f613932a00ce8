use std::path::{Path, PathBuf};

use byline_core::{
    import::{front_matter, import_paths},
    store::Saved,
};

use crate::{empty_library, snapshot_files};

/// Checks that parsing `text` fails with exactly `expected`.
fn check_error(text: &str, expected: &str) {
    let err = front_matter::parse("article.md", text).expect_err("should fail");
    assert_eq!(err.to_string(), expected);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn front_matter_errors_name_the_line_and_key() {
    check_error(
        "---\nid: 0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47\nheadlin: Tiêu đề\n---\nThân bài\n",
        "article.md: front matter line 3: unknown key 'headlin'",
    );
    check_error(
        "---\nheadline: A\nsapo: B\nheadline: C\n---\n",
        "article.md: front matter line 4: key 'headline' appears twice",
    );
    check_error(
        "---\nsapo: Chỉ có sapo\n---\n",
        "article.md: front matter: missing required key 'headline'",
    );
    check_error(
        "---\nheadline: \"\"\n---\n",
        "article.md: front matter line 2: headline: must not be empty",
    );
    check_error(
        "---\nheadline: A\npublished_at: 14/03/2023\n---\n",
        "article.md: front matter line 3: published_at: '14/03/2023' is not a time; write it as 2023-03-14T09:30:00+07:00",
    );
    check_error(
        "---\nheadline: A\nstatus: live\n---\n",
        "article.md: front matter line 3: status: 'live' is not a status (draft, submitted, in_review, changes_requested, approved, published, spiked)",
    );
    check_error(
        "---\nheadline: A\nid: 42\n---\n",
        "article.md: front matter line 3: id: not an article id (a UUID); remove it to create a new article",
    );
    check_error(
        "headline: A\n",
        "article.md: line 1: an article file starts with front matter between two '---' lines",
    );
    check_error(
        "---\nheadline: A\n",
        "article.md: the front matter has no closing '---' line",
    );
}

#[test]
fn yaml_type_errors_point_at_their_line() {
    let err = front_matter::parse("a.md", "---\nheadline: A\nkeywords: 5\n---\n").unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("a.md: front matter line 3: keywords: invalid type"),
        "{message}"
    );
    let err = front_matter::parse(
        "a.md",
        "---\nheadline: A\nauthors:\n  - name: B\n    role: chef\n---\n",
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("a.md: front matter line 5:"),
        "{message}"
    );
    assert!(message.contains("unknown variant `chef`"), "{message}");
}

#[test]
fn the_format_reads_every_key() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/an-thinh/article.md"
    ))
    .unwrap();
    let parsed = front_matter::parse("article.md", &text).unwrap();
    let d = &parsed.incoming.draft;
    assert_eq!(d.byline, "Minh Anh");
    assert_eq!(d.keywords.len(), 4);
    assert_eq!(
        d.published_at.unwrap().to_rfc3339(),
        "2023-03-14T09:30:00+07:00"
    );
    assert!(d.body.starts_with("Theo kế hoạch"));
    assert_eq!(
        d.editor_note,
        "Xin số liệu năm 2022 từ Văn phòng UBND xã để đối chiếu."
    );
    assert_eq!(
        d.related,
        vec![
            "an-thinh-mo-lop-ky-nang-so",
            "tien-lang-tong-ket-to-hop-tac-rau-an-toan"
        ]
    );
    // Both photos are asked for; the body image is the second one, not a third.
    let files: Vec<_> = parsed
        .photos
        .iter()
        .map(|p| (p.file.as_str(), p.featured, p.line))
        .collect();
    assert_eq!(
        files,
        vec![
            ("media/hoi-nghi-an-thinh.jpg", true, Some(12)),
            ("media/lop-huong-dan.jpg", false, Some(12))
        ]
    );
    assert_eq!(
        parsed.photos[0].caption, None,
        "left for the photo's own caption"
    );
}

#[test]
fn a_bad_file_in_a_batch_leaves_the_library_unchanged() {
    let (dir, path, store) = empty_library();
    let good = write(
        dir.path(),
        "good.md",
        "---\nheadline: Tốt\n---\nThân bài.\n",
    );
    let bad = write(
        dir.path(),
        "bad.md",
        "---\nheadline: Xấu\nlanguage: tiếng Việt\n---\n",
    );
    let before = snapshot_files(&path);
    let err = import_paths(&store, &[good.clone(), bad.clone()], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: front matter line 3: language: 'tiếng Việt' is not a BCP 47 language tag (for example vi or en-GB)",
            bad.display()
        )
    );
    assert!(store.list_articles().unwrap().is_empty());
    assert_eq!(snapshot_files(&path), before);

    // A slug conflict is only found while saving; the batch still rolls back whole.
    let first = write(
        dir.path(),
        "first.md",
        "---\nheadline: Một\nslug: trung\n---\n",
    );
    let second = write(
        dir.path(),
        "second.md",
        "---\nheadline: Hai\n\nslug: trung\n---\n",
    );
    let err = import_paths(&store, &[first, second.clone()], None).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}: front matter line 4: slug: 'trung' is already the slug",
            second.display()
        )),
        "{err}"
    );
    assert!(store.list_articles().unwrap().is_empty());
}

#[test]
fn folders_import_sorted_and_an_id_updates_its_article() {
    let (dir, _path, store) = empty_library();
    let samples = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/related"
    ));
    let report = import_paths(&store, &[samples], None).unwrap();
    let sources: Vec<_> = report
        .iter()
        .map(|a| a.source.rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(sources, vec!["hoi-nong-dan.md", "lop-ky-nang-so.md"]);
    assert!(report.iter().all(|a| a.saved == Saved::Created));

    let id = report[0].id;
    let file = write(
        dir.path(),
        "sua.md",
        &format!(
            "---\nid: {id}\nheadline: Tiêu đề đã sửa\nslug: tien-lang-tong-ket-to-hop-tac-rau-an-toan\n---\nMới.\n"
        ),
    );
    let again = import_paths(&store, &[file], None).unwrap();
    assert_eq!(again[0].id, id);
    assert_eq!(again[0].saved, Saved::Updated);
    let article = store.article(&id.to_string()).unwrap();
    assert_eq!(article.headline, "Tiêu đề đã sửa");
    assert_eq!(article.body, "Mới.");
    assert_eq!(store.list_articles().unwrap().len(), 2);
}

#[test]
fn an_empty_folder_is_an_error() {
    let (dir, _path, store) = empty_library();
    let empty = dir.path().join("trong");
    std::fs::create_dir(&empty).unwrap();
    let err = import_paths(&store, &[empty], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "import: no .md article files in the given folders"
    );
}
