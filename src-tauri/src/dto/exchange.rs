//! Articles going out and coming in (`commands/exchange.rs`): the export
//! dialog's formats, progress and report, what importing a package did, and
//! the conflicts a package can leave for a person to settle.

use std::path::PathBuf;

use byline_core::{export::batch, merge, store};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use super::workflow::DiffPart;

/// What the export dialog writes, one file or folder per article: one of
/// the core's formats, by the name the core gives it (`html`,
/// `html-single`…). Not a list of its own: its TypeScript type is made from
/// `Format::ALL` and it travels as `Format::as_str`, so a format added to
/// the core reaches the UI's type, and the export dialog's list fails the
/// type check until it is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportFormat(pub batch::Format);

impl From<ExportFormat> for batch::Format {
    fn from(f: ExportFormat) -> Self {
        let ExportFormat(format) = f;
        format
    }
}

impl Serialize for ExportFormat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for ExportFormat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse()
            .map(ExportFormat)
            .map_err(serde::de::Error::custom)
    }
}

/// By hand, as ts-rs derives it for a unit enum, but from the core's list.
impl TS for ExportFormat {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn docs() -> Option<String> {
        Some(ts_rs::format_docs(&[
            " What the export dialog writes, one file or folder per article:",
            " one of the core's `export::batch::Format`s, by its `as_str`.",
        ]))
    }

    fn name(_: &ts_rs::Config) -> String {
        "ExportFormat".to_owned()
    }

    fn inline(_: &ts_rs::Config) -> String {
        batch::Format::ALL
            .iter()
            .map(|f| format!("\"{}\"", f.as_str()))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    fn decl(cfg: &ts_rs::Config) -> String {
        format!("type {} = {};", Self::name(cfg), Self::inline(cfg))
    }

    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }

    fn output_path() -> Option<PathBuf> {
        Some(PathBuf::from("ExportFormat.ts"))
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
    /// What had to be left out, one message each, for the UI to word.
    pub warnings: Vec<crate::ipc_error::IpcMessage>,
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
            warnings: warnings.iter().map(Into::into).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `#[ts(export)]` would generate: `cargo test` writes the binding.
    #[test]
    fn export_bindings_exportformat() {
        ExportFormat::export_all(&ts_rs::Config::from_env()).expect("could not export type");
    }

    /// Every format crosses IPC by its core name, both ways; any other name
    /// is refused with the list.
    #[test]
    fn every_core_format_crosses_by_its_name() {
        for format in batch::Format::ALL {
            let sent = serde_json::to_value(ExportFormat(format)).expect("serialises");
            assert_eq!(sent, serde_json::json!(format.as_str()));
            let back: ExportFormat = serde_json::from_value(sent).expect("deserialises");
            assert_eq!(back, ExportFormat(format));
        }
        let err = serde_json::from_value::<ExportFormat>(serde_json::json!("pdf")).unwrap_err();
        assert!(
            err.to_string()
                .contains("'pdf' is not an export format (html, html-single,"),
            "{err}"
        );
    }
}
