//! What the fuzz targets share: the HTML oracle of the `render` target, and
//! the zip builder of the `package` and `handoff` targets
//! ([`package_from_structured`]).
//!
//! [`check`] reads the HTML that `byline_core::render` (and the exported page)
//! produced the way a browser's tokenizer would (tags, attributes, quoted
//! values, comments, raw-text elements) and says what in it could run script:
//! a `<script>` (or another element that loads or runs code), an `on…`
//! attribute, a `style` attribute, or a URL attribute whose scheme is not one
//! the sanitiser allows (`javascript:`, `vbscript:`, `data:`, …), after
//! character references and the tabs and newlines a URL parser ignores are
//! taken out. Plain text that merely mentions `javascript:` or `onclick=` is
//! text, not markup, and is not a finding.

/// What is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Markup from `render`: the body, the article fragment. No script, no
    /// style, no head elements at all.
    Fragment,
    /// A whole exported page: its head has exactly one
    /// `<script type="application/ld+json">`, whose text must be JSON and
    /// cannot end the script early, and one `<style>`.
    Page,
}

/// Schemes a link or image may use (render.rs `URL_SCHEMES`).
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements that run or load code, or take over the page, wherever they are.
const DENIED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "template",
    "noscript",
    "plaintext",
    "xmp",
    "noembed",
    "noframes",
    "portal",
    "link",
    "meta",
    "title",
    "head",
    "html",
    "body",
];

/// Elements a page's head may have (and no fragment may).
const PAGE_ELEMENTS: &[&str] = &["html", "head", "body", "meta", "title", "link"];

/// Attributes that hold a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "longdesc", "usemap", "srcset"];

/// Attributes that never belong in Byline's output.
const DENIED_ATTRIBUTES: &[&str] = &[
    "style",
    "srcdoc",
    "formaction",
    "action",
    "xlink:href",
    "background",
    "dynsrc",
    "lowsrc",
    "poster",
    "ping",
    "data",
    "codebase",
    "http-equiv",
    "is",
];

/// Checks `html`; `photo_urls` are the URLs the caller gave for its photos
/// (the only `img src` that may use another scheme). The first problem found
/// is the error.
pub fn check(html: &str, mode: Mode, photo_urls: &[String]) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if mode == Mode::Fragment && lower.contains("<script") {
        return Err("`<script` in a fragment".into());
    }
    let b = lower.as_bytes();
    let mut scripts = 0;
    let mut styles = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        i = at + 1;
        match b.get(i) {
            Some(b'!') => {
                let rest = &lower[i..];
                if rest.starts_with("!--") {
                    // A comment ends at the first `-->`; the sanitiser strips
                    // them, so one in a fragment is already a finding.
                    if mode == Mode::Fragment {
                        return Err(format!("a comment at byte {at}"));
                    }
                    i = rest.find("-->").map_or(b.len(), |e| i + e + 3);
                } else if rest.starts_with("!doctype") && mode == Mode::Page && at == 0 {
                    i = skip_to_gt(b, i);
                } else {
                    return Err(format!("markup declaration `<!` at byte {at}"));
                }
            }
            Some(b'?') => return Err(format!("`<?` at byte {at}")),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                i = skip_to_gt(b, i);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, attributes, end) = start_tag(&lower, html, i)
                    .ok_or_else(|| format!("a tag that never closes at byte {at}"))?;
                i = end;
                let in_page = mode == Mode::Page && PAGE_ELEMENTS.contains(&tag.as_str());
                match tag.as_str() {
                    "script" if mode == Mode::Page => {
                        scripts += 1;
                        let ld_json = attributes
                            .iter()
                            .any(|(n, v)| n == "type" && v == "application/ld+json");
                        if !ld_json || attributes.len() != 1 {
                            return Err(format!("a script that is not JSON-LD at byte {at}"));
                        }
                        let close = lower[i..]
                            .find("</script")
                            .ok_or("a script that never closes")?;
                        let text = &html[i..i + close];
                        if text.contains("<!--") {
                            return Err("`<!--` inside the JSON-LD script".into());
                        }
                        serde_json::from_str::<serde_json::Value>(text)
                            .map_err(|e| format!("the JSON-LD script is not JSON ({e})"))?;
                        i += close;
                    }
                    "style" if mode == Mode::Page => {
                        styles += 1;
                        if !attributes.is_empty() {
                            return Err("a style element with attributes".into());
                        }
                        i += lower[i..]
                            .find("</style")
                            .ok_or("a style that never closes")?;
                    }
                    "title" if mode == Mode::Page => {
                        i += lower[i..]
                            .find("</title")
                            .ok_or("a title that never closes")?;
                    }
                    t if DENIED_ELEMENTS.contains(&t) && !in_page => {
                        return Err(format!("element <{t}> at byte {at}"));
                    }
                    _ => {}
                }
                for (name, value) in &attributes {
                    check_attribute(&tag, name, value, photo_urls)
                        .map_err(|e| format!("<{tag}> at byte {at}: {e}"))?;
                }
                // The page's head gives its address and photo as Open Graph
                // URLs: the website's, so http(s) or relative.
                let property = attributes.iter().find(|(n, _)| n == "property");
                if tag == "meta"
                    && property.is_some_and(|(_, p)| p == "og:url" || p == "og:image")
                    && let Some((_, content)) = attributes.iter().find(|(n, _)| n == "content")
                    && let Some(s) = scheme(content)
                    && !matches!(s.as_str(), "http" | "https")
                {
                    return Err(format!(
                        "<meta> at byte {at}: an Open Graph URL with scheme `{s}`"
                    ));
                }
            }
            // Any other `<` is text to a browser too.
            _ => {}
        }
    }
    if mode == Mode::Page && (scripts != 1 || styles != 1) {
        return Err(format!(
            "a page has one script and one style, not {scripts} and {styles}"
        ));
    }
    Ok(())
}

fn skip_to_gt(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'>')
        .map_or(b.len(), |p| from + p + 1)
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// A start tag whose name begins at `i`: its name, its attributes (name in
/// lower case, value decoded) and where the text after its `>` begins. `None`
/// when the input ends inside the tag.
#[allow(clippy::type_complexity)]
fn start_tag(
    lower: &str,
    html: &str,
    mut i: usize,
) -> Option<(String, Vec<(String, String)>, usize)> {
    let b = lower.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let tag = lower[start..i].to_owned();
    let mut attributes = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((tag, attributes, i + 1)),
            _ => {
                // The name: its first character may be `=`.
                let name_start = i;
                i += 1;
                while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                let name = lower[name_start..i].to_owned();
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                let mut value = String::new();
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && is_space(b[i]) {
                        i += 1;
                    }
                    match b.get(i)? {
                        &q @ (b'"' | b'\'') => {
                            let end = i + 1 + b[i + 1..].iter().position(|&c| c == q)?;
                            value = decode(&html[i + 1..end]);
                            i = end + 1;
                        }
                        _ => {
                            let from = i;
                            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                                i += 1;
                            }
                            value = decode(&html[from..i]);
                        }
                    }
                }
                attributes.push((name, value));
            }
        }
    }
}

/// Character references as a browser reads them in an attribute value: the
/// numeric ones and the named ones that could hide a scheme (generously:
/// names matched in any case).
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let after = if rest[end..].starts_with(';') {
            end + 1
        } else {
            end
        };
        let named = match name.to_ascii_lowercase().as_str() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match named {
            Some(c) => {
                out.push(c);
                rest = &rest[after..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of a URL as the WHATWG URL parser finds it (lower case), or
/// `None` for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let mut chars = url.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    for (i, c) in chars {
        match c {
            ':' => return Some(url[..i].to_ascii_lowercase()),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {}
            _ => return None,
        }
    }
    None
}

fn check_attribute(
    tag: &str,
    name: &str,
    value: &str,
    photo_urls: &[String],
) -> Result<(), String> {
    if name.starts_with("on") {
        return Err(format!("event handler attribute `{name}`"));
    }
    if DENIED_ATTRIBUTES.contains(&name) {
        return Err(format!("attribute `{name}`"));
    }
    if URL_ATTRIBUTES.contains(&name) {
        if name == "srcset" {
            return Err("attribute `srcset`".into());
        }
        if tag == "img" && name == "src" && photo_urls.iter().any(|u| u == value) {
            return Ok(());
        }
        // render.rs gives any other image a `./` path in the article's
        // folder, which no browser reads as another host (`/\\evil.example`,
        // ` //evil.example` and `http:evil.example` are).
        if tag == "img" && name == "src" && !value.starts_with("./") {
            return Err(format!("img src that is no photo and no ./ path: {value:?}"));
        }
        if let Some(s) = scheme(value)
            && !URL_SCHEMES.contains(&s.as_str())
        {
            return Err(format!("{name} with scheme `{s}`: {value:?}"));
        }
    }
    Ok(())
}

/// The oracle's own check, run once by each target that uses it: a fuzzer
/// whose oracle saw nothing would report nothing.
pub fn self_test() {
    let bad = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"/\\evil.example/p.png\">",
        "<img src=\"x\"\nonerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href='vbscript:x'>x</a>",
        "<img src=\"data:text/html,x\">",
        "<p style=\"position:fixed\">x</p>",
        "<iframe srcdoc=x></iframe>",
        "<svg><g/onload=alert(1)//",
        "<p><!-- x --></p>",
        "<a href=x",
    ];
    for html in bad {
        assert!(
            check(html, Mode::Fragment, &[]).is_err(),
            "the oracle missed {html:?}"
        );
    }
    let good = [
        "<p>javascript:alert(1) and onclick=x and &lt;script&gt; are text</p>",
        "<p><a href=\"https://example.vn/?a=1&amp;b=2\" title=\"javascript:\">x</a></p>",
        "<p><a href=\"media/x.jpg\">x</a> <a href=\"#fn-1\">1</a> <a href=\"mailto:a@b.vn\">m</a></p>",
        "<figure><img src=\"byline://localhost/photo/ab?w=1200\" alt=\"a > b\"></figure>",
        "<p>1 < 2</p>",
    ];
    for html in good {
        let photos = ["byline://localhost/photo/ab?w=1200".to_owned()];
        if let Err(e) = check(html, Mode::Fragment, &photos) {
            panic!("the oracle refused {html:?}: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_sees_what_runs_and_lets_text_be() {
        self_test();
    }
}

// ---- packages from structured input --------------------------------------------

use std::io::{Cursor, Write};

use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

/// Input that starts with this is a package in structured form, not a zip.
pub const STRUCTURED_PACKAGE: &[u8] = b"BYLFUZZ";

/// A package zip from structured input (after [`STRUCTURED_PACKAGE`]): a flags byte, then files as
/// `\n@@ NAME\nCONTENT`, each in the order given.
///
/// Flags: 1 the manifest is made here (every other file, with its size and
/// SHA-256; ids taken from a `manifest.json` file when it has them), else a
/// `manifest.json` file is taken as it is; 2 deflate, else store; 4 a
/// `media/` folder entry first; 8 the last file is a symbolic link to its
/// content; 16 the manifest lists the files unsorted.
pub fn package_from_structured(input: &[u8]) -> Option<Vec<u8>> {
    let (&flags, rest) = input.split_first()?;
    let mut files: Vec<(String, &[u8])> = split(rest, b"\n@@ ")
        .skip(1)
        .map(|record| {
            let nl = record
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(record.len());
            let content = record.get(nl + 1..).unwrap_or_default();
            (String::from_utf8_lossy(&record[..nl]).into_owned(), content)
        })
        .collect();
    let manifest;
    if flags & 1 != 0 {
        let given = files
            .iter()
            .find(|(n, _)| n == "manifest.json")
            .and_then(|(_, c)| serde_json::from_slice::<serde_json::Value>(c).ok())
            .unwrap_or_default();
        files.retain(|(n, _)| n != "manifest.json");
        let mut listed: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, content)| {
                serde_json::json!({
                    "path": name,
                    "size": content.len(),
                    "sha256": Sha256::digest(content)
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>(),
                })
            })
            .collect();
        if flags & 16 == 0 {
            listed.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
        }
        let text = |key: &str, default: &str| {
            given
                .get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or(default)
                .to_owned()
        };
        let value = serde_json::json!({
            "format": "byline-package",
            "format_version": 1,
            "app_version": text("app_version", "0.1.0"),
            "article_id": text("article_id", "0190a000-0000-7000-8000-000000000000"),
            "revision": text("revision", "0190a000-0000-7000-8000-000000000001"),
            "base_revision": given.get("base_revision").cloned().unwrap_or_default(),
            "files": listed,
        });
        manifest = serde_json::to_vec_pretty(&value).ok()?;
        files.insert(0, ("manifest.json".into(), &manifest));
    }

    let method = if flags & 2 != 0 {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    };
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    if flags & 4 != 0 {
        zip.add_directory("media/", options).ok()?;
    }
    let count = files.len();
    for (i, (name, content)) in files.into_iter().enumerate() {
        if flags & 8 != 0 && i + 1 == count {
            zip.add_symlink(name, String::from_utf8_lossy(content), options)
                .ok()?;
        } else {
            zip.start_file(name, options).ok()?;
            zip.write_all(content).ok()?;
        }
    }
    Some(zip.finish().ok()?.into_inner())
}

/// `bytes` cut at each `sep`.
fn split<'a>(bytes: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
