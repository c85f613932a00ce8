//! Bringing articles into the library. Everything is read and checked first
//! (article files, then the photo files they name), then saved in one
//! transaction: a bad file leaves the library as it was.

pub mod front_matter;
pub mod package;

use std::path::{Path, PathBuf};

use crate::{
    article::{ArticleId, PlacementInput},
    error::{Arg, CoreError, Message, Result},
    msg, photo,
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
        return Err(CoreError::invalid("import", msg!("importNoFiles")));
    }
    // Each photo is checked and let go; the save reads it again from where
    // it was found (and checks that it is still the same photo), so that a
    // folder of articles with hundreds of large photos is never in memory.
    let mut batch = Vec::new();
    let mut photos: Vec<photo::PhotoInfo> = Vec::new();
    let mut found: std::collections::HashMap<String, PathBuf> = Default::default();
    for file in &files {
        let source = file.display().to_string();
        let content = read_article_file(file)?;
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let dir = dir.canonicalize().map_err(|e| CoreError::io(dir, e))?;
        let parsed = front_matter::parse(&source, &content)?;
        let last_read = std::cell::RefCell::new(PathBuf::new());
        batch.push(placements(
            parsed,
            &mut |name| {
                let (path, bytes) = photo_in_folder(&dir, name)?;
                *last_read.borrow_mut() = path;
                Ok(bytes)
            },
            &mut |info, _bytes| {
                found
                    .entry(info.sha256.clone())
                    .or_insert_with(|| last_read.borrow().clone());
                photos.push(info);
            },
        )?);
    }
    let sources: Vec<String> = batch.iter().map(|i| i.source.clone()).collect();
    let saved = store.save_incoming_reading(
        batch,
        &photos,
        &mut |info| {
            let path = &found[&info.sha256];
            let bytes = photo::read_file(path)?;
            if photo::sha256_hex(&bytes) != info.sha256 {
                return Err(CoreError::Photo {
                    file: path.display().to_string(),
                    message: msg!("photoChangedDuringImport"),
                });
            }
            Ok(bytes)
        },
        actor,
    )?;
    Ok(saved
        .into_iter()
        .zip(sources)
        .map(|((id, saved), source)| Imported { id, saved, source })
        .collect())
}

/// Reads an article file: a regular file of at most
/// [`crate::article::MAX_FILE_BYTES`], checked before it is read.
fn read_article_file(file: &Path) -> Result<String> {
    use crate::bounded_file::{self, Refusal};
    let refuse = |message: Message| CoreError::ArticleFile {
        file: file.display().to_string(),
        line: None,
        message,
    };
    let limit = crate::article::MAX_FILE_BYTES;
    let bytes = bounded_file::read(file, limit).map_err(|e| match e {
        Refusal::NotRegular => refuse(msg!("fileNotRegular")),
        Refusal::TooLarge(len) => refuse(msg!("articleFileTooLarge", size = len, max = limit)),
        Refusal::Io(e) => CoreError::io(file, e),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        refuse(msg!(
            "articleFileNotUtf8",
            byte = e.utf8_error().valid_up_to() + 1
        ))
    })
}

/// Reads the photo an article file names, `name` relative to the article's
/// folder `dir` (canonical). However the name is written (absolute, `..`, a
/// symbolic link, a link to a link), the file it reaches must be a regular
/// file in `dir` or below it: an article file from outside cannot make Byline
/// read, keep and pass on any other file on the machine.
fn photo_in_folder(dir: &Path, name: &str) -> Result<(PathBuf, Vec<u8>)> {
    let path = dir.join(name);
    let real = path.canonicalize().map_err(|e| CoreError::io(&path, e))?;
    if !real.starts_with(dir) {
        return Err(CoreError::Photo {
            file: name.to_owned(),
            message: msg!("photoOutsideFolder", folder = dir),
        });
    }
    let bytes = photo::read_file(&real).map_err(|e| match e {
        // Name it as the article does, not by where it led.
        CoreError::Photo { message, .. } => CoreError::Photo {
            file: name.to_owned(),
            message,
        },
        other => other,
    })?;
    Ok((real, bytes))
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
    let mut files = Vec::new();
    let mut incoming = placements(parsed, &mut |name| read(name), &mut |info, bytes| {
        files.push((info, bytes));
    })?;
    incoming.photo_files = files;
    Ok(incoming)
}

/// [`with_photos`], each photo file read with `read` and handed to `keep`
/// once checked, one at a time: `keep` decides whether its bytes stay in
/// memory.
fn placements(
    parsed: front_matter::ParsedArticle,
    read: &mut dyn FnMut(&str) -> Result<Vec<u8>>,
    keep: &mut dyn FnMut(photo::PhotoInfo, Vec<u8>),
) -> Result<Incoming> {
    let mut incoming = parsed.incoming;
    for request in parsed.photos {
        // Messages name what the file says: the entry's `file`, and its
        // `path` when the bytes come from there.
        let in_article = |problem: Arg| CoreError::ArticleFile {
            file: incoming.source.clone(),
            line: request.line,
            message: match (request.line, &request.path) {
                (Some(_), Some(path)) => {
                    msg!(
                        "importPhotoPathProblem",
                        file = &request.file,
                        path,
                        problem
                    )
                }
                (Some(_), None) => msg!("importPhotoProblem", file = &request.file, problem),
                (None, _) => msg!("importBodyImageProblem", file = &request.file, problem),
            },
        };
        let bytes =
            read(request.path.as_deref().unwrap_or(&request.file)).map_err(|e| match e {
                CoreError::Io { source, .. } => in_article(source.to_string().into()),
                CoreError::Photo { message, .. } => in_article(message.into()),
                other => other,
            })?;
        let info = photo::inspect(&request.file, &bytes).map_err(|e| match e {
            CoreError::Photo { message, .. } => in_article(message.into()),
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
        keep(info, bytes);
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

/// Checks the package's photos one at a time, keeping only what
/// `photo::inspect` found, then saves: each photo is read from the package
/// again when it is saved, inside the import's one transaction, so that a
/// package of 500 photos never has more than one in memory.
fn save_package<R: std::io::Read + std::io::Seek>(
    store: &Store,
    mut contents: package::PackageContents<R>,
    actor: &Actor,
) -> Result<(ArticleId, crate::store::Outcome)> {
    let mut photos: Vec<photo::PhotoInfo> = Vec::new();
    let article = placements(
        contents.article.clone(),
        &mut |name| contents.media_bytes(name),
        &mut |info, _bytes| {
            if !photos.iter().any(|p| p.sha256 == info.sha256) {
                photos.push(info);
            }
        },
    )
    // A photo refused names the package, and article.md inside it.
    .map_err(|e| match e {
        CoreError::ArticleFile {
            file,
            line,
            message,
        } => CoreError::Package {
            file: contents.source.clone(),
            entry: Some(file),
            message: match line {
                Some(line) => msg!("frontMatterLine", line, message),
                None => message,
            },
        },
        other => other,
    })?;
    // Media files by content: the manifest's SHA-256 of a photo is the one
    // inspect found, both of the same checked bytes.
    let paths: std::collections::BTreeMap<String, String> = contents
        .media
        .iter()
        .map(|(path, file)| (file.sha256.clone(), path.clone()))
        .collect();
    let source = contents.source.clone();
    let revision = contents.manifest.revision.clone();
    let base_revision = contents.manifest.base_revision.clone();
    let log = contents.handoff.take();
    store.import_package(
        crate::store::IncomingPackage {
            source,
            article,
            photos,
            read_photo: &mut |info| match paths.get(&info.sha256) {
                Some(path) => contents.media_bytes(path),
                None => Err(CoreError::invalid(
                    "package",
                    msg!("packageNoMediaForPhoto", sha256 = &info.sha256),
                )),
            },
            revision,
            base_revision,
            log,
        },
        actor,
    )
}
