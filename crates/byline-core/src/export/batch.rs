//! Exporting many articles at once, in any format, with progress and a way
//! to stop: what `byline export` and the app's export dialog both run.
//!
//! Where things go. `out` is a folder, and each article gets its own name
//! in it, from its slug: `<slug>/index.html` (+ `<slug>/media/`) for `html`,
//! `<slug>.html`, `<slug>.zip`, `<slug>.ninjs.json`, and `<slug>.md` for `md`
//! (the photos of `md` and `ninjs` in the shared `media/` beside them, named
//! by content, so two articles never overwrite each other's, and where their
//! references point). One article is written to `out`
//! itself when `out` ends in the format's extension, and for `html` always
//! (the folder gets `index.html` and `media/`).
//!
//! Each file is written whole or not at all (`write_atomic`). Stopping
//! takes effect between two articles: what was written stays, complete.
//! The temporary files an earlier export left when it crashed are removed
//! from every folder this one writes to.

use std::{
    path::{Path, PathBuf},
    sync::atomic::{AtomicBool, Ordering},
};

use super::{
    article_file, html,
    media::{self, Outgoing, PhotoMetadata},
    ninjs, package,
};
use crate::{
    article::{Article, ArticleId},
    error::{CoreError, Message, Result},
    msg,
    package::media_path,
    render,
    store::Store,
    workflow::Actor,
};

/// The export formats. [`Format::ALL`] is the one list of them and
/// [`Format::as_str`] their one set of names: the `byline` command's
/// `--format` values and the app's `ExportFormat` are made from these, so
/// a format added here is offered everywhere (and its words are asked for
/// where it is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The page and a `media/` folder.
    Html,
    /// One self-contained page, photos inlined.
    HtmlSingle,
    /// A package for a website's CMS.
    Package,
    /// A package for another Byline library: with comments, moves and
    /// revisions (`comments.json`).
    Handoff,
    /// IPTC ninjs 3.1 JSON.
    Ninjs,
    /// The article file, with its photos.
    Md,
}

impl Format {
    /// Every format, in the order the export dialog and `--help` list them.
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::HtmlSingle,
        Format::Package,
        Format::Handoff,
        Format::Ninjs,
        Format::Md,
    ];

    /// The format's name: `--format` takes it, and it crosses IPC as it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::HtmlSingle => "html-single",
            Format::Package => "package",
            Format::Handoff => "handoff",
            Format::Ninjs => "ninjs",
            Format::Md => "md",
        }
    }

    /// The name one article gets in the output folder.
    fn name(self, slug: &str) -> String {
        match self {
            Format::Html => slug.to_owned(),
            Format::HtmlSingle => format!("{slug}.html"),
            Format::Package | Format::Handoff => format!("{slug}.zip"),
            Format::Ninjs => format!("{slug}.ninjs.json"),
            Format::Md => format!("{slug}.md"),
        }
    }

    /// The extension that makes `out` a file rather than a folder (`html`
    /// writes a folder).
    fn extension(self) -> Option<&'static str> {
        match self {
            Format::Html => None,
            Format::HtmlSingle => Some("html"),
            Format::Package | Format::Handoff => Some("zip"),
            Format::Ninjs => Some("json"),
            Format::Md => Some("md"),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| {
                let all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                CoreError::invalid(
                    "format",
                    msg!("exportFormatInvalid", format = s, all = all.join(", ")),
                )
            })
    }
}

/// Where a batch export is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Articles written so far.
    pub done: usize,
    pub total: usize,
    /// The headline of the article just written.
    pub headline: String,
}

/// What a batch export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every file or folder written, one per article, in order.
    pub written: Vec<PathBuf>,
    /// What had to be left out (unresolved related articles, missing
    /// photos), one message each, naming the article by its slug.
    pub warnings: Vec<Message>,
    /// Stopped before the end: `written` has what was done.
    pub cancelled: bool,
}

/// Exports `ids` in `format` to `out`, the photos as the library's setting
/// says (`export::media`). `actor` names the revision a package makes when
/// an article changed since its last one. `cancel` is read between
/// articles; `progress` hears after each.
pub fn export(
    store: &Store,
    ids: &[ArticleId],
    format: Format,
    out: &Path,
    actor: &Actor,
    cancel: &AtomicBool,
    progress: impl FnMut(&Progress),
) -> Result<Report> {
    let metadata = PhotoMetadata::of_library(store)?;
    export_with(store, ids, format, out, actor, metadata, cancel, progress)
}

/// [`export`], with the photos' metadata as `metadata` says.
#[allow(clippy::too_many_arguments)]
pub fn export_with(
    store: &Store,
    ids: &[ArticleId],
    format: Format,
    out: &Path,
    actor: &Actor,
    metadata: PhotoMetadata,
    cancel: &AtomicBool,
    mut progress: impl FnMut(&Progress),
) -> Result<Report> {
    if ids.is_empty() {
        return Err(CoreError::invalid("export", msg!("exportNothing")));
    }
    let single = ids.len() == 1
        && match format.extension() {
            None => true,
            Some(ext) => out.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)),
        };
    if !single {
        std::fs::create_dir_all(out).map_err(|e| CoreError::io(out, e))?;
    }
    let folder = match out.parent() {
        Some(parent) if single && format != Format::Html => {
            if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            }
        }
        _ => out,
    };
    for dir in [folder.to_owned(), folder.join("media")] {
        super::remove_stale_temporaries(&dir, super::STALE_TEMPORARY);
    }
    let mut report = Report::default();
    for (i, id) in ids.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let article = store.article(&id.to_string())?;
        let target = if single {
            out.to_owned()
        } else {
            out.join(format.name(&article.slug))
        };
        if format == Format::Html && !single {
            // Each article's own folder, as the loop reaches it.
            for dir in [target.clone(), target.join("media")] {
                super::remove_stale_temporaries(&dir, super::STALE_TEMPORARY);
            }
        }
        let warnings = export_one(store, &article, format, &target, actor, metadata)?;
        report.warnings.extend(
            warnings
                .into_iter()
                .map(|warning| msg!("exportWarningOf", slug = &article.slug, warning)),
        );
        report.written.push(target);
        progress(&Progress {
            done: i + 1,
            total: ids.len(),
            headline: article.headline.clone(),
        });
    }
    Ok(report)
}

fn export_one(
    store: &Store,
    article: &Article,
    format: Format,
    target: &Path,
    actor: &Actor,
    metadata: PhotoMetadata,
) -> Result<Vec<Message>> {
    match format {
        Format::Html => Ok(html::write_folder_with(store, article, target, metadata)?.warnings),
        Format::HtmlSingle => Ok(html::write_single(store, article, target)?.warnings),
        Format::Package => package::write_with(
            store,
            article.id,
            actor,
            package::PackageKind::Upload,
            target,
            metadata,
        ),
        Format::Handoff => package::write_with(
            store,
            article.id,
            actor,
            package::PackageKind::Handoff,
            target,
            metadata,
        ),
        Format::Ninjs => {
            let state = store.prepare_export(article.id, actor)?;
            let photos = write_media_beside(store, &state.article, target, metadata)?;
            let base_url = store.settings()?.base_url;
            let media_src = |p: &crate::PhotoPlacement| Some(media_path(p));
            let doc = ninjs::ninjs(
                &photos.article,
                &ninjs::RevisionStamp {
                    uid: &state.revision.uid,
                    number: state.revision.number,
                    at: state.revision.at,
                },
                &render::body_fragment(&photos.article, &media_src),
                &base_url,
                &|p| media_path(p),
            );
            super::write_atomic(target, ninjs::to_string(&doc).as_bytes())?;
            Ok(Vec::new())
        }
        Format::Md => {
            let photos = write_media_beside(store, article, target, metadata)?;
            super::write_atomic(
                target,
                article_file::to_markdown_with_media(&photos.article).as_bytes(),
            )?;
            Ok(Vec::new())
        }
    }
}

/// The article's photos in the `media/` folder beside `target`, named by
/// content (`media_path`), where the `md` and `ninjs` files' references
/// point; a file already there (another article's, an earlier export) has
/// those bytes already and is not written again. Returns the article as
/// exported (its photos named by the files written).
fn write_media_beside(
    store: &Store,
    article: &Article,
    target: &Path,
    metadata: PhotoMetadata,
) -> Result<Outgoing> {
    let photos = media::outgoing(store, article, metadata)?.complete()?;
    let dir = target.parent().unwrap_or(Path::new("."));
    for (name, bytes) in &photos.files {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        if let Some(media) = path.parent() {
            std::fs::create_dir_all(media).map_err(|e| CoreError::io(media, e))?;
        }
        super::write_atomic(&path, bytes)?;
    }
    Ok(photos)
}

#[cfg(test)]
mod tests {
    use super::Format;

    /// `--format` and the app read a format back from its name: two
    /// formats under one name would make one of them unreachable.
    #[test]
    fn every_format_is_read_back_from_its_name() {
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>().unwrap(), format);
        }
    }
}
