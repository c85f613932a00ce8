//! The only place where user text becomes markup. The app's preview and the
//! HTML export both call [`article_fragment`], so what the writer previews is
//! what gets published.
//!
//! Two gates: comrak, configured here and nowhere else, renders Markdown with raw
//! HTML and dangerous URLs dropped; ammonia then cleans the result against an
//! allow-list, so a comrak bug or a future option cannot let markup through.
//! Photos are the one exception to "every URL is checked": a body image whose
//! path names one of the article's photos is replaced, after the checks, by the
//! URL the caller chose for that photo (the app's `byline:` scheme in the
//! preview, a `data:` URI in an exported page).

use std::{
    borrow::Cow,
    collections::{HashMap, HashSet},
};

use askama::Template;
use comrak::{
    Arena, Options, format_html,
    nodes::{AstNode, NodeValue},
    parse_document,
};

use crate::{
    article::{Article, PhotoPlacement, RelatedArticle},
    text,
};

/// comrak's options: CommonMark plus GFM tables, strikethrough, autolinks and
/// footnotes; raw HTML is never passed through (`render.unsafe` stays false).
fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = false;
    options
}

/// URL schemes a link or image may use; relative URLs pass too. `javascript:`,
/// `vbscript:` and `data:` never do.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme the app serves stored photos on (`byline://localhost/photo/SHA`).
pub const PHOTO_SCHEME: &str = "byline";

/// Where the app's webview finds a stored photo, scaled to `width` when given.
pub fn app_photo_url(sha256: &str, width: Option<u32>) -> String {
    match width {
        Some(w) => format!("{PHOTO_SCHEME}://localhost/photo/{sha256}?w={w}"),
        None => format!("{PHOTO_SCHEME}://localhost/photo/{sha256}"),
    }
}

/// Width of photos in the preview, in pixels: sharp in the preview pane
/// without moving full-size files through the webview.
pub const PREVIEW_PHOTO_WIDTH: u32 = 1200;

/// The preview's choice of photo URLs.
pub fn app_photo_src(p: &PhotoPlacement) -> Option<String> {
    Some(app_photo_url(&p.sha256, Some(PREVIEW_PHOTO_WIDTH)))
}

/// A body image that stands for an article's photo points here until the
/// sanitiser has run; then it becomes the caller's URL for that photo.
const PHOTO_REF: &str = "byline-photo-ref/";

fn sanitizer(photo_urls: HashMap<String, String>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(URL_SCHEMES.iter().copied().collect())
        .add_tags(["section", "figure", "figcaption"])
        // Footnotes link to each other by id; tables keep their alignment.
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .allowed_classes(HashMap::from([
            ("section", HashSet::from(["footnotes"])),
            ("sup", HashSet::from(["footnote-ref"])),
            ("a", HashSet::from(["footnote-backref"])),
            ("span", HashSet::from(["credit"])),
        ]))
        // ammonia checks URL schemes before this filter runs, so what the filter
        // returns is not checked again: it only ever returns our photo URLs.
        .attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                ("img", "src") if value.starts_with(PHOTO_REF) => {
                    photo_urls.get(value).cloned().map(Cow::Owned)
                }
                // comrak empties a dangerous URL (`href=""`), which would still be
                // a link to the page itself; drop the attribute instead.
                (_, "href" | "src") if value.trim().is_empty() => None,
                _ => Some(value.into()),
            },
        )
        .strip_comments(true);
    b
}

/// Markdown to safe HTML, without photos.
pub fn markdown(md: &str) -> String {
    body_html(md, &[], &|_| None)
}

/// A photo in a `<figure>` with its caption and credit.
#[derive(Template)]
#[template(
    source = r#"<figure{% if let Some(c) = class %} class="{{ c }}"{% endif %}><img src="{{ src }}" alt="{{ alt }}">
{%- if !caption.is_empty() || !credit.is_empty() %}<figcaption>{{ caption }}{% if !credit.is_empty() %}{% if !caption.is_empty() %} {% endif %}<span class="credit">{{ credit }}</span>{% endif %}</figcaption>{% endif -%}
</figure>"#,
    ext = "html"
)]
struct Figure<'a> {
    class: Option<&'a str>,
    src: &'a str,
    alt: &'a str,
    caption: &'a str,
    credit: &'a str,
}

impl Figure<'_> {
    fn html(&self) -> String {
        self.render()
            .expect("the figure template only formats strings")
    }
}

/// Renders the body. A paragraph that holds nothing but an image becomes a
/// `<figure>`; an image that names one of `photos` takes its caption, credit
/// and alt text from it, and its URL from `photo_src`.
fn body_html(
    md: &str,
    photos: &[PhotoPlacement],
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
) -> String {
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options);
    let placement_of = |url: &str| photos.iter().position(|p| same_file(&p.file, url));

    let images: Vec<_> = root
        .descendants()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Image(_)))
        .collect();
    for node in images {
        let mut data = node.data.borrow_mut();
        let NodeValue::Image(link) = &mut data.value else {
            continue;
        };
        if let Some(i) = placement_of(&link.url) {
            link.url = format!("{PHOTO_REF}{i}");
            continue;
        }
        match image_target(&link.url) {
            ImageTarget::Web => {
                // A page loads nothing from elsewhere (no tracking pixel in a
                // published page or a mailed file): a picture on the web
                // becomes a link to it, named by its alt text, or by its
                // address.
                let link = link.clone();
                let text = link.url.clone();
                data.value = NodeValue::Link(link);
                drop(data);
                if node.first_child().is_none() {
                    node.append(arena.alloc(NodeValue::Text(text.into()).into()));
                }
            }
            // A path beside the article that names none of its photos: a
            // broken image the checklist reports, kept in the spelling no
            // browser can read as another host.
            ImageTarget::Local(path) => link.url = path,
            ImageTarget::Other => {
                // `javascript:`, `data:`, `file:`…: nothing to show but the
                // alt text (an `<img>` without a source is no valid HTML).
                let mut link = link.clone();
                link.url.clear();
                data.value = NodeValue::Link(link);
            }
        }
    }
    let standalone: Vec<_> = root
        .descendants()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Paragraph))
        .filter_map(|p| lone_image(p).map(|img| (p, img)))
        .collect();
    for (paragraph, image) in standalone {
        let (url, title) = match &image.data.borrow().value {
            NodeValue::Image(link) => (link.url.clone(), link.title.clone()),
            _ => continue,
        };
        let alt = plain_text(image);
        let placement = url
            .strip_prefix(PHOTO_REF)
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| photos.get(i));
        let figure = match placement {
            Some(p) => Figure {
                class: None,
                src: &url,
                alt: if p.alt.is_empty() { &alt } else { &p.alt },
                caption: &p.caption,
                credit: &p.credit,
            }
            .html(),
            None => Figure {
                class: None,
                src: &url,
                alt: &alt,
                caption: &title,
                credit: "",
            }
            .html(),
        };
        while let Some(child) = paragraph.first_child() {
            child.detach();
        }
        paragraph.data.borrow_mut().value = NodeValue::Raw(figure);
    }

    let mut html = String::new();
    format_html(root, &options, &mut html).expect("writing to a String cannot fail");
    let urls = photos
        .iter()
        .enumerate()
        .filter_map(|(i, p)| photo_src(p).map(|url| (format!("{PHOTO_REF}{i}"), url)))
        .collect();
    sanitizer(urls).clean(&html).to_string()
}

/// The image of a paragraph that holds only that image (and white space).
fn lone_image<'a>(paragraph: &'a AstNode<'a>) -> Option<&'a AstNode<'a>> {
    let mut image = None;
    for child in paragraph.children() {
        match &child.data.borrow().value {
            NodeValue::Image(_) if image.is_none() => image = Some(child),
            NodeValue::Text(t) if t.trim().is_empty() => {}
            NodeValue::SoftBreak | NodeValue::LineBreak => {}
            _ => return None,
        }
    }
    image
}

fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Where a body image's address points, decided the way a browser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageTarget {
    /// A file in the article's folder or below it (`media/a.jpg`,
    /// `./a.jpg`): one of its photos, or a broken reference. The path is
    /// given as `./…`, percent-encoded, which every browser reads as that
    /// file whatever page it is on.
    Local(String),
    /// Another host, over http or https. Shown as a link, never loaded, and
    /// needs no photo in the library.
    Web,
    /// Anything else: `javascript:`, `data:`, `file:`, a path out of the
    /// article's folder (`/etc/x.png`, `../x.png`), an address no browser
    /// can parse. Nothing to load.
    Other,
}

/// Where `url` points, parsed as the WHATWG URL standard says a browser
/// parses it, against a page of its own. Prefix checks are not enough:
/// browsers read `/\evil.example/x.png`, ` //evil.example`, `\\evil.example`
/// and `http:evil.example` as other hosts too.
pub fn image_target(url: &str) -> ImageTarget {
    const PAGE_HOST: &str = "article.byline.invalid";
    const FOLDER: &str = "/a/";
    let page = url::Url::parse(&format!("https://{PAGE_HOST}{FOLDER}"))
        .expect("the article's own page address parses");
    match page.join(url) {
        Ok(u) if u.scheme() == "https" && u.host_str() == Some(PAGE_HOST) => {
            match u.path().strip_prefix(FOLDER) {
                Some(path) if !path.is_empty() => {
                    let query = u.query().map(|q| format!("?{q}")).unwrap_or_default();
                    ImageTarget::Local(format!("./{path}{query}"))
                }
                _ => ImageTarget::Other,
            }
        }
        Ok(u) if matches!(u.scheme(), "http" | "https") => ImageTarget::Web,
        _ => ImageTarget::Other,
    }
}

/// Whether a body image path names a photo file: `./media/a.jpg` is
/// `media/a.jpg`, and `%20` is a space.
fn same_file(file: &str, url: &str) -> bool {
    let url = url.trim_start_matches("./");
    url == file || text::percent_decode(url).as_deref() == Some(file)
}

/// Every image the body uses, as written: what an import must bring in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub url: String,
    pub alt: String,
    pub title: String,
}

pub fn body_images(md: &str) -> Vec<BodyImage> {
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options);
    root.descendants()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Image(link) => Some(BodyImage {
                url: link.url.clone(),
                alt: plain_text(n),
                title: link.title.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// What the article shows as a reader sees it, in the order of a Vietnamese
/// news page: headline, dateline, sapo, featured photo, body, byline,
/// keywords and related articles. The editor's note is internal and never
/// appears here.
#[derive(Template)]
#[template(path = "article.html")]
struct ArticleFragment<'a> {
    article: &'a Article,
    dateline: Option<Dateline>,
    featured: Option<String>,
    body_html: String,
    /// Related articles the library holds; export leaves the others out.
    related: Vec<RelatedItem<'a>>,
    labels: Labels,
}

struct Dateline {
    iso: String,
    text: String,
}

struct RelatedItem<'a> {
    headline: &'a str,
    /// The store cuts it (`text::excerpt`, at most 160 characters).
    excerpt: &'a str,
    /// Its page on the website, when the website's address is known.
    href: Option<String>,
}

struct Labels {
    keywords: &'static str,
    related: &'static str,
    footnotes: &'static str,
}

/// The `<article>` element for the preview and for the exported page.
/// `photo_src` gives the URL of each photo (see [`app_photo_src`]).
pub fn article_fragment(
    article: &Article,
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
) -> String {
    fragment(article, photo_src, "")
}

/// The `<article>` element of a published page: [`article_fragment`], with
/// each related headline linking to its page under `base_url` (the website's
/// address, ending in `/`) when there is one.
pub fn published_fragment(
    article: &Article,
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
    base_url: &str,
) -> String {
    fragment(article, photo_src, base_url)
}

/// comrak puts footnotes in a `<section>` without a heading, which leaves a
/// screen reader's list of headings without them (and the HTML checker
/// warns). Raw HTML never reaches the body, so this tag can only be comrak's.
fn titled_footnotes(body: &str, title: &str) -> String {
    body.replacen(
        "<section class=\"footnotes\">",
        &format!("<section class=\"footnotes\">\n<h2 class=\"footnotes-title\">{title}</h2>"),
        1,
    )
}

/// Where the website shows the article with this slug: `{base_url}{slug}/`.
/// `None` without a base URL: a guessed address would be a broken link.
pub fn page_url(base_url: &str, slug: &str) -> Option<String> {
    if base_url.is_empty() || slug.is_empty() {
        return None;
    }
    let slash = if base_url.ends_with('/') { "" } else { "/" };
    Some(format!("{base_url}{slash}{slug}/"))
}

fn fragment(
    article: &Article,
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
    base_url: &str,
) -> String {
    let labels = if text::is_vietnamese(&article.language) {
        Labels {
            keywords: "Từ khóa",
            related: "Tin liên quan",
            footnotes: "Chú thích",
        }
    } else {
        Labels {
            keywords: "Keywords",
            related: "Related articles",
            footnotes: "Notes",
        }
    };
    let featured = article.featured_photo().and_then(|p| {
        let src = photo_src(p)?;
        Some(
            Figure {
                class: Some("featured"),
                src: &src,
                alt: &p.alt,
                caption: &p.caption,
                credit: &p.credit,
            }
            .html(),
        )
    });
    let fragment = ArticleFragment {
        article,
        dateline: article.published_at.map(|t| Dateline {
            iso: t.to_rfc3339(),
            text: text::dateline(&t, &article.language),
        }),
        featured,
        body_html: titled_footnotes(
            &body_html(&article.body, &article.photos, photo_src),
            labels.footnotes,
        ),
        related: article
            .related
            .iter()
            .filter_map(|r| r.resolved.as_ref())
            .map(|r: &RelatedArticle| RelatedItem {
                headline: &r.headline,
                excerpt: &r.excerpt,
                href: page_url(base_url, &r.slug),
            })
            .collect(),
        labels,
    };
    // askama escapes every value but `body_html`, which ammonia has just
    // cleaned, and `featured`, which the Figure template escaped.
    fragment
        .render()
        .expect("the article template only formats strings, which cannot fail")
}

/// The article's body alone as sanitised HTML (no headline, sapo or byline
/// around it): what an exchange format such as ninjs carries as the body.
/// Photos are replaced as in [`article_fragment`], with `photo_src` giving
/// each one's URL.
pub fn body_fragment(
    article: &Article,
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
) -> String {
    body_html(&article.body, &article.photos, photo_src)
}
