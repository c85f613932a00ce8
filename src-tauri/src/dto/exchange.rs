//! Articles going out and coming in (`commands/exchange.rs`): the export
//! dialog's formats, progress and report, what importing a package did, and
//! the conflicts a package can leave for a person to settle.

use byline_core::{export::batch, merge, store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::workflow::DiffPart;

/// What the export dialog writes, one file or folder per article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ExportFormat {
    /// `<slug>/index.html` and its `media/` folder.
    Html,
    /// `<slug>.html`, photos inlined.
    HtmlSingle,
    /// `<slug>.zip` for a website's CMS.
    Package,
    /// `<slug>.zip` for another Byline library, with comments and history.
    Handoff,
    /// `<slug>.ninjs.json` (IPTC ninjs).
    Ninjs,
    /// `<slug>.md`, photos in `media/` beside it.
    Md,
}

impl From<ExportFormat> for batch::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Html => batch::Format::Html,
            ExportFormat::HtmlSingle => batch::Format::HtmlSingle,
            ExportFormat::Package => batch::Format::Package,
            ExportFormat::Handoff => batch::Format::Handoff,
            ExportFormat::Ninjs => batch::Format::Ninjs,
            ExportFormat::Md => batch::Format::Md,
        }
    }
}

/// Sent after each article an export has written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    /// The headline of the article just written.
    pub headline: String,
}

impl From<&batch::Progress> for ExportProgress {
    fn from(p: &batch::Progress) -> Self {
        let batch::Progress {
            done,
            total,
            headline,
        } = p;
        ExportProgress {
            done: u32::try_from(*done).unwrap_or(u32::MAX),
            total: u32::try_from(*total).unwrap_or(u32::MAX),
            headline: headline.clone(),
        }
    }
}

/// What an export did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    /// Every file or folder written, one per article, in order.
    pub written: Vec<String>,
    /// What had to be left out, one line each.
    pub warnings: Vec<String>,
    /// Stopped before the end: `written` has what was done, each complete.
    pub cancelled: bool,
}

impl From<batch::Report> for ExportReport {
    fn from(r: batch::Report) -> Self {
        let batch::Report {
            written,
            warnings,
            cancelled,
        } = r;
        ExportReport {
            written: written.iter().map(|p| p.display().to_string()).collect(),
            warnings,
            cancelled,
        }
    }
}

/// What importing a package did to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcome {
    /// A new article.
    Created,
    /// The library already had this version.
    Unchanged,
    /// The article had not changed here: it is now the package's version.
    FastForward,
    /// Both sides changed it; `fields` came from the package.
    Merged,
    /// Both sides changed `fields`: nothing changed yet, a person picks.
    Conflict,
}

/// One package imported.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportedPackage {
    pub id: String,
    pub outcome: ImportOutcome,
    /// The fields merged or in conflict (`headline`, `sapo`, `body`…);
    /// empty for the other outcomes.
    pub fields: Vec<String>,
}

/// The names of merge fields, as the UI words them (`mergeFieldName`).
fn field_names(fields: &[merge::MergeField]) -> Vec<String> {
    fields.iter().map(|f| f.as_str().to_owned()).collect()
}

impl From<(byline_core::ArticleId, store::Outcome)> for ImportedPackage {
    fn from((id, outcome): (byline_core::ArticleId, store::Outcome)) -> Self {
        let (outcome, fields) = match outcome {
            store::Outcome::Created => (ImportOutcome::Created, Vec::new()),
            store::Outcome::Unchanged => (ImportOutcome::Unchanged, Vec::new()),
            store::Outcome::FastForward => (ImportOutcome::FastForward, Vec::new()),
            store::Outcome::Merged(fields) => (ImportOutcome::Merged, field_names(&fields)),
            store::Outcome::Conflict(fields) => (ImportOutcome::Conflict, field_names(&fields)),
        };
        ImportedPackage {
            id: id.to_string(),
            outcome,
            fields,
        }
    }
}

/// Which side of a conflict wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MergeSide {
    /// The article as this library has it.
    Local,
    /// The package's version.
    Incoming,
}

impl From<MergeSide> for store::Side {
    fn from(s: MergeSide) -> Self {
        match s {
            MergeSide::Local => store::Side::Local,
            MergeSide::Incoming => store::Side::Incoming,
        }
    }
}

/// One field both libraries changed, differently.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldConflict {
    /// `headline`, `sapo`, `body`, `keywords`, `photos`…
    pub field: String,
    /// As text: lists one item a line.
    pub local: String,
    pub incoming: String,
    /// From local to incoming, word by word.
    pub parts: Vec<DiffPart>,
}

impl From<store::FieldConflict> for FieldConflict {
    fn from(c: store::FieldConflict) -> Self {
        let store::FieldConflict {
            field,
            local,
            incoming,
            parts,
        } = c;
        FieldConflict {
            field: field.as_str().to_owned(),
            local,
            incoming,
            parts: parts.into_iter().map(Into::into).collect(),
        }
    }
}

/// The conflicts a package left on an article, waiting for a person.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PendingMerge {
    /// The package it came from.
    pub source: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The incoming version's revision number in this library.
    pub incoming_revision: u32,
    pub conflicts: Vec<FieldConflict>,
    /// What the merge takes from the package once the conflicts are settled.
    pub take_incoming: Vec<String>,
}

impl From<store::PendingMerge> for PendingMerge {
    fn from(m: store::PendingMerge) -> Self {
        let store::PendingMerge {
            source,
            at,
            incoming_revision,
            conflicts,
            take_incoming,
        } = m;
        PendingMerge {
            source,
            at: at.to_rfc3339(),
            incoming_revision,
            conflicts: conflicts.into_iter().map(Into::into).collect(),
            take_incoming: field_names(&take_incoming),
        }
    }
}
