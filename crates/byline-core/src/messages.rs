//! Words for people. A [`Message`] (a catalogue key and the values of its
//! placeholders) is rendered here in Vietnamese or English from the
//! catalogue in `messages/` at the top of the repository, the same files the
//! UI shows its own strings from, embedded at compile time. [`CoreError`]
//! gets its words ([`CoreError::message`]) and its English `Display` here, so
//! `?`-chains, logs and the CLI read as before, and the app can send the key
//! and values across IPC for the UI to render in its own language.
//!
//! A template's `{name}` is replaced by the value of `name`; a nested
//! message is rendered in the same language; a placeholder without a value
//! stays as it is written, so a mistake shows instead of vanishing. A key
//! missing in a language falls back to English, then to the key itself. The
//! test at the bottom keeps every key that Rust code names (the core's, the
//! CLI's and the app's `msg!`s) in both catalogues, with exactly the
//! placeholders each place that builds it fills.

use std::{collections::HashMap, fmt, sync::LazyLock};

use crate::{
    error::{Arg, CoreError, Message},
    msg,
};

const VI: &str = include_str!("../../../messages/vi.json");
const EN: &str = include_str!("../../../messages/en.json");

/// The languages Byline speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// The newsroom's working language, and the UI's default.
    Vi,
    /// What the CLI and logs say unless asked otherwise.
    #[default]
    En,
}

impl Lang {
    /// The language of a tag as the UI or the CLI names it: `en` (or any
    /// `en-…`) is English, anything else Vietnamese.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }
}

type Catalogue = HashMap<String, String>;

/// The catalogue's strings; lists (the UI's weekday and month names) are
/// not messages and are left out.
fn parse(json: &str) -> Catalogue {
    let all: HashMap<String, serde_json::Value> =
        serde_json::from_str(json).expect("messages/*.json is a JSON object (tested)");
    all.into_iter()
        .filter_map(|(key, value)| Some((key, value.as_str()?.to_owned())))
        .collect()
}

static VI_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| parse(VI));
static EN_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| parse(EN));

fn template(key: &'static str, lang: Lang) -> &'static str {
    let own = match lang {
        Lang::Vi => &*VI_CATALOGUE,
        Lang::En => &*EN_CATALOGUE,
    };
    own.get(key)
        .or_else(|| EN_CATALOGUE.get(key))
        .map(String::as_str)
        .unwrap_or(key)
}

/// `message` in `lang`.
pub fn render(message: &Message, lang: Lang) -> String {
    let mut out = String::new();
    let mut rest = template(message.key, lang);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after
            .find('}')
            .map(|close| &after[..close])
            .filter(|name| is_placeholder(name));
        match name.and_then(|name| Some((name, message.get(name)?))) {
            Some((name, value)) => {
                render_arg(value, lang, &mut out);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn render_arg(value: &Arg, lang: Lang, out: &mut String) {
    match value {
        Arg::Text(text) => out.push_str(text),
        Arg::Message(message) => out.push_str(&render(message, lang)),
        Arg::List(list) => {
            let rendered: Vec<String> = list.iter().map(|m| render(m, lang)).collect();
            out.push_str(&rendered.join("; "));
        }
    }
}

fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl CoreError {
    /// What went wrong, in words to render: a key of the catalogue and its
    /// values. The key is stable: the UI may branch on it.
    pub fn message(&self) -> Message {
        match self {
            CoreError::NotFound(key) => msg!("errorNotFound", key),
            CoreError::Invalid { field, message } => {
                msg!("errorInvalid", field = *field, message = message.clone())
            }
            CoreError::ArticleFile {
                file,
                line: Some(line),
                message,
            } => msg!(
                "errorArticleFile",
                file,
                message = msg!("frontMatterLine", line = *line, message = message.clone())
            ),
            CoreError::ArticleFile {
                file,
                line: None,
                message,
            } => msg!("errorArticleFile", file, message = message.clone()),
            CoreError::Photo { file, message } => {
                msg!("errorPhoto", file, message = message.clone())
            }
            CoreError::Package {
                file,
                entry: Some(entry),
                message,
            } => msg!("errorPackageEntry", file, entry, message = message.clone()),
            CoreError::Package {
                file,
                entry: None,
                message,
            } => msg!("errorPackage", file, message = message.clone()),
            CoreError::LibraryTooNew {
                path,
                found,
                supported,
            } => msg!(
                "errorLibraryTooNew",
                path,
                found = *found,
                supported = *supported
            ),
            CoreError::NotALibrary { path, reason } => {
                msg!("errorNotALibrary", path, reason = reason.clone())
            }
            CoreError::Io { path, source } => msg!("errorIo", path, source = source.to_string()),
            CoreError::Open { path, source } => {
                msg!("errorOpen", path, source = source.to_string())
            }
            CoreError::Blocked { findings } => msg!("errorBlocked", findings = findings.clone()),
            CoreError::ReadOnly { path } => msg!("errorReadOnly", path),
            CoreError::ReadOnlyOutdated { path, found: 0, .. } => {
                msg!("errorReadOnlyEmpty", path)
            }
            CoreError::ReadOnlyOutdated {
                path,
                found,
                supported,
            } => msg!(
                "errorReadOnlyOutdated",
                path,
                found = *found,
                supported = *supported
            ),
            CoreError::DiskFull { path } => msg!("errorDiskFull", path),
            CoreError::Sqlite(source) => msg!("errorSqlite", source = source.to_string()),
            CoreError::Migration(source) => msg!("errorMigration", source = source.to_string()),
        }
    }

    /// The error in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        render(&self.message(), lang)
    }
}

/// English, as the CLI prints it by default and logs record it.
impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use std::{collections::BTreeSet, path::Path};

    use super::*;

    #[test]
    fn an_error_reads_in_either_language_with_its_values_in_place() {
        let e = CoreError::ArticleFile {
            file: "bai.md".into(),
            line: Some(3),
            message: msg!("verbatim", text = "x"),
        };
        assert_eq!(e.to_string(), "bai.md: front matter line 3: x");
        assert!(
            e.render(Lang::Vi).starts_with("bai.md: "),
            "{}",
            e.render(Lang::Vi)
        );
        assert!(
            e.render(Lang::Vi).contains("dòng 3"),
            "{}",
            e.render(Lang::Vi)
        );
    }

    #[test]
    fn a_placeholder_without_a_value_stays_visible_and_braces_are_kept() {
        let m = Message::new("errorInvalid").arg("field", "slug");
        assert_eq!(render(&m, Lang::En), "slug: {message}");
        let unknown = Message::new("noSuchKey");
        assert_eq!(render(&unknown, Lang::Vi), "noSuchKey");
        // A library's words, as they are in every language.
        let io = Message::verbatim("Permission denied (os error 13)");
        assert_eq!(render(&io, Lang::Vi), "Permission denied (os error 13)");
        assert_eq!(render(&io, Lang::En), "Permission denied (os error 13)");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("EN-gb"), Lang::En);
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_tag("vi"), Lang::Vi);
        assert_eq!(Lang::from_tag(""), Lang::Vi);
    }

    /// A `msg!` invocation found in the source: its key and the names it fills.
    #[derive(Debug)]
    struct Use {
        file: String,
        key: String,
        names: BTreeSet<String>,
    }

    fn placeholders(template: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if let Some(close) = rest.find('}')
                && is_placeholder(&rest[..close])
            {
                out.insert(rest[..close].to_owned());
            }
        }
        out
    }

    /// Skips a string literal starting at `s[0] == '"'`; returns its length.
    fn string_literal(s: &str) -> usize {
        let mut escaped = false;
        for (i, c) in s.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return i + 1,
                _ => {}
            }
        }
        s.len()
    }

    /// The `msg!("key", a = …, b)` invocations of one source file, its
    /// tests left out.
    fn uses(file: &str, source: &str) -> Vec<Use> {
        let source = source
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or(source);
        // Comment lines (examples in doc comments) are not code.
        let code: String = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut out = Vec::new();
        for (at, _) in code.match_indices("msg!(") {
            let rest = code[at + 5..].trim_start();
            if !rest.starts_with('"') {
                continue; // the macro's own rules
            }
            let len = string_literal(rest);
            let key = rest[1..len - 1].to_owned();
            let mut names = BTreeSet::new();
            // Top-level, comma-separated `name` or `name = expr`.
            let (mut depth, mut i, mut start) = (0usize, len, true);
            let bytes = rest.as_bytes();
            while i < rest.len() {
                let c = bytes[i];
                match c {
                    b'"' => {
                        i += string_literal(&rest[i..]);
                        continue;
                    }
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' if depth == 0 => break,
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == b'_') => {
                        let name: String = rest[i..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        i += name.len();
                        names.insert(name);
                        start = false;
                        continue;
                    }
                    c if !c.is_ascii_whitespace() => start = false,
                    _ => {}
                }
                i += 1;
            }
            out.push(Use {
                file: file.to_owned(),
                key,
                names,
            });
        }
        out
    }

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }

    #[test]
    fn every_message_rust_names_is_in_both_catalogues_with_the_placeholders_it_fills() {
        // The core, and the shells that build messages of their own.
        let mut files = Vec::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["src", "../byline-cli/src", "../../src-tauri/src"] {
            sources(&root.join(dir), &mut files);
        }
        let all: Vec<Use> = files.iter().flat_map(|(f, s)| uses(f, s)).collect();
        assert!(all.len() > 20, "the scan found {} messages", all.len());
        let mut problems = Vec::new();
        for u in &all {
            for (lang, catalogue) in [("vi", &*VI_CATALOGUE), ("en", &*EN_CATALOGUE)] {
                match catalogue.get(&u.key) {
                    None => problems.push(format!("{}: '{}' is not in {lang}.json", u.file, u.key)),
                    Some(template) if placeholders(template) != u.names => problems.push(format!(
                        "{}: '{}' fills {:?}; {lang}.json has {:?}",
                        u.file,
                        u.key,
                        u.names,
                        placeholders(template)
                    )),
                    Some(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_scan_reads_names_and_shorthand_and_skips_nested_calls() {
        let found = uses(
            "x.rs",
            "let m = msg!(\"k\", file, line = f(a, \"b,c\"), why = g(msg!(\"inner\")));\n// msg!(\"doc\")",
        );
        let keys: Vec<&str> = found.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["k", "inner"]);
        let names: Vec<&str> = found[0].names.iter().map(String::as_str).collect();
        assert_eq!(names, ["file", "line", "why"]);
    }
}
