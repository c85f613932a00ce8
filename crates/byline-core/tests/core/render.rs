//! Snapshots of the Markdown pipeline. A change in comrak, ammonia or our
//! options shows up here as a diff to review (`cargo insta review`).

use byline_core::{ArticleDraft, render};
use insta::assert_snapshot;

#[test]
fn commonmark_and_gfm() {
    assert_snapshot!(render::markdown(
        "## Những việc làm cụ thể\n\n- Mở lớp *hướng dẫn*\n- Lập **nhóm**\n\n> Trích dẫn\n\n1. một\n2. hai\n"
    ));
    assert_snapshot!(render::markdown(
        "| Chỉ tiêu | 2022 | 2023 |\n|:---|---:|:---:|\n| Hồ sơ | 18% | trên 50% |\n"
    ));
    assert_snapshot!(render::markdown(
        "~~cũ~~ mới, xem https://example.vn và <https://example.vn/a>"
    ));
    assert_snapshot!(render::markdown(
        "Tài trợ.[^1]\n\n[^1]: Một doanh nghiệp viễn thông.\n"
    ));
}

#[test]
fn raw_html_never_passes() {
    let html = render::markdown(
        "<script>alert(1)</script>\n\nChữ <b onclick=\"x()\">đậm</b> <img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil\"></iframe>\n",
    );
    for forbidden in ["<script", "onclick", "onerror", "<iframe", "<b"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert_snapshot!(html);
}

#[test]
fn dangerous_links_are_removed() {
    let html = render::markdown(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=)\n\n![e](data:image/png;base64,iVBORw0KGgo=) [f](https://ok.vn) [g](media/anh.jpg)\n",
    );
    for forbidden in ["javascript", "JaVaScRiPt", "vbscript", "data:"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(html.contains("href=\"https://ok.vn\""), "{html}");
    assert!(html.contains("href=\"media/anh.jpg\""), "{html}");
    assert_snapshot!(html);
}

#[test]
fn the_article_fragment_has_the_newsroom_anatomy() {
    let (_dir, _path, store) = crate::empty_library();
    let article = store
        .create_article(ArticleDraft {
            headline: "Xã <An Thịnh> & “Dân vận khéo”".into(),
            sapo: "Sáng 14/3, hội nghị <b>ra mắt</b>.".into(),
            body: "Theo kế hoạch, mỗi thôn…\n\n## Cụ thể\n\nMột tổ công nghệ số.".into(),
            byline: "Duy Huy".into(),
            keywords: vec!["dân vận khéo".into(), "chuyển đổi số".into()],
            published_at: Some(byline_core::text::parse_time("2022-12-06T00:00:00+07:00").unwrap()),
            editor_note: "Kiểm tra lại số liệu.".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let html = render::article_fragment(&article, &render::app_photo_src);
    assert!(
        !html.contains("Kiểm tra lại"),
        "the editor's note is internal"
    );
    assert_snapshot!(html);
}
