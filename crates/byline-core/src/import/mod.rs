//! Bringing articles into the library. Everything is read and checked first
//! (article files, then the photo files they name), then saved in one
//! transaction: a bad file leaves the library as it was.

pub mod front_matter;
pub mod package;

use std::path::{Path, PathBuf};

use crate::{
    article::{ArticleId, PlacementInput},
    error::{CoreError, Result},
    photo,
    store::{Incoming, Saved, Store},
    workflow::Actor,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: ArticleId,
    pub saved: Saved,
    pub source: String,
}

/// Imports `.md` files, and every `.md` file under the given folders (sorted by
/// path, hidden entries skipped). Photo paths are relative to their article file.
/// `actor`, when given, is recorded as the author of the revision each
/// article gets on import.
pub fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    actor: Option<&Actor>,
) -> Result<Vec<Imported>> {
    let mut files = Vec::new();
    for path in paths {
        collect_md(path, true, &mut files)?;
    }
    if files.is_empty() {
        return Err(CoreError::invalid(
            "import",
            "no .md article files in the given folders",
        ));
    }
    let mut articles = Vec::new();
    for file in &files {
        let source = file.display().to_string();
        let content = read_article_file(file)?;
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let dir = dir.canonicalize().map_err(|e| CoreError::io(dir, e))?;
        articles.push((source, content, dir));
    }
    import_texts(
        store,
        articles.iter().map(|(source, content, dir)| {
            let read = move |name: &str| photo_in_folder(dir, name);
            (source.as_str(), content.as_str(), read)
        }),
        actor,
    )
}

/// Reads an article file: a regular file of at most
/// [`front_matter::MAX_ARTICLE_BYTES`], checked before it is read.
fn read_article_file(file: &Path) -> Result<String> {
    use std::io::Read;
    let refuse = |message: String| CoreError::ArticleFile {
        file: file.display().to_string(),
        line: None,
        message,
    };
    let opened = std::fs::File::open(file).map_err(|e| CoreError::io(file, e))?;
    let meta = opened.metadata().map_err(|e| CoreError::io(file, e))?;
    if !meta.is_file() {
        return Err(refuse(
            "not a regular file (a device or a pipe), so it was not read".into(),
        ));
    }
    let limit = front_matter::MAX_ARTICLE_BYTES as u64;
    let too_large = |len: u64| {
        refuse(format!(
            "{len} bytes; an article file may be at most {limit} bytes"
        ))
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    opened
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CoreError::io(file, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        refuse(format!(
            "not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to() + 1
        ))
    })
}

/// Reads the photo an article file names, `name` relative to the article's
/// folder `dir` (canonical). However the name is written (absolute, `..`, a
/// symbolic link, a link to a link), the file it reaches must be a regular
/// file in `dir` or below it: an article file from outside cannot make Byline
/// read, keep and pass on any other file on the machine.
fn photo_in_folder(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    let real = path.canonicalize().map_err(|e| CoreError::io(&path, e))?;
    if !real.starts_with(dir) {
        return Err(CoreError::Photo {
            file: name.to_owned(),
            message: format!(
                "is outside the article's folder ({}); a photo must be in that folder or below it, so it was not read",
                dir.display()
            ),
        });
    }
    photo::read_file(&real).map_err(|e| match e {
        // Name it as the article does, not by where it led.
        CoreError::Photo { message, .. } => CoreError::Photo {
            file: name.to_owned(),
            message,
        },
        other => other,
    })
}

/// Imports article texts; `read` fetches a photo file an article names
/// (relative to that article). Used by files on disk and by the samples
/// compiled into the app.
pub fn import_texts<'a, R>(
    store: &Store,
    articles: impl IntoIterator<Item = (&'a str, &'a str, R)>,
    actor: Option<&Actor>,
) -> Result<Vec<Imported>>
where
    R: Fn(&str) -> Result<Vec<u8>>,
{
    let mut batch = Vec::new();
    for (source, text, read) in articles {
        let parsed = front_matter::parse(source, text)?;
        batch.push(with_photos(parsed, &read)?);
    }
    let sources: Vec<String> = batch.iter().map(|i| i.source.clone()).collect();
    Ok(store
        .save_incoming(batch, actor)?
        .into_iter()
        .zip(sources)
        .map(|((id, saved), source)| Imported { id, saved, source })
        .collect())
}

/// Reads and checks the photo files of a parsed article and makes its
/// placements. Caption and credit the file leaves empty come from the photo's
/// embedded XMP or IPTC.
pub(crate) fn with_photos(
    parsed: front_matter::ParsedArticle,
    read: &dyn Fn(&str) -> Result<Vec<u8>>,
) -> Result<Incoming> {
    let mut incoming = parsed.incoming;
    for request in parsed.photos {
        let in_article = |message: String| CoreError::ArticleFile {
            file: incoming.source.clone(),
            line: request.line,
            message,
        };
        // Messages name what the file says: the entry's `file`, and its
        // `path` when the bytes come from there.
        let what = match (request.line, &request.path) {
            (Some(_), Some(path)) => format!("photos: {} (path {path})", request.file),
            (Some(_), None) => format!("photos: {}", request.file),
            (None, _) => format!("body image {}", request.file),
        };
        let bytes =
            read(request.path.as_deref().unwrap_or(&request.file)).map_err(|e| match e {
                CoreError::Io { source, .. } => in_article(format!("{what}: {source}")),
                CoreError::Photo { message, .. } => in_article(format!("{what}: {message}")),
                other => other,
            })?;
        let info = photo::inspect(&request.file, &bytes).map_err(|e| match e {
            CoreError::Photo { message, .. } => in_article(format!("{what}: {message}")),
            other => other,
        })?;
        incoming.draft.photos.push(PlacementInput {
            sha256: info.sha256.clone(),
            file: request.file,
            caption: request
                .caption
                .or_else(|| info.caption.clone())
                .unwrap_or_default(),
            credit: request
                .credit
                .or_else(|| info.creator.clone())
                .unwrap_or_default(),
            alt: request.alt,
            featured: request.featured,
        });
        incoming.photo_files.push((info, bytes));
    }
    Ok(incoming)
}

fn collect_md(path: &Path, named: bool, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| CoreError::io(path, e))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .map_err(|e| CoreError::io(path, e))?;
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                collect_md(&entry, false, out)?;
            }
        }
    } else if named
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    {
        // A file named on the command line is read whatever its extension.
        out.push(path.to_owned());
    }
    Ok(())
}

/// Imports an export package (`.zip`): checks everything in it first
/// ([`package::read`]), then saves it in one transaction (see
/// `Store::import_package` for what happens to an article the library
/// already holds). `actor` names the revisions the import makes.
pub fn import_package(
    store: &Store,
    path: &Path,
    actor: &Actor,
) -> Result<(ArticleId, crate::store::Outcome)> {
    save_package(store, package::read(path)?, actor)
}

/// [`import_package`] of a package's bytes (the app reads the file the
/// person chose); `source` names it in messages.
pub fn import_package_bytes(
    store: &Store,
    source: &str,
    bytes: &[u8],
    actor: &Actor,
) -> Result<(ArticleId, crate::store::Outcome)> {
    save_package(store, package::read_bytes(source, bytes)?, actor)
}

fn save_package(
    store: &Store,
    contents: package::PackageContents,
    actor: &Actor,
) -> Result<(ArticleId, crate::store::Outcome)> {
    let media = &contents.media;
    let read = |name: &str| {
        media.get(name).cloned().ok_or_else(|| CoreError::Package {
            file: contents.source.clone(),
            entry: Some(name.to_owned()),
            message: "the article names this photo, but the package does not hold it".into(),
        })
    };
    let article = with_photos(contents.article.clone(), &read)?;
    store.import_package(
        crate::store::IncomingPackage {
            source: contents.source.clone(),
            article,
            revision: contents.manifest.revision.clone(),
            base_revision: contents.manifest.base_revision.clone(),
            log: contents.handoff.clone(),
        },
        actor,
    )
}
