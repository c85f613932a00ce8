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

/// Every vector of the E2E corpus (`e2e/hostile-vectors.json`: script tags,
/// event handlers, javascript:/data: URLs, SVG, MathML, CSS, frames…) comes
/// out of the pipeline as inert markup, here at `cargo test` speed; the E2E
/// journeys then show the same in the app's webview and in Chromium.
#[test]
fn every_hostile_vector_renders_inert() {
    #[derive(serde::Deserialize)]
    struct Vector {
        name: String,
        text: String,
    }
    let vectors: Vec<Vector> = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../e2e/hostile-vectors.json"
    )))
    .unwrap();
    assert!(vectors.len() >= 60, "{} vectors", vectors.len());
    let mut problems = Vec::new();
    for v in &vectors {
        for p in inert_markup_problems(&render::markdown(&v.text)) {
            problems.push(format!("{}: {p}", v.name));
        }
    }
    // Every text field at once, through the article template.
    let (_dir, _path, store) = crate::empty_library();
    let all = vectors
        .iter()
        .map(|v| v.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let article = store
        .create_article(ArticleDraft {
            headline: all.clone(),
            sapo: all.clone(),
            body: all.clone(),
            byline: all.clone(),
            keywords: vectors.iter().map(|v| v.text.clone()).collect(),
            category: all.clone(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let fragment = render::article_fragment(&article, &render::app_photo_src);
    for p in inert_markup_problems(&fragment) {
        problems.push(format!("the article fragment: {p}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What in sanitised HTML could run or load something: an element or an
/// attribute outside what the template and the sanitiser make, or a URL
/// whose scheme is not http(s), mailto or tel. The serialiser writes every
/// `<` of text and of attribute values as `&lt;`, and every attribute as
/// `name="value"`, so a `<` is a tag and the attributes can be read one by
/// one.
fn inert_markup_problems(html: &str) -> Vec<String> {
    const TAGS: &[&str] = &[
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "time",
        "strong",
        "em",
        "del",
        "figure",
        "img",
        "figcaption",
        "span",
        "div",
        "section",
        "ul",
        "ol",
        "li",
        "a",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "hr",
        "br",
    ];
    const ATTRIBUTES: &[&str] = &[
        "href", "src", "alt", "title", "id", "class", "align", "lang", "rel", "datetime", "start",
    ];
    let mut problems = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag = &rest[open + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let inside = &tag[..end];
        rest = &tag[end..];
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let name_end = inside
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inside.len());
        let name = &inside[..name_end];
        if !TAGS.contains(&name) {
            problems.push(format!("<{name}>"));
        }
        let mut attributes = &inside[name_end..];
        while let Some(eq) = attributes.find("=\"") {
            let attribute = attributes[..eq].trim();
            let value_start = eq + 2;
            let value_len = attributes[value_start..]
                .find('"')
                .unwrap_or(attributes.len() - value_start);
            let value = &attributes[value_start..value_start + value_len];
            attributes = &attributes[(value_start + value_len + 1).min(attributes.len())..];
            if !ATTRIBUTES.contains(&attribute) {
                problems.push(format!("<{name} {attribute}>"));
            }
            if matches!(attribute, "href" | "src") {
                // As a browser reads a URL: tabs and newlines anywhere and
                // leading controls and spaces do not count.
                let url: String = value
                    .trim_start_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
                    s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
                if let Some(scheme) = scheme
                    && !["http", "https", "mailto", "tel"].contains(&scheme)
                {
                    problems.push(format!("<{name} {attribute}=\"{value}\">"));
                }
            }
        }
    }
    problems
}

#[test]
fn the_inert_markup_check_finds_live_markup() {
    // The check above passes only because there is nothing to find.
    let found = inert_markup_problems(
        "<p><img src=\"x\" onerror=\"alert(1)\"><a href=\" java\tscript:alert(1)\">x</a><svg></svg><a href=\"data:text/html,x\">y</a></p>",
    );
    assert_eq!(
        found,
        [
            "<img onerror>",
            "<a href=\" java\tscript:alert(1)\">",
            "<svg>",
            "<svg>",
            "<a href=\"data:text/html,x\">",
        ]
    );
}

/// A page loads nothing from elsewhere: a picture on the web is shown as a
/// link to it (named by its alt text, or by its address), never fetched.
#[test]
fn a_picture_on_the_web_becomes_a_link_to_it() {
    let html = render::markdown(
        "![Biểu đồ](https://example.com/chart.png)\n\nXem ![](//cdn.example.com/x.gif) tại đây.\n",
    );
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains(
            r#"<a href="https://example.com/chart.png" rel="noopener noreferrer">Biểu đồ</a>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="//cdn.example.com/x.gif" rel="noopener noreferrer">//cdn.example.com/x.gif</a>"#),
        "{html}"
    );
}

/// Every spelling a browser reads as another host is a link, never an
/// `<img>`: backslashes, leading spaces and tabs, a scheme with no slashes,
/// upper case, and mixes of them. Before the URL was parsed as a browser
/// parses it, `/\evil.example/p.png` became `<img src="/\evil.example/p.png">`
/// and the page loaded evil.example.
#[test]
fn every_spelling_of_another_host_is_a_link_not_an_image() {
    let spellings = [
        r"/\evil.example/p.png",
        r"\\evil.example/p.png",
        r"\/evil.example/p.png",
        " //evil.example/p.png",
        "\t//evil.example/p.png",
        "HTTPS://evil.example/p.png",
        "http:evil.example/p.png",
        r"http:\\evil.example/p.png",
        r"/\/evil.example/p.png",
    ];
    for spelling in spellings {
        assert_eq!(
            render::image_target(spelling),
            render::ImageTarget::Web,
            "{spelling:?}"
        );
        // Markdown reads `\\` as one backslash: written so that comrak
        // hands the renderer exactly the spelling.
        let written = spelling.replace('\\', r"\\");
        let md = format!("![x](<{written}>)\n\nXem ![y](<{written}>) tại đây.\n");
        let html = render::markdown(&md);
        assert!(!html.contains("<img"), "{spelling:?} gave {html}");
        assert!(html.contains(">x</a>"), "{spelling:?} gave {html}");
    }
}

/// What stays an image is a file beside the article, written so that no
/// browser reads it as anything else; a path out of the article's folder,
/// or an address with another scheme, is only its alt text.
#[test]
fn a_local_image_is_a_path_in_the_article_folder() {
    use render::ImageTarget::{Local, Other};
    assert_eq!(
        render::image_target("media/a.jpg"),
        Local("./media/a.jpg".into())
    );
    assert_eq!(
        render::image_target("./ảnh 1.jpg"),
        Local("./%E1%BA%A3nh%201.jpg".into())
    );
    // Empty path segments stay a path: `./` keeps `//` from reading as a host.
    assert_eq!(
        render::image_target(".///evil.example/x"),
        Local(".///evil.example/x".into())
    );
    for outside in [
        "/etc/passwd.png",
        "../x.png",
        "file:///etc/x.png",
        "javascript:alert(1)",
        "data:image/png;base64,AA",
        "http://[bad/x.png",
        // Same scheme as the page, so a path on it, but another host on a
        // page served over http: nothing is loaded either way.
        "https:/evil.example/p.png",
    ] {
        assert_eq!(render::image_target(outside), Other, "{outside:?}");
    }
    let html = render::markdown("![Ngoài](media/khac.jpg)\n\n![Trốn](../../bi-mat.png)\n");
    assert!(
        html.contains(r#"<img src="./media/khac.jpg" alt="Ngoài">"#),
        "{html}"
    );
    assert!(!html.contains("bi-mat"), "{html}");
}
